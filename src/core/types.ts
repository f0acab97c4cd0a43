/**
 * Data shapes shared by every layer of the engine. Surfaces (CLI, Electron, loopback server) see these
 * through the API contract in `api/contract.ts`.
 */

export type FileType = "pdf" | "docx" | "md" | "txt" | "html";

/** Text extracted from one file, normalised so that chunk offsets index into `text`. */
export interface ExtractedDocument {
    fileType: FileType;
    /** Title from metadata or the first heading, when the format has one. */
    title: string | null;
    /** Full extracted text. Pages are joined with "\n\n". */
    text: string;
    /** Character offset in `text` where each page starts; `pageStarts[0] === 0`. Unpaged formats have one page. */
    pageStarts: number[];
    /** "markdown" when headings are marked with `#` (Markdown, HTML, DOCX); "plain" for PDF and text. */
    structure: "markdown" | "plain";
}

/** A chunk before it is stored: always an exact slice `doc.text.slice(charStart, charEnd)`. */
export interface ChunkDraft {
    /** Position of the chunk within its document, from 0. */
    ordinal: number;
    text: string;
    charStart: number;
    charEnd: number;
    /** 1-based page where the chunk starts and ends (equal for unpaged formats: 1). */
    pageStart: number;
    pageEnd: number;
    /** Enclosing headings, outermost first. */
    headingPath: string[];
    /** Estimated token count of `text` (see `text/tokens.ts`). */
    tokenCount: number;
}

/** A stored chunk with its full provenance. */
export interface ChunkRecord extends ChunkDraft {
    /** Unique id: `${docId}:${contentHash.slice(0, 12)}:${ordinal}`. */
    id: string;
    /** Stable per path within a collection. */
    docId: string;
    /** sha256 of the file bytes: the document version this chunk belongs to. */
    contentHash: string;
    /** Absolute path of the source file. */
    path: string;
    fileType: FileType;
    /** Embedding, present when the collection has an embedder. */
    vector?: Float32Array;
}

/** One indexed file. The row's `contentHash` is the commit point: chunks of any other hash are invisible. */
export interface DocumentRecord {
    docId: string;
    path: string;
    fileType: FileType;
    contentHash: string;
    size: number;
    mtimeMs: number;
    pages: number;
    chunks: number;
    title: string | null;
    pageStarts: number[];
    /** ISO timestamp. */
    indexedAt: string;
}

export type SearchMode = "bm25" | "vector" | "hybrid";

export interface SearchFilters {
    /** Keep chunks whose path starts with one of these (absolute) prefixes. */
    pathPrefixes?: string[];
    fileTypes?: FileType[];
}

export interface SearchOptions {
    /** Default: "hybrid" when the collection has an embedder, else "bm25". */
    mode?: SearchMode;
    /** Number of hits to return. Default 8. */
    k?: number;
    filters?: SearchFilters;
    /** Rerank fused candidates when a reranker is installed. Default true. */
    rerank?: boolean;
}

export interface SearchHit {
    chunkId: string;
    docId: string;
    path: string;
    fileType: FileType;
    title: string | null;
    text: string;
    pageStart: number;
    pageEnd: number;
    headingPath: string[];
    charStart: number;
    charEnd: number;
    /** Final score used for ranking (rerank > rrf > the single mode's score). Higher is better. */
    score: number;
    /** Per-stage scores and 1-based ranks, for the retrieval inspector. */
    scores: { bm25?: number; vector?: number; rrf?: number; rerank?: number };
    ranks: { bm25?: number; vector?: number };
}

export interface SearchResult {
    hits: SearchHit[];
    /** The mode actually used (vector/hybrid fall back to bm25 without an embedder). */
    mode: SearchMode;
    reranked: boolean;
    /** Human-readable remarks, e.g. that no embedder is installed. */
    notices: string[];
    /** `embedMs`: embedding the query; `searchMs`: the index lookups; `rerankMs`: the reranker (when run). */
    timings: { totalMs: number; embedMs?: number; searchMs?: number; rerankMs?: number };
}

export interface Citation {
    /** The source number as shown in the prompt and the answer: [n]. */
    n: number;
    path: string;
    page: number;
    pageEnd: number;
    /** The whole passage (chunk). */
    text: string;
    /** The part of the passage that was used: its sentences that best match the question. */
    excerpt: string;
    score: number;
    chunkId: string;
    docId: string;
    headingPath: string[];
    charStart: number;
    charEnd: number;
}

export interface AnswerTimings {
    retrievalMs: number;
    firstTokenMs?: number;
    generationMs?: number;
    totalMs: number;
    tokens?: number;
    tokensPerSecond?: number;
}

export interface AnswerResult {
    answer: string;
    /** false when the sources do not hold the answer (or nothing was retrieved). */
    found: boolean;
    /** Sources the answer cites, in order of first citation. */
    citations: Citation[];
    /** Every source that was put in front of the model, numbered as in the prompt. */
    sources: Citation[];
    /** File name of the chat model, or null for an extractive answer. */
    model: string | null;
    mode: "generative" | "extractive";
    /**
     * `uncited`: a found answer without any valid citation. `invalidCitations`: [n] that name no source.
     * `stopped`: the caller cancelled generation; the answer holds what was written until then.
     */
    flags: { uncited: boolean; invalidCitations: number[]; stopped: boolean };
    notices: string[];
    timings: AnswerTimings;
}

export type IngestEvent =
    | { type: "scan"; filesTotal: number; toProcess: number; unchanged: number; removed: number }
    | { type: "file-done"; path: string; pages: number; chunks: number }
    | { type: "file-failed"; path: string; reason: string }
    | { type: "embed"; chunksDone: number; chunksTotal: number }
    | {
          type: "progress";
          filesDone: number;
          filesTotal: number;
          pagesDone: number;
          chunksDone: number;
          currentFile: string | null;
          etaSeconds: number | null;
      };

export interface FailedFile {
    path: string;
    reason: string;
}

export interface IngestReport {
    collection: string;
    /** Files seen in the folders (supported types). */
    files: number;
    /** Pages and chunks indexed in this run. */
    pages: number;
    chunks: number;
    /** Unchanged files skipped by content hash. */
    skipped: number;
    /** Files that disappeared from the folders and were removed from the index. */
    removed: number;
    failed: FailedFile[];
    seconds: number;
    embedder: string | null;
}
