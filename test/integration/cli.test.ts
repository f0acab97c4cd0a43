import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";
import { runCli } from "../helpers/runCli.js";

describe("enclave CLI", () => {
    const dataDir = makeTempDir("cli");
    const env = { ENCLAVE_DATA_DIR: dataDir, ENCLAVE_MODELS_DIR: makeTempDir("no-models") };
    const docs = makeTempDir("cli-docs");
    fs.copyFileSync(path.join(IRS_DIR, "i1040x.pdf"), path.join(docs, "i1040x.pdf"));
    fs.writeFileSync(path.join(docs, "broken.pdf"), "not a pdf at all");

    it("ingests a folder and prints the stable JSON report, naming failed files", async () => {
        const run = await runCli(["ingest", docs, "--collection", "irs", "--json"], { env });
        expect(run.code).toBe(0);
        const report = JSON.parse(run.stdout);
        expect(report).toMatchObject({ files: 2, pages: 12, skipped: 0 });
        expect(report.chunks).toBeGreaterThan(12);
        expect(report.failed).toEqual([{ path: path.join(docs, "broken.pdf"), reason: expect.stringMatching(/PDF/i) }]);
        expect(typeof report.seconds).toBe("number");
    });

    it("searches with provenance and scores", async () => {
        const run = await runCli(["search", "amended return for a deceased taxpayer", "-c", "irs", "-k", "3", "--json"], { env });
        expect(run.code).toBe(0);
        const result = JSON.parse(run.stdout);
        expect(result.hits).toHaveLength(3);
        for (const hit of result.hits) {
            expect(hit.path).toBe(path.join(docs, "i1040x.pdf"));
            expect(hit.pageStart).toBeGreaterThanOrEqual(1);
            expect(hit.score).toBeGreaterThan(0);
        }
    });

    it("answers extractively with numbered citations when asked for no chat model", async () => {
        const run = await runCli(["ask", "When must you file Form 1040-X to claim a refund?", "-c", "irs", "--model", "none", "--json"], { env });
        expect(run.code).toBe(0);
        const answer = JSON.parse(run.stdout);
        expect(answer.found).toBe(true);
        expect(answer.model).toBeNull();
        expect(answer.citations.length).toBeGreaterThan(0);
        expect(answer.citations[0]).toMatchObject({ n: expect.any(Number), path: path.join(docs, "i1040x.pdf"), page: expect.any(Number) });
        expect(answer.answer).toMatch(/\[\d+\]/);
    });

    it("prints readable human output", async () => {
        const run = await runCli(["ask", "When must you file Form 1040-X to claim a refund?", "-c", "irs", "--model", "none"], { env });
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/Sources:/);
        expect(run.stdout).toMatch(/\[1\] .*i1040x\.pdf, p\. \d+/);
        const collections = await runCli(["collections"], { env });
        expect(collections.stdout).toMatch(/^irs\s+1 docs\s+12 pages/m);
    });

    it("lists, reports doctor and removes collections as JSON", async () => {
        const list = JSON.parse((await runCli(["collections", "--json"], { env })).stdout);
        expect(list).toEqual([expect.objectContaining({ name: "irs", documents: 1, pages: 12, embedder: null })]);
        const doctor = JSON.parse((await runCli(["doctor", "--json"], { env })).stdout);
        expect(doctor.dataDir).toBe(dataDir);
        expect(doctor.cpu.threads).toBeGreaterThanOrEqual(1);
        expect(doctor.modelSearchPath[0]).toBe(env.ENCLAVE_MODELS_DIR);
        expect(doctor.versions["node-llama-cpp"]).toMatch(/^\d+\./);
        const removed = await runCli(["remove", "irs", "--json"], { env });
        expect(JSON.parse(removed.stdout)).toEqual({ removed: "irs" });
        expect(JSON.parse((await runCli(["collections", "--json"], { env })).stdout)).toEqual([]);
    });

    it("fails with a clear message and a non-zero code on bad input", async () => {
        const missing = await runCli(["search", "x", "-c", "nope"], { env });
        expect(missing.code).toBe(1);
        expect(missing.stderr).toMatch(/nope/);
        const badName = await runCli(["ingest", docs, "-c", "../escape", "--json"], { env });
        expect(badName.code).toBe(1);
        expect(JSON.parse(badName.stdout).error.code).toBe("BAD_REQUEST");
        const noFolder = await runCli(["ingest", path.join(docs, "missing-folder"), "-c", "x"], { env });
        expect(noFolder.code).toBe(1);
        expect(noFolder.stderr).toMatch(/missing-folder: no such file or folder/);
    });
});
