import fs from "node:fs";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import type { EmbedderIdentity, TextEmbedder } from "../embed/types.js";
import { EnclaveError } from "../errors.js";
import { reciprocalRankFusion } from "../retrieve/fusion.js";
import { cjkSearchText, hasCjk, withoutCjk } from "../text/cjk.js";
import type { ChunkRecord, DocumentRecord, SearchFilters } from "../types.js";
import {
    emptyFolderState,
    metaPath,
    readMeta,
    sameEmbedder,
    SCHEMA_VERSION,
    writeMeta,
    type CollectionMeta,
    type FolderState,
} from "./collectionMeta.js";
import {
    CHUNK_COLUMNS,
    chunksSchema,
    DOCUMENTS_TABLE,
    documentsSchema,
    fromChunkRow,
    fromDocumentRow,
    toChunkRow,
    toDocumentRow,
    type StoredChunk,
} from "./schema.js";
import { filterPredicate, sqlIn, sqlString } from "./sql.js";

export type { CollectionMeta } from "./collectionMeta.js";
export type { StoredChunk } from "./schema.js";

const DATABASE_FOLDER = "lancedb";
const INITIAL_CHUNKS_TABLE = "chunks";
/** Compact once a table has more small fragments than this: every add or merge writes one. */
const SMALL_FRAGMENT_LIMIT = 8;
/** Predicates per delete call, so that a large batch does not become one enormous SQL expression. */
const DELETE_CLAUSES_PER_CALL = 256;
/** Rows per add while re-embedding: LanceDB writes a fragment per add, so fewer, larger adds. */
const REEMBED_WRITE_ROWS = 8192;
/** Search over-fetches by this factor when stale chunks of an interrupted commit crowd out current ones. */
const FETCH_GROWTH = 4;

/** Chunk-table indexes, created with the (empty) table and kept up to date by `refreshIndexes`. */
const CHUNK_INDEXES: Array<{ column: string; config: () => lancedb.Index }> = [
    {
        column: "text",
        // bench/cjk-tokenizer.ts, SQuAD 2.0 dev (500 answerable questions, paragraph recall@5):
        // stop words removed 0.960 vs kept 0.944, MRR@10 0.889 vs 0.883.
        config: () =>
            lancedb.Index.fts({
                baseTokenizer: "simple",
                language: "English",
                stem: true,
                lowercase: true,
                asciiFolding: true,
                removeStopWords: true,
                withPosition: false,
            }),
    },
    {
        column: "cjk_text",
        // bench/cjk-tokenizer.ts, JSQuAD valid (4,442 questions, paragraph recall@5 / MRR@10): 1-2-grams
        // 0.962 / 0.928, the best n-gram setting (1-1 0.950, 2-2 0.954, 2-3 0.948, 1-3 0.960, prefix-only 0.060).
        config: () =>
            lancedb.Index.fts({
                baseTokenizer: "ngram",
                ngramMinLength: 1,
                ngramMaxLength: 2,
                prefixOnly: false,
                lowercase: true,
                stem: false,
                removeStopWords: false,
                withPosition: false,
            }),
    },
    { column: "doc_id", config: () => lancedb.Index.btree() },
    { column: "path", config: () => lancedb.Index.btree() },
    { column: "file_type", config: () => lancedb.Index.bitmap() },
];

export interface OpenCollectionOptions {
    /** Create the collection when the folder holds none. Default: false (throws EnclaveError "COLLECTION_NOT_FOUND") */
    create?: boolean;
    /** Embedder of a collection created by this call; ignored when the collection exists. Default: null (keyword-only) */
    embedder?: EmbedderIdentity | null;
}

/** A current chunk found by search. */
export interface StoredHit {
    chunk: StoredChunk;
    /** Higher is better: BM25 for text search (RRF when English and CJK lists were fused), cosine similarity for vectors. */
    score: number;
}

/** What re-embedding needs from an embedder; a `TextEmbedder` fits. */
export type EmbeddingSource = Pick<TextEmbedder, "identity" | "embedDocuments">;

export interface ReplaceEmbeddingsOptions {
    /** Text embedded for a chunk; must match what ingestion embeds. Default: the chunk text */
    input?: (chunk: StoredChunk) => string;
    /** Chunks per `embedDocuments` call. Default: 256 */
    batchSize?: number;
    /** Called after each embedded batch. Default: none */
    onProgress?: (chunksDone: number, chunksTotal: number) => void;
    /** Aborts the rebuild; the collection keeps its previous table. Default: none */
    signal?: AbortSignal;
}

export interface CollectionStats {
    documents: number;
    chunks: number;
    pages: number;
    /** Bytes on disk of both tables. */
    bytes?: number;
}

/**
 * One collection: a folder holding a LanceDB database (a `documents` table and a chunks table) and
 * `collection.json`. The documents row's contentHash is the commit point: chunks of any other version are
 * never returned, so a crash mid-commit shows neither duplicates nor stale text. Each write (a commit, a removal,
 * an index refresh) runs alone, so a search refreshing indexes never races an ingest's commit; ingest runs themselves
 * must still run one at a time. To delete a collection, `close()` it, then `CollectionStore.remove(dir)`.
 */
export class CollectionStore {
    private indexesStale = true;
    /** The last write queued: LanceDB refuses a commit that races another on the same rows (a refresh's rewrite, a delete). */
    private writing: Promise<unknown> = Promise.resolve();
    private refreshing: Promise<void> | null = null;
    private closed = false;

    private constructor(
        readonly dir: string,
        private readonly db: lancedb.Connection,
        private readonly documentsTable: lancedb.Table,
        private chunks: lancedb.Table,
        private currentMeta: CollectionMeta,
        private readonly documents: Map<string, DocumentRecord>,
    ) {}

    /** Opens the collection in `dir`; `name` names a collection created by this call. */
    static async open(dir: string, name: string, options: OpenCollectionOptions = {}): Promise<CollectionStore> {
        const existing = readMeta(dir);
        if (!existing && !options.create) {
            throw new EnclaveError("COLLECTION_NOT_FOUND", `There is no collection "${name}" (looked in ${dir}).`);
        }
        const meta: CollectionMeta = existing ?? {
            schemaVersion: SCHEMA_VERSION,
            name,
            createdAt: new Date().toISOString(),
            embedder: options.embedder ?? null,
            chunksTable: INITIAL_CHUNKS_TABLE,
            ...emptyFolderState(),
        };
        fs.mkdirSync(dir, { recursive: true });
        const db = await lancedb.connect(path.join(dir, DATABASE_FOLDER));
        try {
            const tables = await db.tableNames();
            const documentsTable = tables.includes(DOCUMENTS_TABLE)
                ? await db.openTable(DOCUMENTS_TABLE)
                : await db.createEmptyTable(DOCUMENTS_TABLE, documentsSchema);
            const chunks = tables.includes(meta.chunksTable)
                ? await db.openTable(meta.chunksTable)
                : await createChunksTable(db, meta.chunksTable, meta.embedder);
            if (!existing) writeMeta(dir, meta);
            // A re-embed interrupted before its switch leaves its half-built table behind.
            for (const table of tables) {
                if (table !== DOCUMENTS_TABLE && table !== meta.chunksTable) await db.dropTable(table);
            }
            const rows = (await documentsTable.query().toArray()) as Array<Record<string, unknown>>;
            const documents = new Map(rows.map((row) => fromDocumentRow(row)).map((doc) => [doc.docId, doc]));
            return new CollectionStore(dir, db, documentsTable, chunks, meta, documents);
        } catch (error) {
            db.close();
            throw error;
        }
    }

    /** Deletes a collection folder (close its store first). Refuses folders that hold no collection. */
    static remove(dir: string): void {
        if (!fs.existsSync(metaPath(dir))) {
            throw new EnclaveError("COLLECTION_NOT_FOUND", `${dir} holds no collection, so nothing was deleted.`);
        }
        fs.rmSync(dir, { recursive: true, force: true });
    }

    get meta(): CollectionMeta {
        return this.currentMeta;
    }

    /** Records the collection's folders, watching state or last ingest in collection.json (atomically). */
    updateFolderState(changes: Partial<FolderState>): void {
        const updated: CollectionMeta = { ...this.currentMeta, ...changes };
        writeMeta(this.dir, updated);
        this.currentMeta = updated;
    }

    /** Current versions of every document (from memory: loaded at open, updated by each write). */
    async listDocuments(): Promise<DocumentRecord[]> {
        return [...this.documents.values()];
    }

    getDocument(docId: string): DocumentRecord | undefined {
        return this.documents.get(docId);
    }

    /**
     * Stores new versions of documents: adds chunks, then upserts the document rows (the commit point), then
     * deletes chunks of superseded versions. One call = one batch of several documents. A document committed
     * with its current hash and no chunks only updates its row (e.g. a new mtime), keeping its chunks.
     */
    commitDocuments(batch: Array<{ document: DocumentRecord; chunks: ChunkRecord[] }>): Promise<void> {
        return this.exclusive(() => this.commit(batch));
    }

    private async commit(batch: Array<{ document: DocumentRecord; chunks: ChunkRecord[] }>): Promise<void> {
        if (batch.length === 0) return;
        const rows = batch.flatMap(({ chunks }) => chunks.map((chunk) => toChunkRow(chunk, this.checkedVector(chunk))));
        if (rows.length > 0) await this.chunks.add(rows);
        await this.documentsTable
            .mergeInsert("doc_id")
            .whenMatchedUpdateAll()
            .whenNotMatchedInsertAll()
            .execute(batch.map(({ document }) => toDocumentRow(document)));
        for (const { document } of batch) this.documents.set(document.docId, document);
        this.indexesStale = true;
        await this.deleteChunks(
            batch.map(({ document }) => `(doc_id = ${sqlString(document.docId)} AND content_hash <> ${sqlString(document.contentHash)})`),
        );
    }

    /** Removes documents: their rows first (their chunks vanish from search at once), then their chunks. */
    removeDocuments(docIds: string[]): Promise<void> {
        return this.exclusive(() => this.remove(docIds));
    }

    private async remove(docIds: string[]): Promise<void> {
        if (docIds.length === 0) return;
        for (let start = 0; start < docIds.length; start += DELETE_CLAUSES_PER_CALL) {
            await this.documentsTable.delete(sqlIn("doc_id", docIds.slice(start, start + DELETE_CLAUSES_PER_CALL)));
        }
        for (const docId of docIds) this.documents.delete(docId);
        this.indexesStale = true;
        await this.deleteChunks(docIds.map((docId) => `doc_id = ${sqlString(docId)}`));
    }

    /** Deletes chunks whose (docId, contentHash) is not a current document version — left by a crash mid-commit. Returns rows deleted. */
    async sweepOrphans(): Promise<number> {
        const orphanVersions = new Set<string>();
        for await (const batch of this.chunks.query().select(["doc_id", "content_hash"])) {
            for (const row of batch.toArray() as unknown as Array<{ doc_id: string; content_hash: string }>) {
                if (this.documents.get(row.doc_id)?.contentHash !== row.content_hash) {
                    orphanVersions.add(`(doc_id = ${sqlString(row.doc_id)} AND content_hash = ${sqlString(row.content_hash)})`);
                }
            }
        }
        const deleted = await this.exclusive(() => this.deleteChunks([...orphanVersions]));
        if (deleted > 0) this.indexesStale = true;
        return deleted;
    }

    /** Brings indexes up to date with the writes since the last call and compacts small fragments; cheap when nothing changed. */
    refreshIndexes(): Promise<void> {
        // Concurrent callers share one run instead of optimizing the same tables twice.
        this.refreshing ??= this.refreshStaleIndexes().finally(() => (this.refreshing = null));
        return this.refreshing;
    }

    private async refreshStaleIndexes(): Promise<void> {
        if (!this.indexesStale) return;
        await this.exclusive(async () => {
            this.indexesStale = false;
            for (const table of [this.documentsTable, this.chunks]) {
                const [stats, indexes] = await Promise.all([table.stats(), table.listIndices()]);
                const unindexed = indexes.some((index) => (index.numUnindexedRows ?? 0) > 0);
                // optimize() both compacts fragments and merges unindexed rows into every index.
                if (unindexed || stats.fragmentStats.numSmallFragments > SMALL_FRAGMENT_LIMIT) await table.optimize();
            }
        });
    }

    /**
     * Rebuilds the chunks table with vectors of `embedder` (or without vectors when null) under a new name, then
     * switches `meta.chunksTable` and `meta.embedder` in one atomic write of collection.json and drops the old
     * table. Vectors of two models never share a table. No-op when the identity is unchanged.
     */
    async replaceEmbeddings(embedder: EmbeddingSource | null, options: ReplaceEmbeddingsOptions = {}): Promise<void> {
        const identity = embedder?.identity ?? null;
        if (sameEmbedder(identity, this.currentMeta.embedder)) return;
        const input = options.input ?? ((chunk: StoredChunk) => chunk.text);
        const batchSize = options.batchSize ?? 256;
        const total = [...this.documents.values()].reduce((sum, doc) => sum + doc.chunks, 0);
        const tableName = `chunks_${Date.now().toString(36)}`;
        const target = await createChunksTable(this.db, tableName, identity);
        try {
            let pending: Array<Record<string, unknown>> = [];
            let done = 0;
            for await (const batch of this.chunks.query().select([...CHUNK_COLUMNS])) {
                const current = (batch.toArray() as Array<Record<string, unknown>>).map(fromChunkRow).filter((chunk) => this.isCurrent(chunk));
                for (let start = 0; start < current.length; start += batchSize) {
                    options.signal?.throwIfAborted();
                    const slice = current.slice(start, start + batchSize);
                    const vectors = embedder ? await embedder.embedDocuments(slice.map(input)) : [];
                    slice.forEach((chunk, index) => pending.push(toChunkRow(chunk, checkDims(vectors[index], identity))));
                    done += slice.length;
                    options.onProgress?.(done, total);
                    if (pending.length >= REEMBED_WRITE_ROWS) {
                        await target.add(pending);
                        pending = [];
                    }
                }
            }
            if (pending.length > 0) await target.add(pending);
            options.signal?.throwIfAborted();
            await this.exclusive(async () => {
                const previous = this.chunks;
                const switched: CollectionMeta = { ...this.currentMeta, embedder: identity, chunksTable: tableName };
                writeMeta(this.dir, switched);
                this.currentMeta = switched;
                this.chunks = target;
                this.indexesStale = true;
                previous.close();
                await this.db.dropTable(previous.name);
            });
        } catch (error) {
            if (this.chunks !== target) {
                target.close();
                await this.db.dropTable(tableName);
            }
            throw error;
        }
    }

    /** BM25 over the English column, and over the CJK n-gram column when the query holds CJK (fused by RRF when both apply). */
    async searchText(query: string, options: { k: number; filters?: SearchFilters }): Promise<StoredHit[]> {
        // LanceDB 0.37 appends hits from unindexed rows after the indexed ones, unsorted and before the limit,
        // so rows written since the last refresh are indexed first (a no-op when there are none).
        await this.refreshIndexes();
        const where = filterPredicate(options.filters);
        const lists: StoredHit[][] = [];
        const words = withoutCjk(query);
        if (/[\p{L}\p{N}]/u.test(words)) lists.push(await this.fullText("text", words, options.k, where));
        if (hasCjk(query)) lists.push(await this.fullText("cjk_text", cjkSearchText(query), options.k, where));
        if (lists.length <= 1) return lists[0] ?? [];
        const chunksById = new Map(lists.flat().map((hit) => [hit.chunk.id, hit.chunk]));
        return reciprocalRankFusion(lists.map((list) => list.map((hit) => hit.chunk.id)))
            .slice(0, options.k)
            .map((item) => ({ chunk: chunksById.get(item.id)!, score: item.score }));
    }

    /** Nearest chunks by cosine similarity; the vector must come from the collection's embedder. */
    async searchVector(vector: Float32Array, options: { k: number; filters?: SearchFilters }): Promise<StoredHit[]> {
        const identity = this.currentMeta.embedder;
        if (!identity) throw new EnclaveError("NO_EMBEDDER", `Collection "${this.currentMeta.name}" has no vectors: it was indexed without an embedder.`);
        checkDims(vector, identity);
        const where = filterPredicate(options.filters);
        return this.currentHits(options.k, (limit) => {
            const query = this.chunks.vectorSearch(vector).distanceType("cosine").select([...CHUNK_COLUMNS, "_distance"]).limit(limit);
            return where ? query.where(where) : query;
        }, (row) => 1 - Number(row._distance));
    }

    async stats(): Promise<CollectionStats> {
        const documents = [...this.documents.values()];
        const [chunkStats, documentStats] = await Promise.all([this.chunks.stats(), this.documentsTable.stats()]);
        return {
            documents: documents.length,
            chunks: documents.reduce((sum, doc) => sum + doc.chunks, 0),
            pages: documents.reduce((sum, doc) => sum + doc.pages, 0),
            bytes: chunkStats.totalBytes + documentStats.totalBytes,
        };
    }

    /** Runs a write once the one before it has settled. */
    private exclusive<T>(write: () => Promise<T>): Promise<T> {
        const run = this.writing.then(write);
        this.writing = run.catch(() => undefined);
        return run;
    }

    /** Releases the native tables and connection; idempotent. */
    close(): void {
        if (this.closed) return;
        this.closed = true;
        this.chunks.close();
        this.documentsTable.close();
        this.db.close();
    }

    private fullText(column: "text" | "cjk_text", text: string, k: number, where: string | null): Promise<StoredHit[]> {
        return this.currentHits(k, (limit) => {
            // A MatchQuery, not a query string: quotes, colons or AND in user text must not be parsed as syntax.
            const query = this.chunks
                .query()
                .fullTextSearch(new lancedb.MatchQuery(text, column))
                .select([...CHUNK_COLUMNS, "_score"])
                .limit(limit);
            return where ? query.where(where) : query;
        }, (row) => Number(row._score));
    }

    /** Runs a ranked query, keeping current chunks only; fetches more when stale ones fill the first `k`. */
    private async currentHits(
        k: number,
        build: (limit: number) => { toArray(): Promise<unknown[]> },
        score: (row: Record<string, unknown>) => number,
    ): Promise<StoredHit[]> {
        if (k <= 0) return [];
        for (let limit = k; ; limit *= FETCH_GROWTH) {
            const rows = (await build(limit).toArray()) as Array<Record<string, unknown>>;
            const hits = rows.map((row) => ({ chunk: fromChunkRow(row), score: score(row) })).filter((hit) => this.isCurrent(hit.chunk));
            if (hits.length >= k || rows.length < limit) return hits.slice(0, k);
        }
    }

    private isCurrent(chunk: StoredChunk): boolean {
        return this.documents.get(chunk.docId)?.contentHash === chunk.contentHash;
    }

    private checkedVector(chunk: ChunkRecord): Float32Array | undefined {
        const identity = this.currentMeta.embedder;
        if (!identity) {
            if (chunk.vector) throw new EnclaveError("NO_EMBEDDER", `Chunk ${chunk.id} has a vector, but collection "${this.currentMeta.name}" has no embedder.`);
            return undefined;
        }
        return checkDims(chunk.vector, identity);
    }

    /** Deletes chunks matching any of the clauses; returns rows deleted. */
    private async deleteChunks(clauses: string[]): Promise<number> {
        let deleted = 0;
        for (let start = 0; start < clauses.length; start += DELETE_CLAUSES_PER_CALL) {
            const result = await this.chunks.delete(clauses.slice(start, start + DELETE_CLAUSES_PER_CALL).join(" OR "));
            deleted += result.numDeletedRows;
        }
        return deleted;
    }
}

async function createChunksTable(db: lancedb.Connection, name: string, embedder: EmbedderIdentity | null): Promise<lancedb.Table> {
    const table = await db.createEmptyTable(name, chunksSchema(embedder?.dims ?? null));
    for (const { column, config } of CHUNK_INDEXES) await table.createIndex(column, { config: config() });
    return table;
}

/** The vector, checked against the embedder's dimensions; undefined only when there is no embedder. */
function checkDims(vector: Float32Array | undefined, identity: EmbedderIdentity | null): Float32Array | undefined {
    if (!identity) return undefined;
    if (!vector || vector.length !== identity.dims) {
        throw new EnclaveError(
            "EMBEDDER_MISMATCH",
            `Expected a ${identity.dims}-dimension vector from ${identity.id}, got ${vector ? vector.length : "none"}.`,
        );
    }
    return vector;
}
