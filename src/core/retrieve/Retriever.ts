import type { Reranker, TextEmbedder } from "../embed/types.js";
import { EnclaveError } from "../errors.js";
import { sameEmbedder } from "../index/collectionMeta.js";
import type { CollectionStore, StoredChunk, StoredHit } from "../index/CollectionStore.js";
import type { SearchHit, SearchMode, SearchOptions, SearchResult } from "../types.js";
import { reciprocalRankFusion } from "./fusion.js";

export const NO_EMBEDDER_NOTICE = "No embedder installed: results are keyword (BM25) only.";

export interface RetrieverOptions {
    /** Embeds queries for vector and hybrid search; must match the collection's embedder. Default: null (BM25 only) */
    embedder?: TextEmbedder | null;
    /** Rescores the best fused candidates. Default: null (no reranking) */
    reranker?: Reranker | null;
    /** Candidates per list before fusion (raised to `k` when smaller). Default: 50 */
    candidates?: number;
    /** Candidates reranked (raised to `k` when smaller). Default: 30 */
    rerankTop?: number;
}

interface Candidate {
    chunk: StoredChunk;
    score: number;
    scores: SearchHit["scores"];
    ranks: SearchHit["ranks"];
}

/** Keyword, vector and hybrid (reciprocal rank fusion) search over one collection, with optional reranking. */
export class Retriever {
    private readonly embedder: TextEmbedder | null;
    private readonly reranker: Reranker | null;
    private readonly candidates: number;
    private readonly rerankTop: number;

    constructor(
        private readonly store: CollectionStore,
        options: RetrieverOptions = {},
    ) {
        this.embedder = options.embedder ?? null;
        this.reranker = options.reranker ?? null;
        this.candidates = options.candidates ?? 50;
        this.rerankTop = options.rerankTop ?? 30;
    }

    async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
        const started = performance.now();
        const text = query.trim();
        if (!text) throw new EnclaveError("EMPTY_QUERY", "The search query is empty: type a question or some keywords.");
        const k = options.k ?? 8;
        const notices: string[] = [];
        const unavailable = this.vectorUnavailableReason();
        let mode: SearchMode = options.mode ?? (unavailable ? "bm25" : "hybrid");
        if (unavailable && options.mode !== "bm25") {
            mode = "bm25";
            notices.push(unavailable);
        }

        const listSize = Math.max(this.candidates, k);
        const searchOptions = { k: listSize, filters: options.filters };
        let embedMs: number | undefined;
        const searchStarted = performance.now();
        const [keyword, vector] = await Promise.all([
            mode === "vector" ? null : this.store.searchText(text, searchOptions),
            mode === "bm25"
                ? null
                : this.embedder!.embedQuery(text).then((embedding) => {
                      embedMs = performance.now() - searchStarted;
                      return this.store.searchVector(embedding, searchOptions);
                  }),
        ]);
        const searchMs = performance.now() - searchStarted - (embedMs ?? 0);
        let ranked = rankCandidates(keyword, vector);

        let rerankMs: number | undefined;
        const reranked = this.reranker !== null && options.rerank !== false && ranked.length > 0;
        if (reranked) {
            const rerankStarted = performance.now();
            ranked = await this.rerank(text, ranked.slice(0, Math.max(this.rerankTop, k)));
            rerankMs = performance.now() - rerankStarted;
        }

        return {
            hits: ranked.slice(0, k).map((candidate) => this.toHit(candidate)),
            mode,
            reranked,
            notices,
            timings: { totalMs: performance.now() - started, embedMs, searchMs, rerankMs },
        };
    }

    /** Why vector search cannot run, or null when it can. */
    private vectorUnavailableReason(): string | null {
        const collection = this.store.meta;
        if (!this.embedder) return NO_EMBEDDER_NOTICE;
        if (!collection.embedder) return `Collection "${collection.name}" was indexed without an embedder: results are keyword (BM25) only.`;
        if (!sameEmbedder(collection.embedder, this.embedder.identity)) {
            return `Collection "${collection.name}" was embedded with ${collection.embedder.id}, which differs from the installed ${this.embedder.identity.id}: results are keyword (BM25) only until it is re-embedded.`;
        }
        return null;
    }

    private async rerank(query: string, candidates: Candidate[]): Promise<Candidate[]> {
        const scores = await this.reranker!.score(query, candidates.map((candidate) => candidate.chunk.text));
        return candidates
            .map((candidate, index) => {
                const rerank = scores[index]!;
                return { ...candidate, score: rerank, scores: { ...candidate.scores, rerank } };
            })
            .sort((a, b) => b.score - a.score);
    }

    private toHit({ chunk, score, scores, ranks }: Candidate): SearchHit {
        return {
            chunkId: chunk.id,
            docId: chunk.docId,
            path: chunk.path,
            fileType: chunk.fileType,
            title: this.store.getDocument(chunk.docId)?.title ?? null,
            text: chunk.text,
            pageStart: chunk.pageStart,
            pageEnd: chunk.pageEnd,
            headingPath: chunk.headingPath,
            charStart: chunk.charStart,
            charEnd: chunk.charEnd,
            score,
            scores,
            ranks,
        };
    }
}

/** One list as is, or both fused by reciprocal rank; every candidate keeps its per-list score and rank. */
function rankCandidates(keyword: StoredHit[] | null, vector: StoredHit[] | null): Candidate[] {
    const byId = new Map<string, Candidate>();
    const collect = (hits: StoredHit[] | null, stage: "bm25" | "vector") => {
        hits?.forEach((hit, index) => {
            const candidate = byId.get(hit.chunk.id) ?? { chunk: hit.chunk, score: hit.score, scores: {}, ranks: {} };
            candidate.scores[stage] = hit.score;
            candidate.ranks[stage] = index + 1;
            byId.set(hit.chunk.id, candidate);
        });
    };
    collect(keyword, "bm25");
    collect(vector, "vector");
    if (!keyword || !vector) return [...byId.values()];
    return reciprocalRankFusion([keyword.map((hit) => hit.chunk.id), vector.map((hit) => hit.chunk.id)]).map((item) => {
        const candidate = byId.get(item.id)!;
        return { ...candidate, score: item.score, scores: { ...candidate.scores, rrf: item.score } };
    });
}
