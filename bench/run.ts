/**
 * npm run bench — every speed figure in one table: ingestion (IRS folder, with and without an embedder),
 * search latency (IRS collection by mode; synthetic 10k and 100k chunks), answer generation and its
 * overhead against bare LlamaCompletion. Takes several minutes on 2 cores.
 */
import os from "node:os";
import { IRS_DIR } from "../test/helpers/assets.js";
import { benchIngest } from "./ingest.js";
import { benchQuery, overheadRows } from "./query.js";
import { benchSearchAtScale } from "./scale.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const rows: Array<{ area: string; measure: string; value: string }> = [];
const add = (area: string, measure: string, value: string | number | boolean | undefined) => rows.push({ area, measure, value: String(value) });

log("Ingest…");
for (const run of await benchIngest(IRS_DIR)) {
    const label = `ingest IRS (${run.embedder === "none" ? "no embedder" : "MiniLM-L6 shape"})`;
    add(label, "pages / chunks", `${run.pages} / ${run.chunks} in ${run.seconds} s`);
    add(label, "pages/s · chunks/s", `${run["pages/s"]} · ${run["chunks/s"]}`);
    add(label, "peak RSS", `${run["peak RSS MB"]} MB`);
}
log("Search at scale…");
for (const run of await benchSearchAtScale([10_000, 100_000])) add(`search bm25, ${run.chunks} synthetic chunks`, "p50 / p95", `${run["p50 ms"]} / ${run["p95 ms"]} ms (indexed in ${run["index s"]} s)`);
log("Query and generation…");
const query = await benchQuery(log);
for (const run of query.searchRows) add(`search ${run.mode}, IRS ${query.chunks} chunks`, "p50 / p95", `${run["p50 ms"]} / ${run["p95 ms"]} ms`);
for (const run of query.answerRows) add("answer (TinyLlama)", String(run.question), `first token ${run["first token ms"]} ms, ${run["tokens/s"]} tokens/s, ${run["total s"]} s`);
for (const run of overheadRows(query.generation)) add("answer vs bare LlamaCompletion", String(run.measure), `${run.enclave} vs ${run["bare LlamaCompletion"]} (overhead ${run.overhead})`);

console.log(`Enclave benchmarks on ${os.availableParallelism()} cores (${os.cpus()[0]?.model}), Node ${process.versions.node}`);
console.table(rows);
