import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Enclave } from "../../src/core/api/Enclave.js";
import { installRandomEmbedder, makeTempDir } from "../helpers/assets.js";

/**
 * The embedder's identity belongs to the collection: it is chosen once, used for every later ingest and
 * query, changed only by an explicit re-embed, and never mixed with another model's vectors. The embedder is
 * a real transformers.js model of random weights: these tests check the lifecycle, not relevance.
 */
describe("a collection's embedder", () => {
    const dataDir = makeTempDir("emb-data");
    const modelsDir = makeTempDir("emb-models");
    const docs = makeTempDir("emb-docs");
    let enclave: Enclave;
    let embedderName: string;

    beforeAll(async () => {
        embedderName = await installRandomEmbedder(modelsDir);
        fs.writeFileSync(path.join(docs, "a.md"), "# Leave\n\nStaff accrue two days of annual leave per month of service.\n");
        fs.writeFileSync(path.join(docs, "b.txt"), "Expense claims must be filed within thirty days with receipts attached.\n");
        enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
    });

    afterAll(() => enclave.dispose());

    it("is the installed embedder for a new collection, and search is hybrid", async () => {
        const report = await enclave.ingest({ collection: "hr", folders: [docs] });
        expect(report.embedder).toBe(embedderName);
        expect((await enclave.collections())[0]).toMatchObject({ name: "hr", embedder: embedderName, documents: 2 });
        const result = await enclave.search({ collection: "hr", query: "expense claims receipts" });
        expect(result.mode).toBe("hybrid");
        expect(result.notices).toEqual([]);
        expect(result.hits[0]!.text).toMatch(/Expense claims/);
        expect(result.hits[0]!.scores.bm25).toBeGreaterThan(0);
        expect(result.hits[0]!.scores.vector).toBeDefined();
        // Embeddings are deterministic: a passage's own text is its nearest neighbour.
        const vector = await enclave.search({ collection: "hr", query: "Staff accrue two days of annual leave per month of service.", mode: "vector", k: 1 });
        expect(vector.hits[0]!.text).toMatch(/annual leave/);
    });

    it("refuses another embedder on ingest and points to reembed", async () => {
        await expect(enclave.ingest({ collection: "hr", folders: [docs], embedder: "none" })).rejects.toThrow(/enclave reembed --collection hr/);
    });

    it("re-embeds explicitly: dropping vectors makes search keyword-only, adding them back restores hybrid", async () => {
        const dropped = await enclave.reembed({ collection: "hr", embedder: "none" });
        expect(dropped).toMatchObject({ embedder: null, documents: 2 });
        const keyword = await enclave.search({ collection: "hr", query: "annual leave", mode: "hybrid" });
        expect(keyword.mode).toBe("bm25");

        const restored = await enclave.reembed({ collection: "hr", embedder: embedderName });
        expect(restored).toMatchObject({ embedder: embedderName, chunks: dropped.chunks });
        expect((await enclave.search({ collection: "hr", query: "annual leave" })).mode).toBe("hybrid");
    });

    it("falls back to keyword search with a notice when the embedder is gone, and ingest says how to fix it", async () => {
        await enclave.dispose();
        fs.renameSync(path.join(modelsDir, "embedders"), path.join(modelsDir, "removed"));
        enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: makeTempDir("emb-none") } });
        const result = await enclave.search({ collection: "hr", query: "annual leave" });
        expect(result.mode).toBe("bm25");
        expect(result.notices.join(" ")).toMatch(/BM25/);
        await expect(enclave.ingest({ collection: "hr", folders: [docs] })).rejects.toThrow(new RegExp(`${embedderName}, which is not installed`));
    });
});
