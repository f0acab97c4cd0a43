/**
 * Embedding throughput on the all-MiniLM-L6-v2 shape (random weights): batch sizes, fp32 vs int8 ("auto"), length-sorted
 * vs unsorted batches. Passages are ~200-token runs of SQuAD 2.0 dev paragraphs.
 * Run: npx tsx bench/embed.ts [passageCount=2000]
 */
import fs from "node:fs";
import path from "node:path";
import { AutoTokenizer } from "@huggingface/transformers";
import { TransformersEmbedder } from "../src/core/embed/TransformersEmbedder.js";
import type { ModelDtype } from "../src/core/embed/onnxWeights.js";
import { cpuThreads } from "../src/core/system/hardware.js";
import { DATASETS_DIR, ensureRandomBert, MINILM_L6_BERT } from "../test/helpers/assets.js";

const TARGET_TOKENS = 200;

interface Squad {
    data: { paragraphs: { context: string }[] }[];
}

/** Consecutive paragraphs joined and cut at a word boundary so each passage has about TARGET_TOKENS tokens. */
function passages(count: number, countTokens: (text: string) => number): string[] {
    const squad = JSON.parse(fs.readFileSync(path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json"), "utf8")) as Squad;
    const words = squad.data.flatMap((article) => article.paragraphs.map((paragraph) => paragraph.context)).join(" ").split(/\s+/);
    const result: string[] = [];
    let start = 0;
    while (result.length < count) {
        let end = start + 120;
        while (countTokens(words.slice(start, end).join(" ")) < TARGET_TOKENS) end += 10;
        result.push(words.slice(start, end).join(" "));
        start = end % (words.length - 1000);
    }
    return result;
}

async function measure(modelDir: string, texts: string[], tokens: number, dtype: ModelDtype, batchSize: number, sorted: boolean) {
    const embedder = await TransformersEmbedder.load(modelDir, { dtype, batchSize });
    const started = performance.now();
    if (sorted) {
        await embedder.embedDocuments(texts);
    } else {
        // One call per batch: sorting then only reorders within the batch, i.e. batches keep corpus order.
        for (let start = 0; start < texts.length; start += batchSize) await embedder.embedDocuments(texts.slice(start, start + batchSize));
    }
    const seconds = (performance.now() - started) / 1000;
    await embedder.dispose();
    return {
        dtype,
        batchSize,
        sorted,
        seconds: +seconds.toFixed(1),
        chunksPerSecond: +(texts.length / seconds).toFixed(1),
        tokensPerSecond: Math.round(tokens / seconds),
        rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
}

const modelDir = await ensureRandomBert(MINILM_L6_BERT);
const tokenizer = await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true });
const countTokens = (text: string): number => tokenizer.encode(text).length;
const texts = passages(Number(process.argv[2] ?? 2000), countTokens);
// Real chunks vary in length; mix in shorter ones (a quarter to a full passage) so sorting has something to do.
const mixed = texts.map((text, index) => text.split(" ").slice(0, Math.ceil(((index % 4) + 1) / 4 * text.split(" ").length)).join(" "));
const tokens = mixed.reduce((sum, text) => sum + countTokens(text), 0);
console.log(`${mixed.length} passages, ${tokens} tokens (mean ${Math.round(tokens / mixed.length)}), threads ${cpuThreads()}`);

const runs = [
    ["fp32", 8, true], ["fp32", 16, true], ["fp32", 32, true], ["fp32", 64, true],
    ["fp32", 16, false], ["fp32", 32, false], ["auto", 8, true],
] as const;
const rows = [];
for (const [dtype, batchSize, sorted] of runs) {
    rows.push(await measure(modelDir, mixed, tokens, dtype, batchSize, sorted));
    console.log(rows.at(-1));
}
console.table(rows);
