import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Enclave } from "../../src/core/api/Enclave.js";
import type { IngestEvent, IngestReport } from "../../src/core/types.js";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";

// Passages and the physical page each is printed on, located independently with poppler's pdftotext.
const KNOWN_PASSAGES = [
    { query: "Responsibility of parent. Generally, a child is responsible for filing", file: "p17.pdf", page: 10 },
    { query: "twice the highest federal per diem rate allowable at the time of your travel", file: "p463.pdf", page: 12 },
    { query: "both spouses may be responsible for any additional taxes assessed by the IRS", file: "i1040x.pdf", page: 6 },
    { query: "claim the American opportunity credit based on that dependent's expenses", file: "p970.pdf", page: 20 },
];

describe("ingesting the 52 IRS PDFs (lexical)", () => {
    const dataDir = makeTempDir("irs");
    const modelsDir = makeTempDir("no-models");
    let enclave: Enclave;
    let report: IngestReport;
    const events: IngestEvent[] = [];

    beforeAll(async () => {
        enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
        report = await enclave.ingest({ collection: "irs", folders: [IRS_DIR], embedder: "none" }, { onEvent: (e) => events.push(e) });
    }, 600_000);

    afterAll(async () => {
        await enclave.dispose();
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("indexes every file and page with no failures", () => {
        expect(report.failed).toEqual([]);
        expect(report.files).toBe(52);
        expect(report.pages).toBe(1519);
        expect(report.chunks).toBeGreaterThan(1519);
        expect(report.skipped).toBe(0);
        expect(report.embedder).toBeNull();
    });

    it("reports progress for every file, ending at the total", () => {
        const progress = events.filter((e) => e.type === "progress");
        expect(progress).toHaveLength(52);
        expect(progress.at(-1)).toMatchObject({ filesDone: 52, filesTotal: 52, pagesDone: 1519, chunksDone: report.chunks });
        expect(events.filter((e) => e.type === "file-done")).toHaveLength(52);
    });

    it.each(KNOWN_PASSAGES)("finds '$query' on page $page of $file", async ({ query, file, page }) => {
        const result = await enclave.search({ collection: "irs", query, k: 3 });
        expect(result.mode).toBe("bm25");
        const hit = result.hits.find((h) => path.basename(h.path) === file);
        expect(hit, `no hit from ${file} in ${result.hits.map((h) => path.basename(h.path)).join(", ")}`).toBeDefined();
        expect(hit!.pageStart).toBeLessThanOrEqual(page);
        expect(hit!.pageEnd).toBeGreaterThanOrEqual(page);
        expect(hit!.scores.bm25).toBeGreaterThan(0);
    });

    it("says search is keyword-only when no embedder is installed", async () => {
        const result = await enclave.search({ collection: "irs", query: "standard mileage rate", mode: "hybrid" });
        expect(result.mode).toBe("bm25");
        expect(result.notices.join(" ")).toMatch(/BM25/);
    });

    it("skips every unchanged file on a second run", async () => {
        const again = await enclave.ingest({ collection: "irs", folders: [IRS_DIR] });
        expect(again).toMatchObject({ files: 52, skipped: 52, pages: 0, chunks: 0, removed: 0, failed: [] });
        expect(again.seconds).toBeLessThan(30);
        const [info] = await enclave.collections();
        expect(info).toMatchObject({ name: "irs", documents: 52, pages: 1519, chunks: report.chunks });
    });
});
