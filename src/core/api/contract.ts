/**
 * The one typed API every surface uses: the CLI calls it in-process; the Electron main process and the
 * loopback server expose it over IPC and HTTP. Requests are plain JSON (validated here, at the boundary);
 * streaming is by callback, which each transport maps to its own events.
 */
import { z } from "zod";
import type { QaEvalItem, QaEvalReport } from "../eval/evaluateQa.js";
import type { EvalProgress, RetrievalEvalReport } from "../eval/evaluateRetrieval.js";
import type { InstalledModel, ModelKind } from "../models/ModelRegistry.js";
import type { AnswerResult, FailedFile, FileType, IngestEvent, IngestReport, SearchResult } from "../types.js";

export type { QaEvalItem, QaEvalReport, RetrievalEvalReport, EvalProgress };

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

/** Generation stops after this many sentences. */
const answerSentences = z.number().int().min(1).max(10);

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
    /** Longest answer in sentences. Default: 1 */
    sentences: answerSentences.optional(),
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
    /** Longest answer in sentences. Default: 1 */
    sentences: answerSentences.optional(),
});

/** A model name or path, or one of the words "default" (first installed, else bundled) and "none". */
const modelChoice = z.string().min(1).max(4096);
const autoOr = (schema: z.ZodNumber) => z.union([z.literal("auto"), schema]);

/** What the app uses unless a request says otherwise; stored in `<data>/settings.json`. */
export const settingsSchema = z.object({
    /** Chat model name or path, "default", or "none" for extractive answers. Default: "default" */
    chatModel: modelChoice,
    /** Embedder for new collections: name or path, "default" (first installed) or "none" (keyword search only). Default: "default" */
    embedder: modelChoice,
    /** Reranker name or path, or "none". Default: "none" */
    reranker: modelChoice,
    /** LoRA adapter name or path applied on top of the chat model, or "none". Default: "none" */
    lora: modelChoice,
    /** CPU threads for generation. Default: "auto" (sized from the machine) */
    threads: autoOr(z.number().int().min(1).max(256)),
    /** Layers offloaded to the GPU. Default: "auto" */
    gpuLayers: autoOr(z.number().int().min(0).max(1000)),
    /** Context window in tokens. Default: "auto" (fitted to memory) */
    contextSize: autoOr(z.number().int().min(512).max(131072)),
    /** Default: 0.1 */
    temperature: z.number().min(0).max(2),
    /** Sources put in front of the model. Default: 4 */
    sources: z.number().int().min(1).max(20),
    /** Longest answer in sentences. Default: 1 */
    answerSentences,
    /** Default: "hybrid" (falls back to BM25 when the collection has no embedder) */
    mode: searchMode,
    /** Rerank retrieved passages when a reranker is installed. Default: false */
    rerank: z.boolean(),
});
export const settingsUpdate = settingsSchema.partial();

const chatId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a chat id");
export const chatIdRequest = chatId;
export const createChatRequest = z.object({
    collection: collectionName,
    /** Default: the first question, shortened. */
    title: z.string().trim().min(1).max(200).optional(),
});
export const renameChatRequest = z.object({ chatId, title: z.string().trim().min(1).max(200) });
/** A question in a chat: answered with the chat's earlier turns as memory and the settings as defaults. */
export const chatAskRequest = z.object({
    chatId,
    question: z.string().trim().min(1, "the question is empty"),
});
/** The whole chat, or one turn of it, as Markdown with its citations. */
export const chatMarkdownRequest = z.object({ chatId, turnId: z.string().min(1).max(64).optional() });

export const importModelRequest = z.object({
    /** A GGUF file, or an ONNX model folder (model.onnx or onnx/, tokenizer.json, config.json). */
    path: z.string().min(1),
    /** Default: detected from the file. */
    kind: z.enum(["chat", "embedder", "reranker", "lora"]).optional(),
    /** Expected sha256 (hex) of the file; else a `<file>.sha256` or `SHA256SUMS` beside it, else a known model's. */
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "a sha256 is 64 hex digits").optional(),
});

export const browseRequest = z.object({
    /** Default: the home folder. */
    path: z.string().min(1).optional(),
});

export const watchRequest = z.object({ collection: collectionName, watch: z.boolean() });
export const removeFolderRequest = z.object({ collection: collectionName, folder: z.string().min(1) });

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
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsUpdate = z.infer<typeof settingsUpdate>;
export type CreateChatRequest = z.infer<typeof createChatRequest>;
export type RenameChatRequest = z.infer<typeof renameChatRequest>;
export type ChatAskRequest = z.infer<typeof chatAskRequest>;
export type ChatMarkdownRequest = z.infer<typeof chatMarkdownRequest>;
export type ImportModelRequest = z.infer<typeof importModelRequest>;
export type BrowseRequest = z.infer<typeof browseRequest>;
export type WatchRequest = z.infer<typeof watchRequest>;
export type RemoveFolderRequest = z.infer<typeof removeFolderRequest>;

export interface CollectionInfo {
    name: string;
    documents: number;
    chunks: number;
    pages: number;
    embedder: string | null;
    createdAt: string;
    /** Folders added to the collection, absolute. */
    folders: string[];
    /** Whether edits, additions and deletions in the folders are re-indexed automatically. */
    watching: boolean;
    /** True while an ingest (manual or from watching) runs on this collection. */
    indexing: boolean;
    /** The last finished ingest, kept so its per-file errors can be read later; null before the first. */
    lastIngest: LastIngest | null;
}

/** The counts of the collection's most recent ingest, kept with it. */
export interface LastIngest extends Pick<IngestReport, "files" | "pages" | "chunks" | "skipped" | "removed" | "failed"> {
    /** ISO timestamp. */
    finishedAt: string;
    trigger: "manual" | "watch";
}

export interface ChatTurn {
    id: string;
    question: string;
    /** ISO timestamp. */
    askedAt: string;
    answer: AnswerResult;
    /** The user stopped the generation; `answer` holds what was written until then. */
    stopped: boolean;
}

export interface ChatSummary {
    id: string;
    title: string;
    collection: string;
    /** ISO timestamps. */
    createdAt: string;
    updatedAt: string;
    turns: number;
}

export interface Chat extends Omit<ChatSummary, "turns"> {
    turns: ChatTurn[];
}

export interface ChatMarkdown {
    /** A safe file name for saving, e.g. "tax-deadlines.md". */
    fileName: string;
    markdown: string;
}

/** An imported model, with how its bytes were checked. */
export interface ImportedModel extends InstalledModel {
    sha256: string;
    /** "matched": equal to a known or given sha256; "unknown": no reference to compare with (recorded only). */
    verification: "matched" | "unknown";
}

export interface ImportProgress {
    bytesDone: number;
    bytesTotal: number;
}

export interface FolderEntry {
    name: string;
    path: string;
    kind: "folder" | "file";
    /** For files: whether ingest reads this type. */
    supported?: boolean;
    sizeBytes?: number;
}

/** One folder's contents, for choosing folders and model files inside the app (browser mode has no native dialog). */
export interface FolderListing {
    path: string;
    parent: string | null;
    entries: FolderEntry[];
    /** Places to start from: home, mounted and removable drives. */
    roots: { name: string; path: string }[];
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

export interface ImportHandlers {
    onProgress?: (progress: ImportProgress) => void;
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
    /** Opens an indexed source file in the system's default app ("open original"); refuses ids the index does not hold. */
    openDocument(request: DocumentRequest): Promise<void>;
    search(request: SearchRequest): Promise<SearchResult>;
    ask(request: AskRequest, handlers?: AskHandlers): Promise<AnswerResult>;
    /** Re-embeds a collection with another embedder (or none); vectors of two models are never mixed. */
    reembed(request: ReembedRequest, handlers?: IngestHandlers): Promise<CollectionInfo>;
    /** Scores retrieval on a BEIR dataset indexed into a throw-away collection (deleted afterwards). */
    evalRetrieval(request: EvalRetrievalRequest, handlers?: EvalHandlers): Promise<RetrievalEvalReport>;
    /** Scores gold-paragraph retrieval, and with a chat model the answers, on a SQuAD-format file. */
    evalQa(request: EvalQaRequest, handlers?: EvalHandlers): Promise<QaEvalReport>;
    models(): Promise<InstalledModel[]>;
    /** Copies a model file or folder into `<data>/models`, verifying its sha256 when a reference is known. */
    importModel(request: ImportModelRequest, handlers?: ImportHandlers): Promise<ImportedModel>;
    doctor(): Promise<DoctorReport>;
    settings(): Promise<Settings>;
    /** Changes some settings and returns them all; model-related changes apply from the next question. */
    updateSettings(update: SettingsUpdate): Promise<Settings>;
    /** Turns automatic re-indexing of a collection's folders on or off (persisted; resumed at start). */
    setWatching(request: WatchRequest): Promise<CollectionInfo>;
    /** Removes a folder from a collection, with its documents (never the files). */
    removeFolder(request: RemoveFolderRequest): Promise<CollectionInfo>;
    /** Lists a folder for the in-app folder and file chooser. */
    browse(request: BrowseRequest): Promise<FolderListing>;
    /** Chats, most recently updated first. */
    chats(): Promise<ChatSummary[]>;
    chat(chatId: string): Promise<Chat>;
    createChat(request: CreateChatRequest): Promise<Chat>;
    renameChat(request: RenameChatRequest): Promise<ChatSummary>;
    removeChat(chatId: string): Promise<boolean>;
    /** Asks in a chat (its earlier turns are the memory), stores the turn, stopped or not, and returns it. */
    askInChat(request: ChatAskRequest, handlers?: AskHandlers): Promise<ChatTurn>;
    chatMarkdown(request: ChatMarkdownRequest): Promise<ChatMarkdown>;
    dispose(): Promise<void>;
}
