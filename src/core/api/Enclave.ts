import fs from "node:fs/promises";
import path from "node:path";
import { collectionsDir, modelSearchPath, resolveDataDir, type PathOverrides } from "../config/paths.js";
import type { TextEmbedder } from "../embed/types.js";
import { EnclaveError, errorMessage } from "../errors.js";
import { loadBeir, loadSquad } from "../eval/datasets.js";
import { evaluateQa, type QaEvalReport } from "../eval/evaluateQa.js";
import { evaluateRetrieval, type RetrievalEvalReport } from "../eval/evaluateRetrieval.js";
import { chatToMarkdown } from "../chats/chatMarkdown.js";
import { chatMemory } from "../chats/chatMemory.js";
import { ChatStore } from "../chats/ChatStore.js";
import { browseFolder } from "../files/browseFolder.js";
import { Answerer } from "../generate/Answerer.js";
import type { ChatModel, ChatModelOptions } from "../generate/ChatModel.js";
import { CollectionStore } from "../index/CollectionStore.js";
import { embeddingInput, Ingestor, type IngestorOptions } from "../ingest/Ingestor.js";
import { isWithin } from "../ingest/planIngest.js";
import { ModelImporter } from "../models/ModelImporter.js";
import { ModelRegistry, type InstalledModel } from "../models/ModelRegistry.js";
import { Retriever } from "../retrieve/Retriever.js";
import { SettingsStore } from "../settings/SettingsStore.js";
import { KeyedQueue } from "../system/KeyedQueue.js";
import { openWithSystemApp } from "../system/openWithSystemApp.js";
import type { AnswerResult, DocumentRecord, IngestReport, SearchResult } from "../types.js";
import { CollectionWatchers } from "../watch/CollectionWatchers.js";
import {
    askRequest,
    browseRequest,
    chatAskRequest,
    chatIdRequest,
    chatMarkdownRequest,
    COLLECTION_NAME,
    collectionRequest,
    createChatRequest,
    documentRequest,
    evalQaRequest,
    evalRetrievalRequest,
    importModelRequest,
    ingestRequest,
    reembedRequest,
    removeFolderRequest,
    renameChatRequest,
    searchRequest,
    settingsUpdate,
    watchRequest,
    type AskHandlers,
    type AskRequest,
    type BrowseRequest,
    type Chat,
    type ChatAskRequest,
    type ChatMarkdown,
    type ChatMarkdownRequest,
    type ChatSummary,
    type ChatTurn,
    type CollectionInfo,
    type CreateChatRequest,
    type DoctorReport,
    type DocumentFile,
    type DocumentInfo,
    type DocumentRequest,
    type EnclaveApi,
    type EvalHandlers,
    type EvalQaRequest,
    type EvalRetrievalRequest,
    type FolderListing,
    type ImportedModel,
    type ImportHandlers,
    type ImportModelRequest,
    type IngestHandlers,
    type IngestRequest,
    type LastIngest,
    type ReembedRequest,
    type RemoveFolderRequest,
    type RenameChatRequest,
    type SearchRequest,
    type Settings,
    type SettingsUpdate,
    type WatchRequest,
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
    /** Opens a file in the system's default app ("open original"). Default: `openWithSystemApp` (xdg-open, open, explorer.exe) */
    openFile?: (filePath: string) => Promise<void>;
    /** Quiet time after a change in a watched folder before the collection is re-indexed. Default: 1000 ms */
    watchDebounceMs?: number;
    /** Receives failures of re-indexing watched folders, which no request waits for. Default: a process warning */
    onBackgroundError?: (error: unknown, collection: string) => void;
}

const NO_MODEL = "none";
export const DEFAULT_ANSWER_SOURCES = 4;
/** Names the first installed model of a kind (for chat models, else the bundled one). */
const DEFAULT_MODEL = "default";

/** The engine behind every surface: collections, ingest, search and grounded answers, chats and settings, all local. */
export class Enclave implements EnclaveApi {
    readonly dataDir: string;
    readonly registry: ModelRegistry;
    private readonly pool: ModelPool;
    private readonly stores = new Map<string, Promise<CollectionStore>>();
    private readonly settingsStore: SettingsStore;
    private readonly chatStore: ChatStore;
    private readonly importer: ModelImporter;
    /** Writes to a collection (ingest, re-embed, folder removal) run one at a time, in the order asked. */
    private readonly collectionWrites = new KeyedQueue();
    private readonly watchers: CollectionWatchers;
    /** Aborted by `dispose()`, stopping every ingest before its store is closed. */
    private readonly stopping = new AbortController();

    constructor(private readonly options: EnclaveOptions = {}) {
        this.dataDir = resolveDataDir(options);
        this.registry = new ModelRegistry(modelSearchPath(this.dataDir, options.env));
        this.pool = new ModelPool();
        this.settingsStore = new SettingsStore(path.join(this.dataDir, "settings.json"));
        this.chatStore = new ChatStore(path.join(this.dataDir, "chats"));
        this.importer = new ModelImporter(path.join(this.dataDir, "models"), this.registry);
        this.watchers = new CollectionWatchers({
            state: async (collection) => (await this.openStore(collection)).meta,
            reindex: (collection, started) =>
                this.collectionWrites.run(collection, async () => {
                    started();
                    const store = await this.openStore(collection);
                    if (store.meta.watching) await this.runIngest(store, store.meta.folders, "watch", {});
                }),
            onError: (error, collection) => this.reportBackgroundError(error, collection),
            debounceMs: options.watchDebounceMs,
        });
    }

    async collections(): Promise<CollectionInfo[]> {
        const names = await fs.readdir(collectionsDir(this.dataDir)).catch(() => [] as string[]);
        const infos: CollectionInfo[] = [];
        for (const name of names.filter((entry) => COLLECTION_NAME.test(entry)).sort()) {
            const store = await this.openStore(name).catch(() => null);
            if (store) infos.push(await this.describe(store));
        }
        return infos;
    }

    async removeCollection(name: string): Promise<boolean> {
        const dir = this.collectionDir(name);
        await this.watchers.stop(name);
        const cached = this.stores.get(name);
        this.stores.delete(name);
        if (cached) (await cached.catch(() => null))?.close();
        if (!(await fs.stat(dir).catch(() => null))) return false;
        await fs.rm(dir, { recursive: true, force: true });
        return true;
    }

    /** Indexes folders into a collection (created when new) and records them; waits for any other write to it first. */
    async ingest(request: IngestRequest, handlers: IngestHandlers = {}): Promise<IngestReport> {
        const { collection, folders, embedder } = parseRequest(ingestRequest, request);
        const roots = [...new Set(folders.map((folder) => path.resolve(folder)))];
        return this.collectionWrites.run(collection, async () => {
            const store = await this.openStore(collection, { create: true });
            return this.runIngest(store, roots, "manual", { ...handlers, embedder });
        });
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

    async openDocument(request: DocumentRequest): Promise<void> {
        const located = await this.locateDocument(request);
        await (this.options.openFile ?? openWithSystemApp)(located.path);
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
        const retriever = await this.retrieverFor(collection, options.rerank === false ? NO_MODEL : undefined);
        return retriever.search(query, options);
    }

    async ask(request: AskRequest, handlers: AskHandlers = {}): Promise<AnswerResult> {
        return this.answer(parseRequest(askRequest, request), handlers);
    }

    async reembed(request: ReembedRequest, handlers: IngestHandlers = {}): Promise<CollectionInfo> {
        const { collection, embedder: requested } = parseRequest(reembedRequest, request);
        const store = await this.collectionWrites.run(collection, async () => {
            const store = await this.openStore(collection);
            const embedder = requested === NO_MODEL ? null : await this.loadEmbedder(requested);
            await store.replaceEmbeddings(embedder, {
                input: embeddingInput,
                onProgress: (chunksDone, chunksTotal) => handlers.onEvent?.({ type: "embed", chunksDone, chunksTotal }),
                signal: handlers.signal,
            });
            await store.refreshIndexes();
            return store;
        });
        return this.describe(store);
    }

    async evalRetrieval(request: EvalRetrievalRequest, handlers: EvalHandlers = {}): Promise<RetrievalEvalReport> {
        const { dataset, split, mode, embedder } = parseRequest(evalRetrievalRequest, request);
        const beir = loadBeir(path.resolve(dataset), split);
        return evaluateRetrieval(beir, { mode, embedder: await this.embedderForEval(mode, embedder), source: dataset, ...handlers });
    }

    async evalQa(request: EvalQaRequest, handlers: EvalHandlers = {}): Promise<QaEvalReport> {
        const { dataset, model, embedder, sentences, ...options } = parseRequest(evalQaRequest, request);
        const squad = loadSquad(path.resolve(dataset));
        const chatModel = model === undefined ? null : await this.chatModelChoice(model, undefined);
        if (model !== undefined && !chatModel) throw new EnclaveError("MODEL_NOT_FOUND", `No chat model "${model}" is installed`);
        const evaluate = async (loaded: ChatModel | null) =>
            evaluateQa(squad, {
                ...options,
                embedder: await this.embedderForEval(options.mode, embedder),
                chatModel: loaded,
                answerSources: DEFAULT_ANSWER_SOURCES,
                maxSentences: sentences,
                source: dataset,
                ...handlers,
            });
        return chatModel ? this.pool.useChatModel(chatModel.path, chatModel.options, evaluate) : evaluate(null);
    }

    models(): Promise<InstalledModel[]> {
        return this.registry.list();
    }

    async importModel(request: ImportModelRequest, handlers: ImportHandlers = {}): Promise<ImportedModel> {
        return this.importer.import(parseRequest(importModelRequest, request), handlers);
    }

    async doctor(): Promise<DoctorReport> {
        const settingsProblem = await this.settingsStore.read().then(
            () => this.settingsStore.recovery,
            (error: unknown) => errorMessage(error),
        );
        const report = await diagnose(this.dataDir, this.registry, await this.collections());
        if (settingsProblem) report.notices.push(settingsProblem);
        return report;
    }

    async settings(): Promise<Settings> {
        return this.settingsStore.read();
    }

    async updateSettings(update: SettingsUpdate): Promise<Settings> {
        return this.settingsStore.update(parseRequest(settingsUpdate, update));
    }

    async setWatching(request: WatchRequest): Promise<CollectionInfo> {
        const { collection, watch } = parseRequest(watchRequest, request);
        const store = await this.openStore(collection);
        store.updateFolderState({ watching: watch });
        await this.watchers.sync(collection, { catchUp: watch });
        return this.describe(store);
    }

    /**
     * Starts watching the collections that were watched when the engine last ran, and catches up on changes made
     * since. A collection that cannot be watched is reported as a background error; the others are still watched.
     */
    async resumeWatching(): Promise<void> {
        for (const { name, watching } of await this.collections()) {
            if (watching) await this.watchers.sync(name, { catchUp: true }).catch((error: unknown) => this.reportBackgroundError(error, name));
        }
    }

    async removeFolder(request: RemoveFolderRequest): Promise<CollectionInfo> {
        const { collection, folder } = parseRequest(removeFolderRequest, request);
        const root = path.resolve(folder);
        const store = await this.collectionWrites.run(collection, async () => {
            const store = await this.openStore(collection);
            const remaining = store.meta.folders.filter((recorded) => recorded !== root);
            // A document another remaining folder also covers (a parent folder) stays.
            const dropped = (await store.listDocuments()).filter(
                (document) => isWithin(document.path, root) && !remaining.some((other) => isWithin(document.path, other)),
            );
            if (remaining.length === store.meta.folders.length && dropped.length === 0)
                throw new EnclaveError("FOLDER_NOT_FOUND", `Collection "${collection}" has no folder ${root}.`);
            await store.removeDocuments(dropped.map((document) => document.docId));
            await store.refreshIndexes();
            store.updateFolderState({ folders: remaining });
            return store;
        });
        await this.watchers.sync(collection, { catchUp: false });
        return this.describe(store);
    }

    async browse(request: BrowseRequest): Promise<FolderListing> {
        return browseFolder(parseRequest(browseRequest, request).path);
    }

    async chats(): Promise<ChatSummary[]> {
        return this.chatStore.list();
    }

    async chat(chatId: string): Promise<Chat> {
        return this.chatStore.get(parseRequest(chatIdRequest, chatId));
    }

    async createChat(request: CreateChatRequest): Promise<Chat> {
        const { collection, title } = parseRequest(createChatRequest, request);
        await this.openStore(collection); // a chat about a collection that does not exist is refused
        return this.chatStore.create(collection, title);
    }

    async renameChat(request: RenameChatRequest): Promise<ChatSummary> {
        const { chatId, title } = parseRequest(renameChatRequest, request);
        return this.chatStore.rename(chatId, title);
    }

    async removeChat(chatId: string): Promise<boolean> {
        return this.chatStore.remove(parseRequest(chatIdRequest, chatId));
    }

    async askInChat(request: ChatAskRequest, handlers: AskHandlers = {}): Promise<ChatTurn> {
        const { chatId, question } = parseRequest(chatAskRequest, request);
        const askedAt = new Date().toISOString();
        const [chat, settings] = await Promise.all([this.chatStore.get(chatId), this.settingsStore.read()]);
        const answer = await this.answer(
            {
                collection: chat.collection,
                question,
                model: settings.chatModel,
                lora: settings.lora,
                mode: settings.mode,
                k: settings.sources,
                temperature: settings.temperature,
                sentences: settings.answerSentences,
                history: chatMemory(chat.turns),
            },
            handlers,
            { rerank: settings.rerank, reranker: settings.reranker },
        );
        // A stopped generation is not an error: the Answerer returns what was written so far, flagged.
        return this.chatStore.addTurn(chatId, { question, askedAt, answer, stopped: answer.flags.stopped });
    }

    async chatMarkdown(request: ChatMarkdownRequest): Promise<ChatMarkdown> {
        const { chatId, turnId } = parseRequest(chatMarkdownRequest, request);
        return chatToMarkdown(await this.chatStore.get(chatId), turnId);
    }

    async dispose(): Promise<void> {
        this.stopping.abort(new EnclaveError("ENGINE_STOPPED", "Enclave is shutting down."));
        await this.watchers.close();
        await this.collectionWrites.idle();
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

    private describe(store: CollectionStore): Promise<CollectionInfo> {
        return describeCollection(store, this.collectionWrites.busy(store.meta.name));
    }

    /**
     * One ingest run, inside the collection's write queue: records the folders and the outcome, and starts
     * watching new folders of a watched collection.
     */
    private async runIngest(
        store: CollectionStore,
        folders: string[],
        trigger: LastIngest["trigger"],
        options: IngestHandlers & { embedder?: string },
    ): Promise<IngestReport> {
        const embedder = await this.embedderForIngest(store, options.embedder);
        const signal = options.signal ? AbortSignal.any([options.signal, this.stopping.signal]) : this.stopping.signal;
        const report = await new Ingestor(store, embedder, { ...this.options.ingest, onEvent: options.onEvent, signal }).run(folders);
        const added = folders.filter((folder) => !store.meta.folders.includes(folder));
        store.updateFolderState({ folders: [...store.meta.folders, ...added], lastIngest: lastIngestOf(report, trigger) });
        if (added.length > 0 && store.meta.watching)
            this.watchers.sync(store.meta.name, { catchUp: false }).catch((error: unknown) => this.reportBackgroundError(error, store.meta.name));
        return report;
    }

    private reportBackgroundError(error: unknown, collection: string): void {
        if (this.stopping.signal.aborted) return; // shutting down is not a failure
        if (this.options.onBackgroundError) this.options.onBackgroundError(error, collection);
        else process.emitWarning(`Watching collection "${collection}" failed: ${errorMessage(error)}`, "EnclaveWatchWarning");
    }

    /** Retrieves and answers. `rerank`: whether and with which reranker ("default", a name, "none"). Default: the first installed */
    private async answer(request: AskRequest, handlers: AskHandlers, rerank?: { rerank: boolean; reranker: string }): Promise<AnswerResult> {
        const retriever = await this.retrieverFor(request.collection, rerank?.rerank === false ? NO_MODEL : rerank?.reranker);
        const retrieval = await retriever.search(request.question, {
            mode: request.mode,
            k: request.k ?? DEFAULT_ANSWER_SOURCES,
            filters: request.filters,
            rerank: rerank?.rerank,
        });
        const answerWith = (chatModel: ChatModel | null) =>
            new Answerer(chatModel).answer(request.question, retrieval.hits, {
                signal: handlers.signal,
                onToken: handlers.onToken,
                temperature: request.temperature,
                maxTokens: request.maxTokens,
                maxSentences: request.sentences,
                history: request.history,
                retrievalMs: retrieval.timings.totalMs,
            });
        const chatModel = request.model === NO_MODEL ? null : await this.chatModelChoice(request.model, request.lora);
        const result = chatModel ? await this.pool.useChatModel(chatModel.path, chatModel.options, answerWith) : await answerWith(null);
        result.notices.unshift(...retrieval.notices);
        return result;
    }

    /** A retriever over the collection with its embedder, and the named reranker ("none": no reranking; default: the first installed). */
    private async retrieverFor(collection: string, reranker: string | undefined): Promise<Retriever> {
        const store = await this.openStore(collection);
        const identity = store.meta.embedder;
        const embedderModel = identity ? await this.findEmbedderFor(identity.id) : null;
        const embedder = embedderModel ? await this.pool.embedder(embedderModel.path) : null;
        const rerankerModel = reranker === NO_MODEL ? null : await this.registry.find("reranker", registryName(reranker));
        return new Retriever(store, { embedder, reranker: rerankerModel ? await this.pool.reranker(rerankerModel) : null });
    }

    /**
     * The embedder a run uses: the collection's own, or, for a new collection, the requested one, else the one the
     * settings name. Asking for a different embedder than the collection's is refused: vectors of two models never mix.
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
        const choice = requested ?? registryName((await this.settingsStore.read()).embedder);
        if (choice === NO_MODEL) return null;
        const embedder = choice ? await this.loadEmbedder(choice) : await this.defaultEmbedder();
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

    /**
     * The chat model named ("default" or unnamed: the first installed, else the bundled one) and how to load it:
     * with the LoRA adapter named ("none" or unnamed: none) and the settings' threads, GPU layers and context size.
     * Null when no chat model is installed.
     */
    private async chatModelChoice(name: string | undefined, lora: string | undefined): Promise<{ path: string; options: ChatModelOptions } | null> {
        const model = await this.registry.find("chat", registryName(name));
        if (!model) return null;
        const adapter = lora && lora !== NO_MODEL ? await this.registry.find("lora", registryName(lora)) : null;
        const { threads, gpuLayers, contextSize } = await this.settingsStore.read();
        return {
            path: await this.registry.prepare(model),
            options: { threads: threads === "auto" ? undefined : threads, gpuLayers, contextSize, lora: adapter ? { filePath: adapter.path } : undefined },
        };
    }
}

/** A model choice as the registry takes it: "default" (or nothing) means the first installed, named by no name. */
function registryName(choice: string | undefined): string | undefined {
    return choice === DEFAULT_MODEL ? undefined : choice;
}

function lastIngestOf(report: IngestReport, trigger: LastIngest["trigger"]): LastIngest {
    const { files, pages, chunks, skipped, removed, failed } = report;
    return { finishedAt: new Date().toISOString(), trigger, files, pages, chunks, skipped, removed, failed };
}

async function describeCollection(store: CollectionStore, indexing: boolean): Promise<CollectionInfo> {
    const stats = await store.stats();
    const { name, embedder, createdAt, folders, watching, lastIngest } = store.meta;
    return {
        name,
        documents: stats.documents,
        chunks: stats.chunks,
        pages: stats.pages,
        embedder: embedder?.id ?? null,
        createdAt,
        folders,
        watching,
        indexing,
        lastIngest,
    };
}

function describeDocument(document: DocumentRecord): DocumentInfo {
    const { docId, path, title, fileType, pages, chunks, size, indexedAt } = document;
    return { docId, path, title, fileType, pages, chunks, size, indexedAt };
}
