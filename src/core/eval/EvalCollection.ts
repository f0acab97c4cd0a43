import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TextEmbedder } from "../embed/types.js";
import { CollectionStore } from "../index/CollectionStore.js";
import { embeddingInput } from "../ingest/Ingestor.js";
import { Retriever } from "../retrieve/Retriever.js";
import { estimateTokens } from "../text/tokens.js";
import type { ChunkRecord, DocumentRecord } from "../types.js";
import type { EvalDocument } from "./datasets.js";

export interface EvalCollectionOptions {
    /** Embeds every document for vector and hybrid search. Default: null (BM25 only) */
    embedder?: TextEmbedder | null;
    /** Where the documents came from; their paths are `${source}#${id}`. Default: "eval" */
    source?: string;
    /** Called after each committed batch. Default: none */
    onProgress?: (documentsDone: number, documentsTotal: number) => void;
    signal?: AbortSignal;
}

/** Documents per commit: each commit writes one LanceDB fragment, and embedding runs per batch. */
const COMMIT_DOCUMENTS = 2048;

/**
 * A throw-away collection in a temporary folder holding an evaluation corpus, one chunk per document (its
 * title, then its text), committed like ingestion commits files. `dispose()` deletes it.
 */
export class EvalCollection {
    private constructor(
        readonly store: CollectionStore,
        readonly retriever: Retriever,
        /** Seconds spent indexing (and embedding) the corpus. */
        readonly indexSeconds: number,
    ) {}

    static async create(documents: readonly EvalDocument[], options: EvalCollectionOptions = {}): Promise<EvalCollection> {
        const { embedder = null, source = "eval", onProgress, signal } = options;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-eval-"));
        const store = await CollectionStore.open(dir, "eval", { create: true, embedder: embedder?.identity ?? null }).catch((error: unknown) => {
            fs.rmSync(dir, { recursive: true, force: true });
            throw error;
        });
        try {
            const started = performance.now();
            for (let start = 0; start < documents.length; start += COMMIT_DOCUMENTS) {
                signal?.throwIfAborted();
                const batch = documents.slice(start, start + COMMIT_DOCUMENTS).map((document) => toRecords(document, source));
                if (embedder) {
                    const vectors = await embedder.embedDocuments(batch.map(({ chunk }) => embeddingInput(chunk)));
                    batch.forEach(({ chunk }, index) => (chunk.vector = vectors[index]));
                }
                await store.commitDocuments(batch.map(({ document, chunk }) => ({ document, chunks: [chunk] })));
                onProgress?.(start + batch.length, documents.length);
            }
            await store.refreshIndexes();
            const indexSeconds = (performance.now() - started) / 1000;
            return new EvalCollection(store, new Retriever(store, { embedder }), indexSeconds);
        } catch (error) {
            store.close();
            CollectionStore.remove(dir);
            throw error;
        }
    }

    /** Closes and deletes the collection. */
    dispose(): void {
        this.store.close();
        CollectionStore.remove(this.store.dir);
    }
}

function toRecords(source: EvalDocument, origin: string): { document: DocumentRecord; chunk: ChunkRecord } {
    // The title is part of the indexed text: a query often names the document's subject only there.
    const text = source.title ? `${source.title}\n\n${source.text}` : source.text;
    const contentHash = createHash("sha256").update(text).digest("hex");
    const docPath = `${origin}#${source.id}`;
    const chunk: ChunkRecord = {
        id: `${source.id}:${contentHash.slice(0, 12)}:0`,
        docId: source.id,
        contentHash,
        path: docPath,
        fileType: "txt",
        ordinal: 0,
        text,
        charStart: 0,
        charEnd: text.length,
        pageStart: 1,
        pageEnd: 1,
        headingPath: [],
        tokenCount: estimateTokens(text),
    };
    const document: DocumentRecord = {
        docId: source.id,
        path: docPath,
        fileType: "txt",
        contentHash,
        size: Buffer.byteLength(text),
        mtimeMs: 0,
        pages: 1,
        chunks: 1,
        title: source.title,
        pageStarts: [0],
        indexedAt: new Date().toISOString(),
    };
    return { document, chunk };
}
