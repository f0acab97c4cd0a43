import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransformersEmbedder } from "../../src/core/embed/TransformersEmbedder.js";
import type { Reranker, TextEmbedder } from "../../src/core/embed/types.js";
import { CollectionStore } from "../../src/core/index/CollectionStore.js";
import { RRF_K } from "../../src/core/retrieve/fusion.js";
import { NO_EMBEDDER_NOTICE, Retriever } from "../../src/core/retrieve/Retriever.js";
import { ensureRandomBert, makeTempDir, SMALL_BERT } from "../helpers/assets.js";
import { documentWith } from "../helpers/documents.js";

// A real model with random weights: these tests check structure (modes, fallbacks, fusion, ranks, filters),
// not semantic quality. Embeddings are deterministic, so a chunk's own text finds that chunk first.
const corpus = [
    documentWith("/docs/irs/payments.txt", "p1", [
        "Estimated tax payments are due quarterly for self-employed individuals.",
        "Penalties apply when estimated payments are too small or late.",
    ]),
    documentWith("/docs/irs/charity.pdf", "c1", ["Charitable contributions may be deducted when you itemize deductions."], "pdf"),
    documentWith("/docs/home/garden.md", "g1", ["Tomatoes grow best in full sun with regular watering."], "md"),
    documentWith("/docs/home/kitchen.md", "k1", ["Bread dough rises faster in a warm kitchen."], "md"),
    documentWith("/docs/jp/tokyo.txt", "t1", ["東京は日本の首都であり、世界最大級の都市圏を形成している。"]),
];

/** Prefers shorter passages: deterministic and visibly different from the fused order. */
class ShortestFirstReranker implements Reranker {
    readonly id = "shortest-first";
    async score(_query: string, passages: string[]): Promise<number[]> {
        return passages.map((passage) => 1 / passage.length);
    }
    async dispose(): Promise<void> {}
}

describe("Retriever", () => {
    let root: string;
    let embedder: TransformersEmbedder;
    let keywordStore: CollectionStore;
    let vectorStore: CollectionStore;

    beforeAll(async () => {
        root = makeTempDir("retriever");
        embedder = await TransformersEmbedder.load(await ensureRandomBert(SMALL_BERT), { threads: 1 });
        keywordStore = await CollectionStore.open(path.join(root, "keyword"), "keyword", { create: true });
        await keywordStore.commitDocuments(corpus);
        await keywordStore.refreshIndexes();
        vectorStore = await CollectionStore.open(path.join(root, "vector"), "vector", { create: true, embedder: embedder.identity });
        const embedded = await Promise.all(
            corpus.map(async ({ document, chunks }) => {
                const vectors = await embedder.embedDocuments(chunks.map((chunk) => chunk.text));
                return { document, chunks: chunks.map((chunk, index) => ({ ...chunk, vector: vectors[index] })) };
            }),
        );
        await vectorStore.commitDocuments(embedded);
        await vectorStore.refreshIndexes();
    });

    afterAll(async () => {
        keywordStore?.close();
        vectorStore?.close();
        await embedder?.dispose();
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("searches by keyword without an embedder and says so", async () => {
        const retriever = new Retriever(keywordStore);
        const result = await retriever.search("charitable deductions");
        expect(result.mode).toBe("bm25");
        expect(result.notices).toEqual([NO_EMBEDDER_NOTICE]);
        expect(result.reranked).toBe(false);
        const [top] = result.hits;
        expect(top).toMatchObject({
            chunkId: corpus[1]!.chunks[0]!.id,
            path: "/docs/irs/charity.pdf",
            fileType: "pdf",
            title: "Title of charity.pdf",
            pageStart: 1,
            pageEnd: 1,
            headingPath: ["Guide", "Part 1"],
            ranks: { bm25: 1 },
        });
        expect(top!.score).toBe(top!.scores.bm25);
        expect(result.timings.totalMs).toBeGreaterThan(0);

        for (const mode of ["vector", "hybrid"] as const) {
            const fallback = await retriever.search("charitable deductions", { mode });
            expect(fallback.mode).toBe("bm25");
            expect(fallback.notices).toEqual([NO_EMBEDDER_NOTICE]);
        }
        expect((await retriever.search("charitable", { mode: "bm25" })).notices).toEqual([]);
    });

    it("falls back to keywords when the collection has no vectors or other vectors", async () => {
        const noVectors = await new Retriever(keywordStore, { embedder }).search("tomatoes", { mode: "hybrid" });
        expect(noVectors.mode).toBe("bm25");
        expect(noVectors.notices[0]).toMatch(/indexed without an embedder/);

        const other: TextEmbedder = {
            identity: { ...embedder.identity, fingerprint: "another-model" },
            embedDocuments: (texts) => embedder.embedDocuments(texts),
            embedQuery: (text) => embedder.embedQuery(text),
            dispose: async () => {},
        };
        const mismatched = await new Retriever(vectorStore, { embedder: other }).search("tomatoes");
        expect(mismatched.mode).toBe("bm25");
        expect(mismatched.notices[0]).toMatch(/differs from the installed/);
    });

    it("finds a chunk by its own text in vector mode", async () => {
        const target = corpus[3]!.chunks[0]!;
        const result = await new Retriever(vectorStore, { embedder }).search(target.text, { mode: "vector", k: 3 });
        expect(result.mode).toBe("vector");
        expect(result.notices).toEqual([]);
        expect(result.hits).toHaveLength(3);
        expect(result.hits[0]).toMatchObject({ chunkId: target.id, ranks: { vector: 1 } });
        expect(result.hits[0]!.scores.vector).toBeCloseTo(1, 4);
        expect(result.hits.map((hit) => hit.ranks.vector)).toEqual([1, 2, 3]);
        expect(result.timings.embedMs).toBeGreaterThan(0);
    });

    it("fuses keyword and vector lists in hybrid mode by default", async () => {
        const target = corpus[2]!.chunks[0]!;
        const result = await new Retriever(vectorStore, { embedder }).search(target.text, { k: 6 });
        expect(result.mode).toBe("hybrid");
        expect(result.hits[0]!.chunkId).toBe(target.id);
        expect(result.hits[0]!.ranks).toEqual({ bm25: 1, vector: 1 });
        for (const hit of result.hits) {
            const expected = [hit.ranks.bm25, hit.ranks.vector].reduce<number>((sum, rank) => sum + (rank ? 1 / (RRF_K + rank) : 0), 0);
            expect(hit.scores.rrf).toBeCloseTo(expected, 12);
            expect(hit.score).toBe(hit.scores.rrf);
        }
        const scores = result.hits.map((hit) => hit.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        // Every chunk is a vector candidate, so hybrid returns k hits even where keywords miss.
        expect(result.hits).toHaveLength(6);
    });

    it("applies filters to both lists", async () => {
        const retriever = new Retriever(vectorStore, { embedder });
        for (const mode of ["vector", "hybrid", "bm25"] as const) {
            const result = await retriever.search("estimated payments tomatoes", { mode, filters: { pathPrefixes: ["/docs/home/"] } });
            expect(result.hits.length).toBeGreaterThan(0);
            expect(result.hits.every((hit) => hit.path.startsWith("/docs/home/"))).toBe(true);
            const typed = await retriever.search("estimated payments tomatoes", { mode, filters: { fileTypes: ["pdf"] } });
            expect(typed.hits.map((hit) => hit.fileType)).toEqual(mode === "bm25" ? [] : ["pdf"]);
        }
    });

    it("reranks the fused candidates unless told not to", async () => {
        const retriever = new Retriever(vectorStore, { embedder, reranker: new ShortestFirstReranker(), rerankTop: 4 });
        const result = await retriever.search("estimated tax payments", { k: 3 });
        expect(result.reranked).toBe(true);
        expect(result.hits).toHaveLength(3);
        const lengths = result.hits.map((hit) => hit.text.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
        for (const hit of result.hits) {
            expect(hit.score).toBe(hit.scores.rerank);
            expect(hit.scores.rrf).toBeGreaterThan(0);
        }
        expect(result.timings.rerankMs).toBeGreaterThanOrEqual(0);

        const plain = await retriever.search("estimated tax payments", { k: 3, rerank: false });
        expect(plain.reranked).toBe(false);
        expect(plain.hits.every((hit) => hit.scores.rerank === undefined)).toBe(true);
    });

    it("searches Japanese text", async () => {
        const result = await new Retriever(keywordStore).search("日本の首都はどこ？");
        expect(result.hits[0]!.path).toBe("/docs/jp/tokyo.txt");
    });

    it("rejects empty queries and survives query syntax", async () => {
        const retriever = new Retriever(vectorStore, { embedder });
        await expect(retriever.search("   \n")).rejects.toMatchObject({ code: "EMPTY_QUERY" });
        for (const query of ['"unterminated', "title:(tax) AND NOT", "tax* ^2 ~1 +a -b", "the", "??"]) {
            await expect(retriever.search(query)).resolves.toMatchObject({ mode: "hybrid" });
        }
    });
});
