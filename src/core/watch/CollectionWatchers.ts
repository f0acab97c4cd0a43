import type { FolderState } from "../index/collectionMeta.js";
import { KeyedQueue } from "../system/KeyedQueue.js";
import { FolderWatcher } from "./FolderWatcher.js";

export interface CollectionWatchersOptions {
    /** A collection's recorded folders and whether it is to be watched. */
    state: (collection: string) => Promise<Pick<FolderState, "folders" | "watching">>;
    /** Re-indexes a collection's folders, calling `started` when the run begins (it may first wait for other writes). */
    reindex: (collection: string, started: () => void) => Promise<void>;
    /** Receives failures of watchers and of re-indexing, which no request waits for. */
    onError: (error: unknown, collection: string) => void;
    /** Quiet time after a change before re-indexing. Default: FolderWatcher's */
    debounceMs?: number;
}

/** One FolderWatcher per watched collection, re-indexing it after changes; changes noticed before a re-index starts join it. */
export class CollectionWatchers {
    private readonly watchers = new Map<string, FolderWatcher>();
    /** Starting and stopping one collection's watcher, one change at a time. */
    private readonly changes = new KeyedQueue();
    /** Collections with a re-index queued but not started. */
    private readonly waiting = new Set<string>();
    private closed = false;

    constructor(private readonly options: CollectionWatchersOptions) {}

    /** Starts, restarts or stops a collection's watcher to match its state; `catchUp` also re-indexes at once. */
    sync(collection: string, { catchUp }: { catchUp: boolean }): Promise<void> {
        return this.changes.run(collection, async () => {
            await this.closeWatcher(collection);
            if (this.closed) return;
            const { folders, watching } = await this.options.state(collection);
            if (!watching || folders.length === 0) return;
            const watcher = await FolderWatcher.start(folders, {
                debounceMs: this.options.debounceMs,
                onChange: () => this.reindex(collection),
                onError: (error) => this.options.onError(error, collection),
            });
            this.watchers.set(collection, watcher);
            // Changes made while nothing watched (the app was closed, or watching was off) are picked up now.
            if (catchUp) this.reindex(collection);
        });
    }

    stop(collection: string): Promise<void> {
        return this.changes.run(collection, () => this.closeWatcher(collection));
    }

    /** Stops every watcher; none starts afterwards. */
    async close(): Promise<void> {
        this.closed = true;
        await this.changes.idle();
        await Promise.all([...this.watchers.keys()].map((collection) => this.stop(collection)));
    }

    private async closeWatcher(collection: string): Promise<void> {
        const watcher = this.watchers.get(collection);
        this.watchers.delete(collection);
        await watcher?.close();
    }

    private reindex(collection: string): void {
        if (this.closed || this.waiting.has(collection)) return;
        this.waiting.add(collection);
        const started = () => this.waiting.delete(collection);
        this.options
            .reindex(collection, started)
            .catch((error: unknown) => this.options.onError(error, collection))
            .finally(started);
    }
}
