import type { TextEmbedder } from "../embed/types.js";
import type { SearchMode } from "../types.js";
import type { BeirDataset } from "./datasets.js";
import type { QaEvalItem } from "./evaluateQa.js";
import { EvalCollection } from "./EvalCollection.js";
import { mean, ndcgAt, percentile, recallAt, reciprocalRankAt } from "./metrics.js";

export interface EvalProgress {
    phase: "index" | "query" | "answer";
    done: number;
    total: number;
    /** QA evaluation: the question just scored, so that a long run can be kept item by item. */
    item?: QaEvalItem;
}

export interface RetrievalEvalOptions {
    /** Default: "hybrid" with an embedder, else "bm25" (the Retriever's default). */
    mode?: SearchMode;
    /** Default: null (BM25 only; vector and hybrid fall back to BM25 with a notice) */
    embedder?: TextEmbedder | null;
    /** Shown in document paths. Default: "eval" */
    source?: string;
    onProgress?: (progress: EvalProgress) => void;
    signal?: AbortSignal;
}

export interface RetrievalEvalReport {
    /** The mode search actually ran in. */
    mode: SearchMode;
    embedder: string | null;
    documents: number;
    queries: number;
    /** Means over the judged queries. */
    metrics: { ndcg10: number; recall10: number; recall100: number; mrr10: number };
    indexSeconds: number;
    /** Latency of one search (k = 100), measured one query at a time. */
    latencyMs: { p50: number; p95: number };
    notices: string[];
}

/** Indexes a BEIR corpus into a throw-away collection and scores the ranking of every judged query. */
export async function evaluateRetrieval(dataset: BeirDataset, options: RetrievalEvalOptions = {}): Promise<RetrievalEvalReport> {
    const { embedder = null, onProgress, signal } = options;
    const collection = await EvalCollection.create(dataset.documents, {
        embedder,
        source: options.source,
        signal,
        onProgress: (done, total) => onProgress?.({ phase: "index", done, total }),
    });
    try {
        const scores = { ndcg10: [] as number[], recall10: [] as number[], recall100: [] as number[], mrr10: [] as number[] };
        const latencies: number[] = [];
        let mode: SearchMode = "bm25";
        const notices = new Set<string>();
        for (const [index, query] of dataset.queries.entries()) {
            signal?.throwIfAborted();
            const started = performance.now();
            const result = await collection.retriever.search(query.text, { mode: options.mode, k: 100 });
            latencies.push(performance.now() - started);
            mode = result.mode;
            for (const notice of result.notices) notices.add(notice);
            const ranking = result.hits.map((hit) => hit.docId);
            scores.ndcg10.push(ndcgAt(ranking, query.judgments, 10));
            scores.recall10.push(recallAt(ranking, query.judgments, 10));
            scores.recall100.push(recallAt(ranking, query.judgments, 100));
            scores.mrr10.push(reciprocalRankAt(ranking, query.judgments, 10));
            onProgress?.({ phase: "query", done: index + 1, total: dataset.queries.length });
        }
        return {
            mode,
            embedder: embedder?.identity.id ?? null,
            documents: dataset.documents.length,
            queries: dataset.queries.length,
            metrics: {
                ndcg10: mean(scores.ndcg10),
                recall10: mean(scores.recall10),
                recall100: mean(scores.recall100),
                mrr10: mean(scores.mrr10),
            },
            indexSeconds: collection.indexSeconds,
            latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
            notices: [...notices],
        };
    } finally {
        collection.dispose();
    }
}
