import { createHash } from "node:crypto";
import { Piscina } from "piscina";
import type { TextEmbedder } from "../embed/types.js";
import { errorMessage } from "../errors.js";
import type { CollectionStore } from "../index/CollectionStore.js";
import { cpuThreads } from "../system/hardware.js";
import { workerEntry } from "../system/workerEntry.js";
import type { ChunkRecord, DocumentRecord, FailedFile, IngestEvent, IngestReport } from "../types.js";
import type { ChunkerOptions } from "./Chunker.js";
import { IngestProgress } from "./IngestProgress.js";
import type { ParseOutcome, ParseTask } from "./parseTask.js";
import { planIngest, type IngestCandidate } from "./planIngest.js";
import { scanFolders } from "./scanFolders.js";

export interface IngestorOptions {
    /** Threads parsing files. Default: all cores without an embedder, one fewer with one (the embedder needs a core). */
    parseThreads?: number;
    /** Files larger than this are reported and skipped. Default: 200 MiB */
    maxFileBytes?: number;
    chunker?: ChunkerOptions;
    /** Chunks buffered before one LanceDB write (each write creates a fragment). Default: 4096, or 1024 with an embedder so that it starts early */
    commitChunks?: number;
    onEvent?: (event: IngestEvent) => void;
    signal?: AbortSignal;
}

interface PendingDocument {
    document: DocumentRecord;
    chunks: ChunkRecord[];
}

const DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024;
const PARSE_HEAP_MB = 256;

/**
 * Brings a collection in line with a set of folders: new and changed files are parsed in worker threads,
 * embedded (when the collection has an embedder) and committed in large batches; unchanged files are skipped
 * by size+mtime or content hash; files gone from disk are removed. A crash at any point leaves the index
 * consistent: a document's new chunks become visible only when its document row is committed.
 */
export class Ingestor {
    private readonly options: Required<Omit<IngestorOptions, "onEvent" | "signal" | "parseThreads">> &
        Pick<IngestorOptions, "onEvent" | "signal" | "parseThreads">;

    constructor(
        private readonly store: CollectionStore,
        private readonly embedder: TextEmbedder | null,
        options: IngestorOptions = {},
    ) {
        this.options = {
            maxFileBytes: DEFAULT_MAX_FILE_BYTES,
            chunker: {},
            commitChunks: embedder ? 1024 : 4096,
            ...options,
        };
    }

    async run(folders: string[]): Promise<IngestReport> {
        const started = performance.now();
        const { onEvent, signal } = this.options;
        await this.store.sweepOrphans();

        const scan = await scanFolders(folders);
        const plan = planIngest(scan.files, await this.store.listDocuments(), scan.roots);
        onEvent?.({
            type: "scan",
            filesTotal: scan.files.length,
            toProcess: plan.candidates.length,
            unchanged: plan.unchanged.length,
            removed: plan.removed.length,
        });

        const failed: FailedFile[] = [...scan.unreadable];
        for (const failure of scan.unreadable) onEvent?.({ type: "file-failed", ...failure });
        const progress = new IngestProgress(
            plan.candidates.map((candidate) => candidate.file),
            scan.files.length,
            plan.unchanged.length,
            onEvent,
        );
        const totals = { pages: 0, chunks: 0, unchangedByHash: 0 };
        const touched: DocumentRecord[] = [];
        const committer = new BatchCommitter(this.store, this.embedder, () => totals.chunks, onEvent);
        let pending: PendingDocument[] = [];
        let pendingChunks = 0;

        await this.parseAll(plan.candidates, async (candidate, outcome) => {
            const { file, previous } = candidate;
            if (outcome.status === "failed") {
                failed.push({ path: file.path, reason: outcome.reason });
                onEvent?.({ type: "file-failed", path: file.path, reason: outcome.reason });
            } else if (outcome.status === "unchanged" && previous) {
                totals.unchangedByHash++;
                touched.push({ ...previous, size: file.size, mtimeMs: file.mtimeMs });
            } else if (outcome.status === "parsed") {
                const document = toDocumentRecord(candidate, outcome);
                pending.push({ document, chunks: toChunkRecords(document, outcome) });
                pendingChunks += outcome.chunks.length;
                totals.pages += document.pages;
                totals.chunks += document.chunks;
                onEvent?.({ type: "file-done", path: file.path, pages: document.pages, chunks: document.chunks });
            }
            progress.fileDone(file, outcome.status === "parsed" ? outcome.pageStarts.length : 0, totals.chunks);
            if (pendingChunks >= this.options.commitChunks) {
                await committer.enqueue(pending);
                pending = [];
                pendingChunks = 0;
            }
        });
        await committer.enqueue(pending);
        await committer.drain();
        signal?.throwIfAborted();

        if (plan.removed.length > 0) await this.store.removeDocuments(plan.removed.map((doc) => doc.docId));
        // Same content under a new mtime: record the new stat so the next run skips it without hashing.
        if (touched.length > 0) await this.store.commitDocuments(touched.map((document) => ({ document, chunks: [] })));
        await this.store.refreshIndexes();

        return {
            collection: this.store.meta.name,
            files: scan.files.length,
            pages: totals.pages,
            chunks: totals.chunks,
            skipped: plan.unchanged.length + totals.unchangedByHash,
            removed: plan.removed.length,
            failed,
            seconds: Math.round((performance.now() - started) / 10) / 100,
            embedder: this.store.meta.embedder?.id ?? null,
        };
    }

    /** Runs parse tasks with a bounded number in flight, handing outcomes over in completion order. */
    private async parseAll(
        candidates: IngestCandidate[],
        onOutcome: (candidate: IngestCandidate, outcome: ParseOutcome) => Promise<void>,
    ): Promise<void> {
        if (candidates.length === 0) return;
        const threads = this.options.parseThreads ?? Math.max(1, cpuThreads() - (this.embedder ? 1 : 0));
        const entry = workerEntry(import.meta.url, "parseWorker");
        const pool = new Piscina<ParseTask, ParseOutcome>({
            filename: entry.filename,
            execArgv: entry.execArgv,
            minThreads: Math.min(threads, candidates.length),
            maxThreads: Math.min(threads, candidates.length),
            // pdf.js keeps garbage until its heap is full; a cap makes it collect early (IRS folder: 905 → 784 MB
            // peak RSS, same speed). A file that needs more fails alone, as "too complex", like any broken file.
            resourceLimits: { maxOldGenerationSizeMb: PARSE_HEAP_MB },
        });
        // Outcomes are handled one at a time so batches are committed in order and memory stays bounded.
        let handling = Promise.resolve();
        try {
            const queue = [...candidates];
            const inFlight = new Set<Promise<void>>();
            while (queue.length > 0 || inFlight.size > 0) {
                while (queue.length > 0 && inFlight.size < threads * 2 && !this.options.signal?.aborted) {
                    const candidate = queue.shift()!;
                    const task: ParseTask = {
                        path: candidate.file.path,
                        knownHash: candidate.previous?.contentHash ?? null,
                        maxBytes: this.options.maxFileBytes,
                        chunker: this.options.chunker,
                    };
                    const job: Promise<void> = pool
                        .run(task)
                        .catch((error: unknown): ParseOutcome => ({ status: "failed", reason: workerFailure(error) }))
                        .then((outcome) => {
                            handling = handling.then(() => onOutcome(candidate, outcome));
                            return handling;
                        })
                        .finally(() => inFlight.delete(job));
                    inFlight.add(job);
                }
                if (inFlight.size === 0) break;
                await Promise.race(inFlight);
            }
            await handling;
        } finally {
            await pool.destroy();
        }
    }
}

/**
 * Embeds batches one after another and writes each once embedded; the write of one batch overlaps the
 * embedding of the next, and both overlap parsing, so the embedder (the slowest stage) never waits.
 */
class BatchCommitter {
    private embedding: Promise<void> = Promise.resolve();
    private committing: Promise<void> = Promise.resolve();
    private queued = 0;
    private embedded = 0;

    constructor(
        private readonly store: CollectionStore,
        private readonly embedder: TextEmbedder | null,
        private readonly chunksParsed: () => number,
        private readonly onEvent?: (event: IngestEvent) => void,
    ) {}

    /** Queues a batch; waits while two are already waiting, to bound memory. */
    async enqueue(batch: PendingDocument[]): Promise<void> {
        if (batch.length === 0) return;
        while (this.queued >= 2) await Promise.race([this.embedding, this.committing]);
        this.queued++;
        const embedded = (this.embedding = this.embedding.then(() => this.embed(batch)));
        this.committing = Promise.all([this.committing, embedded])
            .then(() => this.store.commitDocuments(batch))
            .finally(() => this.queued--);
        // A failure surfaces from drain(); until then later batches are skipped by the rejected chain.
        this.committing.catch(() => undefined);
    }

    async drain(): Promise<void> {
        await this.embedding;
        await this.committing;
    }

    private async embed(batch: PendingDocument[]): Promise<void> {
        if (!this.embedder) return;
        const chunks = batch.flatMap((entry) => entry.chunks);
        const vectors = await this.embedder.embedDocuments(chunks.map(embeddingInput));
        chunks.forEach((chunk, index) => (chunk.vector = vectors[index]));
        this.embedded += chunks.length;
        this.onEvent?.({ type: "embed", chunksDone: this.embedded, chunksTotal: this.chunksParsed() });
    }
}

/** Headings give a chunk its context; embedding them with the text helps vector search. */
export function embeddingInput(chunk: Pick<ChunkRecord, "headingPath" | "text">): string {
    return chunk.headingPath.length > 0 ? `${chunk.headingPath.join(" > ")}\n${chunk.text}` : chunk.text;
}

/** Why a parse worker died on a file (the worker itself never throws for a bad file: see parseWorker.ts). */
function workerFailure(error: unknown): string {
    if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY")
        return `too complex to parse within ${PARSE_HEAP_MB} MB of memory`;
    return `the parser stopped unexpectedly: ${errorMessage(error)}`;
}

export function documentIdFor(filePath: string): string {
    return createHash("sha256").update(filePath).digest("hex").slice(0, 16);
}

function toDocumentRecord(candidate: IngestCandidate, outcome: Extract<ParseOutcome, { status: "parsed" }>): DocumentRecord {
    const { file } = candidate;
    return {
        docId: candidate.previous?.docId ?? documentIdFor(file.path),
        path: file.path,
        fileType: outcome.fileType,
        contentHash: outcome.contentHash,
        size: file.size,
        mtimeMs: file.mtimeMs,
        pages: outcome.pageStarts.length,
        chunks: outcome.chunks.length,
        title: outcome.title,
        pageStarts: outcome.pageStarts,
        indexedAt: new Date().toISOString(),
    };
}

function toChunkRecords(document: DocumentRecord, outcome: Extract<ParseOutcome, { status: "parsed" }>): ChunkRecord[] {
    const version = document.contentHash.slice(0, 12);
    return outcome.chunks.map((draft) => ({
        ...draft,
        id: `${document.docId}:${version}:${draft.ordinal}`,
        docId: document.docId,
        contentHash: document.contentHash,
        path: document.path,
        fileType: document.fileType,
    }));
}
