/**
 * The one typed API every surface uses: the CLI calls it in-process; the Electron main process and the
 * loopback server expose it over IPC and HTTP. Requests are plain JSON (validated here, at the boundary);
 * streaming is by callback, which each transport maps to its own events.
 */
import { z } from "zod";
import type { QaEvalReport } from "../eval/evaluateQa.js";
import type { EvalProgress, RetrievalEvalReport } from "../eval/evaluateRetrieval.js";
import type { InstalledModel } from "../models/ModelRegistry.js";
import type { AnswerResult, FileType, IngestEvent, IngestReport, SearchResult } from "../types.js";

export type { QaEvalReport, RetrievalEvalReport, EvalProgress };

export const COLLECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const collectionName = z
    .string()
    .regex(COLLECTION_NAME, "use 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit");
const fileType = z.enum(["pdf", "docx", "md", "txt", "html"]);
const searchMode = z.enum(["bm25", "vector", "hybrid"]);
const filters = z
    .object({ pathPrefixes: z.array(z.string()).optional(), fileTypes: z.array(fileType).optional() })
    .optional();

export const ingestRequest = z.object({
    collection: collectionName,
    folders: z.array(z.string().min(1)).min(1, "name at least one folder"),
    /** Embedder model name or path; "none" for keyword search only. Default: the collection's, else the first installed. */
    embedder: z.string().min(1).optional(),
});

export const searchRequest = z.object({
    collection: collectionName,
    query: z.string().trim().min(1, "the query is empty"),
    mode: searchMode.optional(),
    k: z.number().int().min(1).max(200).optional(),
    filters,
    rerank: z.boolean().optional(),
});

export const askRequest = z.object({
    collection: collectionName,
    question: z.string().trim().min(1, "the question is empty"),
    /** Chat model name or path; "none" for an extractive answer. Default: the first installed, else the bundled one. */
    model: z.string().min(1).optional(),
    /** LoRA adapter name or path applied on top of the chat model. Default: none. */
    lora: z.string().min(1).optional(),
    mode: searchMode.optional(),
    k: z.number().int().min(1).max(20).optional(),
    filters,
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().min(1).max(4096).optional(),
    history: z.array(z.object({ question: z.string(), answer: z.string() })).optional(),
});

export const reembedRequest = z.object({
    collection: collectionName,
    /** Embedder name or path, or "none" to drop vectors. */
    embedder: z.string().min(1),
});

export const evalRetrievalRequest = z.object({
    /** BEIR folder: corpus.jsonl, queries.jsonl and qrels/<split>.tsv. */
    dataset: z.string().min(1),
    /** Default: "test" */
    split: z.string().min(1).optional(),
    mode: searchMode.optional(),
    /** Embedder name or path for vector and hybrid modes. Default: the first installed (none: BM25 only). */
    embedder: z.string().min(1).optional(),
});

export const evalQaRequest = z.object({
    /** SQuAD-format JSON file (SQuAD 1.1/2.0, JSQuAD). */
    dataset: z.string().min(1),
    /** Questions drawn by a seeded shuffle. Default: all */
    limit: z.number().int().min(1).optional(),
    /** Default: 42 */
    seed: z.number().int().optional(),
    /** Chat model name or path that answers each question; "default" for the first installed or bundled one. Default: none (retrieval only) */
    model: z.string().min(1).optional(),
    mode: searchMode.optional(),
    /** Embedder name or path for vector and hybrid modes. Default: the first installed (none: BM25 only). */
    embedder: z.string().min(1).optional(),
    maxTokens: z.number().int().min(1).max(4096).optional(),
});

/** A collection named on its own (removeCollection, documents). */
export const collectionRequest = collectionName;

/** An indexed document of a collection; only ids the index holds are ever read. */
export const documentRequest = z.object({ collection: collectionName, docId: z.string().min(1).max(512) });

export type IngestRequest = z.infer<typeof ingestRequest>;
export type SearchRequest = z.infer<typeof searchRequest>;
export type AskRequest = z.infer<typeof askRequest>;
export type ReembedRequest = z.infer<typeof reembedRequest>;
export type DocumentRequest = z.infer<typeof documentRequest>;
export type EvalRetrievalRequest = z.infer<typeof evalRetrievalRequest>;
export type EvalQaRequest = z.infer<typeof evalQaRequest>;

export interface CollectionInfo {
    name: string;
    documents: number;
    chunks: number;
    pages: number;
    embedder: string | null;
    createdAt: string;
}

/** One indexed file of a collection, as the document list shows it. */
export interface DocumentInfo {
    docId: string;
    /** Absolute path of the source file. */
    path: string;
    title: string | null;
    fileType: FileType;
    pages: number;
    chunks: number;
    /** Bytes of the indexed version. */
    size: number;
    /** ISO timestamp. */
    indexedAt: string;
}

/** The bytes of an indexed source file, with the content type to show it as. */
export interface DocumentFile {
    contentType: string;
    bytes: Uint8Array;
}

export interface DoctorReport {
    versions: Record<string, string>;
    platform: string;
    cpu: { model: string; cores: number; threads: number };
    memory: { totalBytes: number; freeBytes: number };
    gpu: { backend: string | false; devices: string[]; vramBytes: number };
    dataDir: string;
    modelSearchPath: string[];
    models: InstalledModel[];
    collections: CollectionInfo[];
    /** Plain-language remarks: what is missing and what that means. */
    notices: string[];
}

export interface IngestHandlers {
    onEvent?: (event: IngestEvent) => void;
    signal?: AbortSignal;
}

export interface AskHandlers {
    onToken?: (text: string) => void;
    signal?: AbortSignal;
}

export interface EvalHandlers {
    onProgress?: (progress: EvalProgress) => void;
    signal?: AbortSignal;
}

export interface EnclaveApi {
    collections(): Promise<CollectionInfo[]>;
    /** Deletes a collection and its index (never the source files). Returns false when it did not exist. */
    removeCollection(name: string): Promise<boolean>;
    ingest(request: IngestRequest, handlers?: IngestHandlers): Promise<IngestReport>;
    /** The indexed documents of a collection, by path. */
    documents(collection: string): Promise<DocumentInfo[]>;
    /** Reads an indexed source file; refuses any docId the collection's index does not hold. */
    readDocument(request: DocumentRequest): Promise<DocumentFile>;
    search(request: SearchRequest): Promise<SearchResult>;
    ask(request: AskRequest, handlers?: AskHandlers): Promise<AnswerResult>;
    /** Re-embeds a collection with another embedder (or none); vectors of two models are never mixed. */
    reembed(request: ReembedRequest, handlers?: IngestHandlers): Promise<CollectionInfo>;
    /** Scores retrieval on a BEIR dataset indexed into a throw-away collection (deleted afterwards). */
    evalRetrieval(request: EvalRetrievalRequest, handlers?: EvalHandlers): Promise<RetrievalEvalReport>;
    /** Scores gold-paragraph retrieval, and with a chat model the answers, on a SQuAD-format file. */
    evalQa(request: EvalQaRequest, handlers?: EvalHandlers): Promise<QaEvalReport>;
    models(): Promise<InstalledModel[]>;
    doctor(): Promise<DoctorReport>;
    dispose(): Promise<void>;
}
