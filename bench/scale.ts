/**
 * BM25 search latency on synthetic collections of 10k and 100k chunks: SQuAD 2.0 dev words drawn at their
 * real frequencies into ~120-word chunks, queried with SQuAD questions (k = 8, one query at a time).
 * Run: npx tsx bench/scale.ts [chunkCount...]
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadSquad } from "../src/core/eval/datasets.js";
import { EvalCollection } from "../src/core/eval/EvalCollection.js";
import { seededSample } from "../src/core/eval/sample.js";
import { DATASETS_DIR } from "../test/helpers/assets.js";
import { percentile } from "./stats.js";

const WORDS_PER_CHUNK = 120;
const QUERIES = 100;

export interface ScaleRow {
    chunks: number;
    "index s": string;
    "p50 ms": string;
    "p95 ms": string;
}

export async function benchSearchAtScale(chunkCounts: number[]): Promise<ScaleRow[]> {
    const squad = loadSquad(path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json"));
    const words = squad.paragraphs.flatMap((paragraph) => paragraph.text.split(/\s+/u));
    const queries = seededSample(squad.questions, QUERIES, 42).map((question) => question.question);
    const rows: ScaleRow[] = [];
    for (const count of chunkCounts) {
        // A seeded draw of word positions: real word frequencies, no two chunks alike, the same corpus every run.
        const positions = seededSample(Array.from({ length: words.length }, (_, index) => index), words.length, count);
        const documents = Array.from({ length: count }, (_, index) => ({
            id: `s${index}`,
            title: null,
            text: Array.from({ length: WORDS_PER_CHUNK }, (_, offset) => words[positions[(index * WORDS_PER_CHUNK + offset) % positions.length]!]).join(" "),
        }));
        const collection = await EvalCollection.create(documents);
        try {
            await collection.retriever.search("warm up", { mode: "bm25" });
            const times: number[] = [];
            for (const query of queries) {
                const started = performance.now();
                await collection.retriever.search(query, { mode: "bm25", k: 8 });
                times.push(performance.now() - started);
            }
            rows.push({
                chunks: count,
                "index s": collection.indexSeconds.toFixed(1),
                "p50 ms": percentile(times, 50).toFixed(1),
                "p95 ms": percentile(times, 95).toFixed(1),
            });
        } finally {
            collection.dispose();
        }
    }
    return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
    const counts = process.argv.slice(2).map(Number);
    console.table(await benchSearchAtScale(counts.length > 0 ? counts : [10_000, 100_000]));
}
