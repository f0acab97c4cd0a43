/**
 * npm run bench:query — search latency (p50/p95) in BM25, vector and hybrid modes on the IRS collection,
 * answer latency (time to first token, tokens/s) with the bundled TinyLlama chat model, and the answer
 * pipeline's overhead against node-llama-cpp's bare LlamaCompletion on the same prompts.
 * The embedder has all-MiniLM-L6-v2's exact shape with random weights: latency is real, relevance is not.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Enclave } from "../src/core/api/Enclave.js";
import { ChatModel } from "../src/core/generate/ChatModel.js";
import type { SearchMode } from "../src/core/types.js";
import { ensureRandomBert, ensureTinyLlama, IRS_DIR, makeTempDir, MINILM_L6_BERT } from "../test/helpers/assets.js";
import { compareWithBareCompletion, type GenerationTiming } from "./generation.js";
import { IRS_QUERIES } from "./queries.js";
import { percentile } from "./stats.js";

type Row = Record<string, string | number | boolean | undefined>;

export interface QueryBench {
    chunks: number;
    searchRows: Row[];
    answerRows: Row[];
    generation: { enclave: GenerationTiming; bare: GenerationTiming };
}

export async function benchQuery(log: (line: string) => void = console.log): Promise<QueryBench> {
    const modelsDir = makeTempDir("bench-models");
    await ensureRandomBert(MINILM_L6_BERT, path.join(modelsDir, "embedders"));
    const tinyLlama = await ensureTinyLlama();
    fs.symlinkSync(tinyLlama, path.join(modelsDir, "tinyllama-1.1b-chat.gguf"));
    const dataDir = makeTempDir("bench-query");
    const enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
    try {
        log("Indexing the IRS folder with the embedder…");
        const report = await enclave.ingest({ collection: "irs", folders: [IRS_DIR] });
        log(`${report.chunks} chunks from ${report.pages} pages in ${report.seconds}s`);

        const searchRows: Row[] = [];
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

        const answerRows: Row[] = [];
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

        log("Comparing with bare LlamaCompletion…");
        const cases = [];
        for (const question of IRS_QUERIES.slice(3, 8)) {
            cases.push({ question, hits: (await enclave.search({ collection: "irs", query: question, mode: "bm25", k: 4 })).hits });
        }
        const chatModel = await ChatModel.load(tinyLlama);
        try {
            const generation = await compareWithBareCompletion(chatModel, tinyLlama, cases);
            return { chunks: report.chunks, searchRows, answerRows, generation };
        } finally {
            await chatModel.dispose();
        }
    } finally {
        await enclave.dispose();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
}

/** The overhead of the answer pipeline over the bare completion, in percent (positive: slower). */
export function overheadRows({ enclave, bare }: QueryBench["generation"]): Row[] {
    const percent = (ours: number, base: number) => `${(((ours - base) / base) * 100).toFixed(1)}%`;
    return [
        { measure: "first token ms", enclave: enclave.firstTokenMs.toFixed(0), "bare LlamaCompletion": bare.firstTokenMs.toFixed(0), overhead: percent(enclave.firstTokenMs, bare.firstTokenMs) },
        { measure: "tokens/s", enclave: enclave.tokensPerSecond.toFixed(1), "bare LlamaCompletion": bare.tokensPerSecond.toFixed(1), overhead: percent(bare.tokensPerSecond, enclave.tokensPerSecond) },
    ];
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
    const result = await benchQuery();
    console.log(`Search over ${result.chunks} chunks on ${os.availableParallelism()} cores (${os.cpus()[0]?.model})`);
    console.table(result.searchRows);
    console.log("Answers with TinyLlama 1.1B Chat IQ2_XXS");
    console.table(result.answerRows);
    console.log("Answer pipeline vs bare LlamaCompletion, same prompts (medians of 5)");
    console.table(overheadRows(result.generation));
}
