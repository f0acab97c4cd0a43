import { once } from "node:events";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { fileTypeOf } from "../ingest/loaders/index.js";

export interface FolderWatcherOptions {
    /** Called once changes have settled: files of a supported type added, edited or deleted, or a folder deleted. */
    onChange: () => void;
    /** Quiet time after the last change before `onChange` is called, so that a copy of many files costs one call. Default: 1000 ms */
    debounceMs?: number;
    /** Receives the watcher's own errors (e.g. a folder that became unreadable). Default: none */
    onError?: (error: Error) => void;
}

const DEFAULT_DEBOUNCE_MS = 1000;

/** Watches folders (recursively) for changes to the files ingest reads, skipping hidden entries as ingest does. */
export class FolderWatcher {
    private timer: NodeJS.Timeout | undefined;

    private constructor(
        private readonly watcher: FSWatcher,
        private readonly options: FolderWatcherOptions,
    ) {}

    /** Starts watching; resolves once the folders are being watched, so changes from then on are seen. */
    static async start(folders: string[], options: FolderWatcherOptions): Promise<FolderWatcher> {
        const roots = new Set(folders.map((folder) => path.resolve(folder)));
        const watcher = watch([...roots], {
            ignoreInitial: true,
            // A root may itself be hidden (~/.notes); below the roots, hidden entries and unsupported files are not.
            ignored: (entryPath, stats) =>
                !roots.has(entryPath) && (path.basename(entryPath).startsWith(".") || (stats?.isFile() === true && fileTypeOf(entryPath) === null)),
        });
        const folderWatcher = new FolderWatcher(watcher, options);
        watcher.on("all", (event, changedPath) => folderWatcher.noticed(event, changedPath));
        watcher.on("error", (error) => options.onError?.(error as Error));
        await once(watcher, "ready");
        return folderWatcher;
    }

    async close(): Promise<void> {
        clearTimeout(this.timer);
        await this.watcher.close();
    }

    private noticed(event: string, changedPath: string): void {
        // A new folder's files each arrive as "add"; a deleted folder's may not each arrive as "unlink".
        const relevant = event === "unlinkDir" || (event !== "addDir" && fileTypeOf(changedPath) !== null);
        if (!relevant) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.options.onChange(), this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    }
}
