/**
 * npm run bench:ingest [-- --folder DIR] — ingestion speed and peak memory on the IRS folder (52 PDFs,
 * 1,519 pages), keyword-only and with an embedder of all-MiniLM-L6-v2's exact shape (random weights:
 * speed is real, vectors are meaningless).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { ensureRandomBert, IRS_DIR, makeTempDir, MINILM_L6_BERT } from "../test/helpers/assets.js";

const { values } = parseArgs({ options: { folder: { type: "string", default: IRS_DIR } } });
const modelsDir = makeTempDir("bench-models");
const embedderDir = await ensureRandomBert(MINILM_L6_BERT, path.join(modelsDir, "embedders"));

const rows: Array<Record<string, string | number>> = [];
for (const embedder of ["none", path.basename(embedderDir)]) {
    const { stdout } = await promisify(execFile)(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "ingestRun.ts"), values.folder!, modelsDir, embedder],
        { maxBuffer: 16 * 1024 * 1024 },
    );
    const run = JSON.parse(stdout.trim().split("\n").at(-1)!);
    rows.push({
        embedder: run.embedder,
        files: run.files,
        failed: run.failed,
        pages: run.pages,
        chunks: run.chunks,
        seconds: run.seconds.toFixed(1),
        "pages/s": run.pagesPerSecond.toFixed(2),
        "chunks/s": run.chunksPerSecond.toFixed(1),
        "peak RSS MB": Math.round(run.peakRssMB),
    });
}
console.log(`Ingest of ${values.folder} on ${os.availableParallelism()} cores (${os.cpus()[0]?.model})`);
console.table(rows);
