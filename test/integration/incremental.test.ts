import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { Enclave } from "../../src/core/api/Enclave.js";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";

describe("incremental ingest", () => {
    const modelsDir = makeTempDir("no-models");
    let dataDir: string;
    let docs: string;
    let enclave: Enclave;

    beforeEach(async () => {
        await enclave?.dispose();
        dataDir = makeTempDir("incr-data");
        docs = makeTempDir("incr-docs");
        fs.writeFileSync(path.join(docs, "policy.md"), "# Retention policy\n\nClient files are kept for seven years after closing.\n");
        fs.writeFileSync(path.join(docs, "notes.txt"), "The quarterly audit is scheduled for the first Monday of March.\n");
        fs.copyFileSync(path.join(IRS_DIR, "iw9.pdf"), path.join(docs, "iw9.pdf"));
        enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
        await enclave.ingest({ collection: "c", folders: [docs], embedder: "none" });
    });

    afterAll(() => enclave?.dispose());

    async function topText(query: string, collection = "c"): Promise<string[]> {
        const result = await enclave.search({ collection, query, k: 5 });
        return result.hits.map((hit) => hit.text);
    }

    it("replaces a modified file: the old text is gone, the new one is found", async () => {
        const file = path.join(docs, "policy.md");
        fs.writeFileSync(file, "# Retention policy\n\nClient files are shredded after ten years.\n");
        fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
        const report = await enclave.ingest({ collection: "c", folders: [docs] });
        expect(report).toMatchObject({ files: 3, skipped: 2, removed: 0, failed: [] });
        expect((await topText("shredded")).join(" ")).toMatch(/shredded after ten years/);
        expect((await topText("seven years closing")).join(" ")).not.toMatch(/seven years/);
        const [info] = await enclave.collections();
        expect(info!.documents).toBe(3);
    });

    it("removes a deleted file from the index", async () => {
        fs.rmSync(path.join(docs, "notes.txt"));
        const report = await enclave.ingest({ collection: "c", folders: [docs] });
        expect(report.removed).toBe(1);
        expect(await topText("quarterly audit Monday")).toEqual([]);
        expect((await enclave.collections())[0]!.documents).toBe(2);
    });

    it("skips a file whose content is unchanged even when its modification time changed", async () => {
        fs.utimesSync(path.join(docs, "notes.txt"), new Date(), new Date(Date.now() + 60_000));
        const first = await enclave.ingest({ collection: "c", folders: [docs] });
        expect(first).toMatchObject({ skipped: 3, chunks: 0 });
        const second = await enclave.ingest({ collection: "c", folders: [docs] });
        expect(second).toMatchObject({ skipped: 3, chunks: 0 });
    });

    it("reports broken files by name and reason, indexes the rest and loses nothing already indexed", async () => {
        fs.writeFileSync(path.join(docs, "broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a pdf body");
        fs.writeFileSync(path.join(docs, "empty.txt"), "");
        fs.writeFileSync(path.join(docs, "fine.md"), "A new memo about parking permits.\n");
        const report = await enclave.ingest({ collection: "c", folders: [docs] });
        expect(report.failed.map((f) => path.basename(f.path)).sort()).toEqual(["broken.pdf", "empty.txt"]);
        for (const failure of report.failed) expect(failure.reason.length).toBeGreaterThan(5);
        expect((await topText("parking permits")).join(" ")).toMatch(/parking permits/);
        expect((await topText("seven years")).join(" ")).toMatch(/seven years/);
        expect((await enclave.collections())[0]!.documents).toBe(4);
    });

    it("keeps collections isolated and removes one without touching the other", async () => {
        const other = makeTempDir("incr-other");
        fs.writeFileSync(path.join(other, "a.txt"), "Only the other collection knows about the blue umbrella.\n");
        await enclave.ingest({ collection: "other", folders: [other], embedder: "none" });
        expect(await topText("blue umbrella")).toEqual([]);
        expect((await topText("blue umbrella", "other")).join(" ")).toMatch(/blue umbrella/);
        expect(await enclave.removeCollection("other")).toBe(true);
        expect((await enclave.collections()).map((c) => c.name)).toEqual(["c"]);
        await expect(enclave.search({ collection: "other", query: "umbrella" })).rejects.toThrow(/other/);
        expect(fs.existsSync(path.join(other, "a.txt"))).toBe(true);
    });

    it("ingesting a second folder keeps the documents of the first", async () => {
        const second = makeTempDir("incr-second");
        fs.writeFileSync(path.join(second, "b.txt"), "Second folder: the fire drill is on Thursday.\n");
        const report = await enclave.ingest({ collection: "c", folders: [second] });
        expect(report.removed).toBe(0);
        expect((await enclave.collections())[0]!.documents).toBe(4);
    });
});
