/**
 * Embedding throughput of fp32 vs dynamically quantized int8 weights (dtype "auto" on a folder without a genuine
 * quantized export), all-MiniLM-L6-v2 shape with random weights, on real IRS chunks, batch 8. Runs alternate so a
 * change in machine load hits both; every run is printed, so the spread is visible.
 * Run: npx tsx bench/embedDtype.ts [repetitions=2] [chunkCount=600]
 */
import fs from "node:fs";
import path from "node:path";
import { TransformersEmbedder } from "../src/core/embed/TransformersEmbedder.js";
import type { ModelDtype } from "../src/core/embed/onnxWeights.js";
import { Chunker } from "../src/core/ingest/Chunker.js";
import { extractFile } from "../src/core/ingest/loaders/index.js";
import { cpuThreads } from "../src/core/system/hardware.js";
import { ensureRandomBert, IRS_DIR, MINILM_L6_BERT } from "../test/helpers/assets.js";

const repetitions = Number(process.argv[2] ?? 2);
const chunkCount = Number(process.argv[3] ?? 600);

const texts: string[] = [];
for (const file of fs.readdirSync(IRS_DIR).sort()) {
    if (texts.length >= chunkCount) break;
    for (const chunk of new Chunker().chunk(await extractFile(path.join(IRS_DIR, file)))) texts.push(chunk.text);
}
texts.length = Math.min(texts.length, chunkCount);

const modelDir = await ensureRandomBert(MINILM_L6_BERT);
const embedders = new Map<ModelDtype, TransformersEmbedder>();
for (const dtype of ["fp32", "auto"] as const) embedders.set(dtype, await TransformersEmbedder.load(modelDir, { dtype, batchSize: 8 }));
const tokenizer = (await import("@huggingface/transformers")).AutoTokenizer;
const countTokens = await tokenizer.from_pretrained(modelDir, { local_files_only: true });
const tokens = texts.reduce((sum, text) => sum + Math.min(countTokens.encode(text).length, 512), 0);
console.log(`${texts.length} IRS chunks, ${tokens} tokens (mean ${Math.round(tokens / texts.length)}), threads ${cpuThreads()}`);

const rows = [];
for (let repetition = 1; repetition <= repetitions; repetition++) {
    for (const [dtype, embedder] of embedders) {
        const started = performance.now();
        await embedder.embedDocuments(texts);
        const seconds = (performance.now() - started) / 1000;
        rows.push({ dtype: dtype === "auto" ? "int8 (auto)" : dtype, repetition, seconds: +seconds.toFixed(1), tokensPerSecond: Math.round(tokens / seconds) });
        console.log(rows.at(-1));
    }
}
console.table(rows);
for (const embedder of embedders.values()) await embedder.dispose();
