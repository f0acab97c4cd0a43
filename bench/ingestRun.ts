/**
 * One measured ingest of a folder in a fresh process, so peak RSS belongs to this run alone.
 * Usage: tsx bench/ingestRun.ts <folder> <modelsDir> <embedder|none>; prints one JSON line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Enclave } from "../src/core/api/Enclave.js";
import { PeakRssSampler } from "./PeakRssSampler.js";

const [folder, modelsDir, embedder] = process.argv.slice(2) as [string, string, string];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-bench-"));
const enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
const memory = new PeakRssSampler();
try {
    const started = performance.now();
    const report = await enclave.ingest({ collection: "bench", folders: [folder], embedder });
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
        `${JSON.stringify({
            embedder: report.embedder ?? "none",
            files: report.files,
            failed: report.failed.length,
            pages: report.pages,
            chunks: report.chunks,
            seconds,
            pagesPerSecond: report.pages / seconds,
            chunksPerSecond: report.chunks / seconds,
            peakRssMB: memory.stop() / 1024 / 1024,
        })}\n`,
    );
} finally {
    await enclave.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
}
