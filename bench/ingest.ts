/**
 * npm run bench:ingest [-- --folder DIR] — ingestion speed and peak memory on the IRS folder (52 PDFs,
 * 1,519 pages), keyword-only and with an embedder of all-MiniLM-L6-v2's exact shape (random weights:
 * speed is real, vectors are meaningless).
 */
import { execFile } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { resolveOnnxWeights } from "../src/core/embed/onnxWeights.js";
import { ensureRandomBert, IRS_DIR, makeTempDir, MINILM_L6_BERT } from "../test/helpers/assets.js";

/** One row per run (no embedder, then the MiniLM-shaped one), each in a fresh process. */
export async function benchIngest(folder: string): Promise<Array<Record<string, string | number>>> {
    const modelsDir = makeTempDir("bench-models");
    const embedderDir = await ensureRandomBert(MINILM_L6_BERT, path.join(modelsDir, "embedders"));
    // The int8 copy is made once per model, on its first load; like a user's later ingests, the runs reuse it.
    resolveOnnxWeights(embedderDir, "auto", path.join(modelsDir, "quantized"));
    const rows: Array<Record<string, string | number>> = [];
    for (const embedder of ["none", path.basename(embedderDir)]) {
        const { stdout } = await promisify(execFile)(
            process.execPath,
            ["--import", "tsx", path.join(import.meta.dirname, "ingestRun.ts"), folder, modelsDir, embedder],
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
    return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
    const { values } = parseArgs({ options: { folder: { type: "string", default: IRS_DIR } } });
    const rows = await benchIngest(values.folder!);
    console.log(`Ingest of ${values.folder} on ${os.availableParallelism()} cores (${os.cpus()[0]?.model})`);
    console.table(rows);
}
