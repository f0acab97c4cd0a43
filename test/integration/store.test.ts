import fs from "node:fs";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmbedderIdentity } from "../../src/core/embed/types.js";
import { CollectionStore } from "../../src/core/index/CollectionStore.js";
import { toChunkRow } from "../../src/core/index/schema.js";
import { makeTempDir } from "../helpers/assets.js";
import { documentWith } from "../helpers/documents.js";

/** A real, deterministic embedder: letter-frequency vectors, L2-normalised. */
const LETTERS: EmbedderIdentity = { id: "letters", dims: 26, pooling: "mean", normalize: true, fingerprint: "letters-v1" };
async function embedLetters(texts: string[]): Promise<Float32Array[]> {
    return texts.map((text) => {
        const vector = new Float32Array(26);
        for (const char of text.toLowerCase()) {
            const code = char.charCodeAt(0) - 97;
            if (code >= 0 && code < 26) vector[code]! += 1;
        }
        const norm = Math.hypot(...vector) || 1;
        return vector.map((value) => value / norm);
    });
}

describe("CollectionStore", () => {
    let dir: string;
    let store: CollectionStore;
    const taxes = documentWith("/docs/irs/taxes.txt", "a1", [
        "Estimated tax payments are due quarterly for self-employed individuals.",
        "Charitable contributions may be deducted when you itemize deductions.",
    ]);
    const garden = documentWith("/docs/home/garden.md", "b1", ["Tomatoes grow best in full sun with regular watering."], "md");
    const japanese = documentWith("/docs/jp/tokyo.txt", "c1", ["東京は日本の首都であり、世界最大級の都市圏を形成している。Tokyo is large."]);

    beforeEach(async () => {
        dir = path.join(makeTempDir("store"), "collection");
        store = await CollectionStore.open(dir, "test", { create: true });
    });
    afterEach(() => {
        store.close();
        fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    });

    it("refuses to open a missing collection unless asked to create it", async () => {
        await expect(CollectionStore.open(path.join(dir, "nope"), "nope")).rejects.toMatchObject({ code: "COLLECTION_NOT_FOUND" });
        expect(store.meta).toMatchObject({ schemaVersion: 1, name: "test", embedder: null, chunksTable: "chunks" });
        expect(JSON.parse(fs.readFileSync(path.join(dir, "collection.json"), "utf8")).name).toBe("test");
    });

    it("commits documents and finds chunks with full provenance", async () => {
        await store.commitDocuments([taxes, garden]);
        await store.refreshIndexes();
        const hits = await store.searchText("charitable deduction", { k: 5 });
        // Every provenance field round-trips: ids, path, type, pages, offsets, headings, text.
        expect(hits[0]!.chunk).toEqual(taxes.chunks[1]);
        expect(hits[0]!.score).toBeGreaterThan(0);
        expect(await store.listDocuments()).toHaveLength(2);
        expect(await store.stats()).toMatchObject({ documents: 2, chunks: 3, pages: 3 });

        store.close();
        store = await CollectionStore.open(dir, "test");
        expect((await store.listDocuments()).find((doc) => doc.docId === taxes.document.docId)).toEqual(taxes.document);
    });

    it("replaces a document's chunks when a new version is committed, and removes documents", async () => {
        await store.commitDocuments([taxes, garden]);
        const revised = documentWith("/docs/irs/taxes.txt", "a2", ["Mileage rates changed for business travel this year."]);
        await store.commitDocuments([revised]);
        await store.refreshIndexes();
        expect(await store.searchText("quarterly estimated payments", { k: 5 })).toEqual([]);
        expect((await store.searchText("mileage", { k: 5 }))[0]!.chunk.id).toBe(revised.chunks[0]!.id);
        expect(await store.sweepOrphans()).toBe(0);

        // Same version, no chunks: only the row changes (a new mtime), the chunks stay.
        await store.commitDocuments([{ document: { ...revised.document, mtimeMs: 5 }, chunks: [] }]);
        expect(await store.searchText("mileage", { k: 5 })).toHaveLength(1);

        await store.removeDocuments([revised.document.docId]);
        expect(await store.searchText("mileage", { k: 5 })).toEqual([]);
        expect((await store.listDocuments()).map((doc) => doc.docId)).toEqual([garden.document.docId]);
        expect(await store.stats()).toMatchObject({ documents: 1, chunks: 1 });
    });

    it("hides chunks of an uncommitted version after a crash and sweeps them", async () => {
        await store.commitDocuments([taxes]);
        store.close();
        // The crash: step 1 of a commit (chunks of version a2 added) without step 2 (the documents row).
        const crashed = documentWith("/docs/irs/taxes.txt", "a2", ["Quarterly estimated payments moved to a new schedule."]);
        const db = await lancedb.connect(path.join(dir, "lancedb"));
        const table = await db.openTable("chunks");
        await table.add(crashed.chunks.map((chunk) => toChunkRow(chunk, undefined)));
        table.close();
        db.close();

        store = await CollectionStore.open(dir, "test");
        const hits = await store.searchText("quarterly estimated payments", { k: 5 });
        expect(hits.map((hit) => hit.chunk.id)).toEqual([taxes.chunks[0]!.id]);
        // k = 1: the orphan ranks first, so search must fetch further to fill k.
        expect((await store.searchText("quarterly estimated payments schedule", { k: 1 }))[0]!.chunk.id).toBe(taxes.chunks[0]!.id);
        expect(await store.sweepOrphans()).toBe(1);
        expect(await store.sweepOrphans()).toBe(0);
        expect((await store.searchText("schedule", { k: 5 }))).toEqual([]);
    });

    it("ranks rows written since the last refresh by score", async () => {
        // Without the refresh inside search, LanceDB lists earlier fragments first and cuts at the limit.
        await store.commitDocuments([taxes]);
        await store.commitDocuments([documentWith("/docs/later.txt", "l1", ["Quarterly quarterly estimated payments schedule."])]);
        expect((await store.searchText("quarterly schedule", { k: 1 }))[0]!.chunk.path).toBe("/docs/later.txt");
    });

    it("filters by path prefix and file type, with quotes in paths", async () => {
        const quoted = documentWith("/docs/o'brien/notes.txt", "d1", ["Tomatoes need sun, said O'Brien."]);
        await store.commitDocuments([taxes, garden, quoted]);
        await store.refreshIndexes();
        const ids = async (filters: object) => (await store.searchText("tomatoes sun", { k: 10, filters })).map((hit) => hit.chunk.docId).sort();
        expect(await ids({})).toEqual([garden.document.docId, quoted.document.docId].sort());
        expect(await ids({ pathPrefixes: ["/docs/home/"] })).toEqual([garden.document.docId]);
        expect(await ids({ pathPrefixes: ["/docs/o'brien"] })).toEqual([quoted.document.docId]);
        expect(await ids({ fileTypes: ["md"] })).toEqual([garden.document.docId]);
        expect(await ids({ fileTypes: ["pdf"] })).toEqual([]);
        expect(await ids({ pathPrefixes: ["/docs/irs", "/docs/home"], fileTypes: ["txt", "md"] })).toEqual([garden.document.docId]);
    });

    it("finds Japanese text by a Japanese query and mixed queries", async () => {
        await store.commitDocuments([taxes, garden, japanese]);
        await store.refreshIndexes();
        expect((await store.searchText("日本の首都はどこですか", { k: 3 }))[0]!.chunk.docId).toBe(japanese.document.docId);
        expect((await store.searchText("首都 Tokyo", { k: 3 }))[0]!.chunk.docId).toBe(japanese.document.docId);
        // Unigrams are indexed too, so the control query shares no character with the text.
        expect(await store.searchText("札幌", { k: 3 })).toEqual([]);
    });

    it("does not throw on full-text syntax in queries", async () => {
        await store.commitDocuments([taxes]);
        await store.refreshIndexes();
        for (const query of ['"tax', "tax: (payments) AND OR NOT", "tax* ~2 ^3 +x -y", "it's \\ / [x]", "the"]) {
            await expect(store.searchText(query, { k: 3 })).resolves.toBeInstanceOf(Array);
        }
        expect((await store.searchText('"estimated tax" AND (quarterly)', { k: 3 }))[0]!.chunk.id).toBe(taxes.chunks[0]!.id);
    });

    it("refuses a collection written with another schema version", async () => {
        store.close();
        const metaFile = path.join(dir, "collection.json");
        const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
        fs.writeFileSync(metaFile, JSON.stringify({ ...meta, schemaVersion: 99 }));
        await expect(CollectionStore.open(dir, "test")).rejects.toMatchObject({ code: "SCHEMA_MISMATCH", message: expect.stringContaining("newer") });
        fs.writeFileSync(metaFile, JSON.stringify({ ...meta, schemaVersion: 0 }));
        await expect(CollectionStore.open(dir, "test")).rejects.toMatchObject({ code: "SCHEMA_MISMATCH", message: expect.stringContaining("older") });
        fs.writeFileSync(metaFile, JSON.stringify(meta));
        store = await CollectionStore.open(dir, "test");
    });

    it("re-embeds into a new table, switches atomically and drops the old one", async () => {
        await store.commitDocuments([taxes, garden]);
        await expect(store.searchVector(new Float32Array(26), { k: 1 })).rejects.toMatchObject({ code: "NO_EMBEDDER" });
        const progress: number[] = [];
        await store.replaceEmbeddings({ identity: LETTERS, embedDocuments: embedLetters }, { batchSize: 2, onProgress: (done) => progress.push(done) });
        expect(progress).toEqual([2, 3]);
        expect(store.meta.embedder).toEqual(LETTERS);
        expect(store.meta.chunksTable).not.toBe("chunks");
        const db = await lancedb.connect(path.join(dir, "lancedb"));
        expect((await db.tableNames()).sort()).toEqual(["documents", store.meta.chunksTable].sort());
        db.close();

        const [query] = await embedLetters([garden.chunks[0]!.text]);
        const hits = await store.searchVector(query!, { k: 3 });
        expect(hits[0]!.chunk.id).toBe(garden.chunks[0]!.id);
        expect(hits[0]!.score).toBeCloseTo(1, 5);
        expect((await store.searchVector(query!, { k: 3, filters: { fileTypes: ["txt"] } })).every((hit) => hit.chunk.fileType === "txt")).toBe(true);
        // Keyword search keeps working on the rebuilt table.
        expect((await store.searchText("tomatoes", { k: 3 }))[0]!.chunk.id).toBe(garden.chunks[0]!.id);

        // New commits must carry vectors of the right size.
        const extra = documentWith("/docs/extra.txt", "e1", ["Extra words."]);
        await expect(store.commitDocuments([extra])).rejects.toMatchObject({ code: "EMBEDDER_MISMATCH" });
        const vectors = await embedLetters(extra.chunks.map((chunk) => chunk.text));
        await store.commitDocuments([{ document: extra.document, chunks: extra.chunks.map((chunk, i) => ({ ...chunk, vector: vectors[i] })) }]);

        store.close();
        store = await CollectionStore.open(dir, "test");
        expect(store.meta.embedder).toEqual(LETTERS);
        expect((await store.searchVector(query!, { k: 1 }))[0]!.chunk.id).toBe(garden.chunks[0]!.id);

        // Back to keyword-only: vectors are dropped with the table.
        await store.replaceEmbeddings(null);
        expect(store.meta.embedder).toBeNull();
        expect((await store.searchText("extra", { k: 1 }))[0]!.chunk.id).toBe(extra.chunks[0]!.id);
    });

    it("keeps the old table when re-embedding fails", async () => {
        await store.commitDocuments([taxes]);
        const failing = { identity: LETTERS, embedDocuments: async () => { throw new Error("model crashed"); } };
        await expect(store.replaceEmbeddings(failing)).rejects.toThrow("model crashed");
        expect(store.meta).toMatchObject({ embedder: null, chunksTable: "chunks" });
        expect(await store.searchText("quarterly", { k: 1 })).toHaveLength(1);
    });

    it("compacts many small commits at refresh and indexes every row", async () => {
        for (let i = 0; i < 12; i++) await store.commitDocuments([documentWith(`/docs/many/${i}.txt`, `m${i}`, [`Note number ${i} about zebras.`])]);
        await store.refreshIndexes();
        const db = await lancedb.connect(path.join(dir, "lancedb"));
        const table = await db.openTable("chunks");
        const stats = await table.stats();
        const indexes = await table.listIndices();
        table.close();
        db.close();
        expect(stats.fragmentStats.numFragments).toBe(1);
        expect(indexes.every((index) => index.numUnindexedRows === 0)).toBe(true);
        expect(await store.searchText("zebras", { k: 20 })).toHaveLength(12);
    });

    it("removes a closed collection folder", async () => {
        store.close();
        CollectionStore.remove(dir);
        expect(fs.existsSync(dir)).toBe(false);
        expect(() => CollectionStore.remove(dir)).toThrow(/holds no collection/);
        store = await CollectionStore.open(dir, "test", { create: true });
    });
});
