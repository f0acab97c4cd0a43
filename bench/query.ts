/**
 * npm run bench:query — search latency (p50/p95) in BM25, vector and hybrid modes on the IRS collection,
 * and answer latency (time to first token, tokens/s) with the bundled TinyLlama chat model.
 * The embedder has all-MiniLM-L6-v2's exact shape with random weights: latency is real, relevance is not.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Enclave } from "../src/core/api/Enclave.js";
import type { SearchMode } from "../src/core/types.js";
import { ensureRandomBert, ensureTinyLlama, IRS_DIR, makeTempDir, MINILM_L6_BERT } from "../test/helpers/assets.js";
import { IRS_QUERIES } from "./queries.js";
import { percentile } from "./stats.js";

const modelsDir = makeTempDir("bench-models");
await ensureRandomBert(MINILM_L6_BERT, path.join(modelsDir, "embedders"));
fs.symlinkSync(await ensureTinyLlama(), path.join(modelsDir, "tinyllama-1.1b-chat.gguf"));
const dataDir = makeTempDir("bench-query");
const enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });

try {
    console.log("Indexing the IRS folder with the embedder…");
    const report = await enclave.ingest({ collection: "irs", folders: [IRS_DIR] });
    console.log(`${report.chunks} chunks from ${report.pages} pages in ${report.seconds}s\n`);

    const searchRows = [];
    for (const mode of ["bm25", "vector", "hybrid"] as SearchMode[]) {
        await enclave.search({ collection: "irs", query: "warm up", mode });
        const times: number[] = [];
        for (const query of IRS_QUERIES) {
            const started = performance.now();
            await enclave.search({ collection: "irs", query, mode, k: 8 });
            times.push(performance.now() - started);
        }
        searchRows.push({ mode, queries: times.length, "p50 ms": percentile(times, 50).toFixed(1), "p95 ms": percentile(times, 95).toFixed(1) });
    }
    console.log(`Search over ${report.chunks} chunks on ${os.availableParallelism()} cores (${os.cpus()[0]?.model})`);
    console.table(searchRows);

    const answerRows = [];
    for (const question of IRS_QUERIES.slice(0, 3)) {
        const result = await enclave.ask({ collection: "irs", question, mode: "bm25", maxTokens: 96 });
        answerRows.push({
            question: question.slice(0, 48),
            found: result.found,
            "retrieval ms": Math.round(result.timings.retrievalMs),
            "first token ms": Math.round(result.timings.firstTokenMs ?? NaN),
            tokens: result.timings.tokens,
            "tokens/s": result.timings.tokensPerSecond?.toFixed(1),
            "total s": (result.timings.totalMs / 1000).toFixed(1),
        });
    }
    console.log(`Answers with ${answerRows.length ? "TinyLlama 1.1B Chat IQ2_XXS" : "-"}`);
    console.table(answerRows);
} finally {
    await enclave.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
}
