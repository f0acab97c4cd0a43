import fs from "node:fs/promises";
import path from "node:path";
import { collectionsDir, modelSearchPath, resolveDataDir, type PathOverrides } from "../config/paths.js";
import type { TextEmbedder } from "../embed/types.js";
import { EnclaveError } from "../errors.js";
import { loadBeir, loadSquad } from "../eval/datasets.js";
import { evaluateQa, type QaEvalReport } from "../eval/evaluateQa.js";
import { evaluateRetrieval, type RetrievalEvalReport } from "../eval/evaluateRetrieval.js";
import { Answerer } from "../generate/Answerer.js";
import { CollectionStore } from "../index/CollectionStore.js";
import { embeddingInput, Ingestor, type IngestorOptions } from "../ingest/Ingestor.js";
import { ModelRegistry, type InstalledModel } from "../models/ModelRegistry.js";
import { Retriever } from "../retrieve/Retriever.js";
import type { AnswerResult, DocumentRecord, IngestReport, SearchResult } from "../types.js";
import {
    askRequest,
    COLLECTION_NAME,
    collectionRequest,
    documentRequest,
    evalQaRequest,
    evalRetrievalRequest,
    ingestRequest,
    reembedRequest,
    searchRequest,
    type AskHandlers,
    type AskRequest,
    type CollectionInfo,
    type DoctorReport,
    type DocumentFile,
    type DocumentInfo,
    type DocumentRequest,
    type EnclaveApi,
    type EvalHandlers,
    type EvalQaRequest,
    type EvalRetrievalRequest,
    type IngestHandlers,
    type IngestRequest,
    type ReembedRequest,
    type SearchRequest,
} from "./contract.js";
import { diagnose } from "./diagnose.js";
import { DOCUMENT_CONTENT_TYPES } from "./documentContentType.js";
import { ModelPool } from "./ModelPool.js";
import { parseRequest } from "./parseRequest.js";

/** An indexed source file on disk, checked to be one the collection's index holds. */
export interface LocatedDocument {
    path: string;
    contentType: string;
    /** Bytes on disk now. */
    size: number;
}

export interface EnclaveOptions extends PathOverrides {
    /** Passed to every ingest run (threads, chunk sizes). Default: the Ingestor's defaults. */
    ingest?: Omit<IngestorOptions, "onEvent" | "signal">;
}

const NO_MODEL = "none";
const DEFAULT_ANSWER_SOURCES = 4;
/** Names the first installed (else bundled) chat model where a request would otherwise mean none. */
const DEFAULT_MODEL = "default";

/** The engine behind every surface: collections, ingest, search and grounded answers, all local. */
export class Enclave implements EnclaveApi {
    readonly dataDir: string;
    readonly registry: ModelRegistry;
    private readonly pool: ModelPool;
    private readonly stores = new Map<string, Promise<CollectionStore>>();

    constructor(private readonly options: EnclaveOptions = {}) {
        this.dataDir = resolveDataDir(options);
        this.registry = new ModelRegistry(modelSearchPath(this.dataDir, options.env));
        this.pool = new ModelPool();
    }

    async collections(): Promise<CollectionInfo[]> {
        const names = await fs.readdir(collectionsDir(this.dataDir)).catch(() => [] as string[]);
        const infos: CollectionInfo[] = [];
        for (const name of names.filter((entry) => COLLECTION_NAME.test(entry)).sort()) {
            const store = await this.openStore(name).catch(() => null);
            if (store) infos.push(await describeCollection(store));
        }
        return infos;
    }

    async removeCollection(name: string): Promise<boolean> {
        const dir = this.collectionDir(name);
        const cached = this.stores.get(name);
        this.stores.delete(name);
        if (cached) (await cached.catch(() => null))?.close();
        if (!(await fs.stat(dir).catch(() => null))) return false;
        await fs.rm(dir, { recursive: true, force: true });
        return true;
    }

    async ingest(request: IngestRequest, handlers: IngestHandlers = {}): Promise<IngestReport> {
        const { collection, folders, embedder: requested } = parseRequest(ingestRequest, request);
        const store = await this.openStore(collection, { create: true });
        const embedder = await this.embedderForIngest(store, requested);
        const ingestor = new Ingestor(store, embedder, { ...this.options.ingest, ...handlers });
        return ingestor.run(folders);
    }

    async documents(collection: string): Promise<DocumentInfo[]> {
        const store = await this.openStore(parseRequest(collectionRequest, collection));
        const documents = await store.listDocuments();
        return documents.map(describeDocument).sort((a, b) => a.path.localeCompare(b.path));
    }

    async readDocument(request: DocumentRequest): Promise<DocumentFile> {
        const located = await this.locateDocument(request);
        const bytes = await fs.readFile(located.path);
        return { contentType: located.contentType, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    }

    /**
     * The file of an indexed document, for transports that stream it. The path comes from the index, never
     * from the caller: an id the collection does not hold is refused.
     */
    async locateDocument(request: DocumentRequest): Promise<LocatedDocument> {
        const { collection, docId } = parseRequest(documentRequest, request);
        const document = (await this.openStore(collection)).getDocument(docId);
        if (!document) throw new EnclaveError("DOCUMENT_NOT_FOUND", `Collection "${collection}" holds no document "${docId}".`);
        const stat = await fs.stat(document.path).catch(() => null);
        if (!stat?.isFile()) throw new EnclaveError("DOCUMENT_NOT_FOUND", `${document.path} no longer exists; ingest the collection again.`);
        return { path: document.path, contentType: DOCUMENT_CONTENT_TYPES[document.fileType], size: stat.size };
    }

    async search(request: SearchRequest): Promise<SearchResult> {
        const { collection, query, ...options } = parseRequest(searchRequest, request);
        return (await this.retrieverFor(collection)).search(query, options);
    }

    async ask(request: AskRequest, handlers: AskHandlers = {}): Promise<AnswerResult> {
        const parsed = parseRequest(askRequest, request);
        const retriever = await this.retrieverFor(parsed.collection);
        const retrieval = await retriever.search(parsed.question, {
            mode: parsed.mode,
            k: parsed.k ?? DEFAULT_ANSWER_SOURCES,
            filters: parsed.filters,
        });
        const chatModel = parsed.model === NO_MODEL ? null : await this.chatModel(parsed.model, parsed.lora);
        const result = await new Answerer(chatModel).answer(parsed.question, retrieval.hits, {
            signal: handlers.signal,
            onToken: handlers.onToken,
            temperature: parsed.temperature,
            maxTokens: parsed.maxTokens,
            history: parsed.history,
            retrievalMs: retrieval.timings.totalMs,
        });
        result.notices.unshift(...retrieval.notices);
        return result;
    }

    async reembed(request: ReembedRequest, handlers: IngestHandlers = {}): Promise<CollectionInfo> {
        const { collection, embedder: requested } = parseRequest(reembedRequest, request);
        const store = await this.openStore(collection);
        const embedder = requested === NO_MODEL ? null : await this.loadEmbedder(requested);
        await store.replaceEmbeddings(embedder, {
            input: embeddingInput,
            onProgress: (chunksDone, chunksTotal) => handlers.onEvent?.({ type: "embed", chunksDone, chunksTotal }),
            signal: handlers.signal,
        });
        await store.refreshIndexes();
        return describeCollection(store);
    }

    async evalRetrieval(request: EvalRetrievalRequest, handlers: EvalHandlers = {}): Promise<RetrievalEvalReport> {
        const { dataset, split, mode, embedder } = parseRequest(evalRetrievalRequest, request);
        const beir = loadBeir(path.resolve(dataset), split);
        return evaluateRetrieval(beir, { mode, embedder: await this.embedderForEval(mode, embedder), source: dataset, ...handlers });
    }

    async evalQa(request: EvalQaRequest, handlers: EvalHandlers = {}): Promise<QaEvalReport> {
        const { dataset, model, embedder, ...options } = parseRequest(evalQaRequest, request);
        const squad = loadSquad(path.resolve(dataset));
        const chatModel = model === undefined ? null : await this.chatModel(model === DEFAULT_MODEL ? undefined : model, undefined);
        if (model !== undefined && !chatModel) throw new EnclaveError("MODEL_NOT_FOUND", `No chat model "${model}" is installed`);
        return evaluateQa(squad, {
            ...options,
            embedder: await this.embedderForEval(options.mode, embedder),
            chatModel,
            answerSources: DEFAULT_ANSWER_SOURCES,
            source: dataset,
            ...handlers,
        });
    }

    models(): Promise<InstalledModel[]> {
        return this.registry.list();
    }

    async doctor(): Promise<DoctorReport> {
        return diagnose(this.dataDir, this.registry, await this.collections());
    }

    async dispose(): Promise<void> {
        const stores = await Promise.allSettled(this.stores.values());
        for (const store of stores) if (store.status === "fulfilled") store.value.close();
        this.stores.clear();
        await this.pool.dispose();
    }

    private collectionDir(name: string): string {
        if (!COLLECTION_NAME.test(name)) throw new EnclaveError("BAD_COLLECTION_NAME", `"${name}" is not a valid collection name`);
        return path.join(collectionsDir(this.dataDir), name);
    }

    private openStore(name: string, options: { create?: boolean } = {}): Promise<CollectionStore> {
        const cached = this.stores.get(name);
        if (cached) return cached;
        const opening = CollectionStore.open(this.collectionDir(name), name, options);
        this.stores.set(name, opening);
        opening.catch(() => this.stores.delete(name));
        return opening;
    }

    private async retrieverFor(collection: string): Promise<Retriever> {
        const store = await this.openStore(collection);
        const identity = store.meta.embedder;
        const embedderModel = identity ? await this.findEmbedderFor(identity.id) : null;
        const embedder = embedderModel ? await this.pool.embedder(embedderModel.path) : null;
        const rerankerModel = await this.registry.find("reranker");
        const reranker = rerankerModel ? await this.pool.reranker(rerankerModel) : null;
        return new Retriever(store, { embedder, reranker });
    }

    /**
     * The embedder a run uses: the collection's own, or, for a new collection, the requested or first installed
     * one. Asking for a different embedder than the collection's is refused: vectors of two models never mix.
     */
    private async embedderForIngest(store: CollectionStore, requested: string | undefined): Promise<TextEmbedder | null> {
        const identity = store.meta.embedder;
        const isEmpty = (await store.stats()).documents === 0;
        if (identity) {
            if (requested && requested !== identity.id)
                throw new EnclaveError(
                    "EMBEDDER_MISMATCH",
                    `Collection "${store.meta.name}" is embedded with ${identity.id}. To switch, run: enclave reembed --collection ${store.meta.name} --embedder ${requested}`,
                );
            const model = await this.findEmbedderFor(identity.id);
            if (!model)
                throw new EnclaveError(
                    "EMBEDDER_MISSING",
                    `Collection "${store.meta.name}" was embedded with ${identity.id}, which is not installed. Install it, or run: enclave reembed --collection ${store.meta.name} --embedder none`,
                );
            const embedder = await this.pool.embedder(model.path);
            if (embedder.identity.fingerprint !== identity.fingerprint)
                throw new EnclaveError(
                    "EMBEDDER_CHANGED",
                    `The installed ${identity.id} differs from the model collection "${store.meta.name}" was embedded with. Re-embed it: enclave reembed --collection ${store.meta.name} --embedder ${identity.id}`,
                );
            return embedder;
        }
        if (requested === NO_MODEL || (!isEmpty && !requested)) return null;
        if (!isEmpty)
            throw new EnclaveError(
                "EMBEDDER_MISMATCH",
                `Collection "${store.meta.name}" has no embedder. To add one, run: enclave reembed --collection ${store.meta.name} --embedder ${requested}`,
            );
        const embedder = requested ? await this.loadEmbedder(requested) : await this.defaultEmbedder();
        if (embedder) await store.replaceEmbeddings(embedder, { input: embeddingInput });
        return embedder;
    }

    private async loadEmbedder(nameOrPath: string): Promise<TextEmbedder> {
        const model = await this.registry.find("embedder", nameOrPath);
        if (!model) throw new EnclaveError("MODEL_NOT_FOUND", `No embedder "${nameOrPath}" is installed`);
        return this.pool.embedder(model.path);
    }

    /** The requested embedder, else the first installed one unless the mode is keyword-only. */
    private embedderForEval(mode: string | undefined, requested: string | undefined): Promise<TextEmbedder | null> {
        if (requested) return requested === NO_MODEL ? Promise.resolve(null) : this.loadEmbedder(requested);
        return mode === "bm25" ? Promise.resolve(null) : this.defaultEmbedder();
    }

    private async defaultEmbedder(): Promise<TextEmbedder | null> {
        const model = await this.registry.find("embedder");
        return model ? this.pool.embedder(model.path) : null;
    }

    private async findEmbedderFor(id: string): Promise<InstalledModel | null> {
        const models = await this.registry.list();
        return models.find((model) => model.kind === "embedder" && model.name === id) ?? null;
    }

    private async chatModel(name: string | undefined, lora: string | undefined) {
        const model = await this.registry.find("chat", name);
        if (!model) return null;
        const adapter = lora ? await this.registry.find("lora", lora) : null;
        return this.pool.chatModel(await this.registry.prepare(model), adapter?.path);
    }
}

async function describeCollection(store: CollectionStore): Promise<CollectionInfo> {
    const stats = await store.stats();
    return {
        name: store.meta.name,
        documents: stats.documents,
        chunks: stats.chunks,
        pages: stats.pages,
        embedder: store.meta.embedder?.id ?? null,
        createdAt: store.meta.createdAt,
    };
}

function describeDocument(document: DocumentRecord): DocumentInfo {
    const { docId, path, title, fileType, pages, chunks, size, indexedAt } = document;
    return { docId, path, title, fileType, pages, chunks, size, indexedAt };
}
