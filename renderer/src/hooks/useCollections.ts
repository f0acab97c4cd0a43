/**
 * The collections, the ingests this window started (with their streamed progress), and the actions on them.
 * While anything indexes or watches its folders, the list is polled so that `indexing` and `lastIngest` stay fresh.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { CollectionInfo } from "../../../src/core/api/contract.ts";
import type { FailedFile, IngestEvent, IngestReport } from "../../../src/core/types.ts";
import { useApi } from "../api/ApiContext.tsx";
import { isAborted, toUserError, type UserError } from "../api/errors.ts";
import { useLoad } from "./useLoad.ts";

type EventOf<Type extends IngestEvent["type"]> = Extract<IngestEvent, { type: Type }>;

export interface IngestRun {
    collection: string;
    /** The folders being indexed. */
    folders: string[];
    status: "running" | "done" | "failed" | "stopped";
    scan: EventOf<"scan"> | null;
    progress: EventOf<"progress"> | null;
    embed: EventOf<"embed"> | null;
    /** Files that could not be read, as they were reported. */
    failed: FailedFile[];
    report: IngestReport | null;
    error: UserError | null;
}

const POLL_MS = 3000;

export function useCollections() {
    const { api } = useApi();
    const list = useLoad(() => api.collections(), [api]);
    const [runs, setRuns] = useState<Record<string, IngestRun>>({});
    const controllers = useRef(new Map<string, AbortController>());
    const { reload, setData } = list;

    const running = Object.values(runs).some((run) => run.status === "running");
    const busy = running || (list.data ?? []).some((collection) => collection.indexing || collection.watching);
    useEffect(() => {
        if (!busy) return;
        const timer = window.setInterval(() => void reload(), POLL_MS);
        return () => window.clearInterval(timer);
    }, [busy, reload]);

    const updateRun = useCallback((collection: string, change: (run: IngestRun) => IngestRun) => {
        setRuns((all) => (all[collection] ? { ...all, [collection]: change(all[collection]) } : all));
    }, []);

    /** Indexes `folders` into `collection` (created on first use); unchanged files are skipped by content hash. */
    const index = useCallback(
        async (collection: string, folders: string[]) => {
            controllers.current.get(collection)?.abort();
            const controller = new AbortController();
            controllers.current.set(collection, controller);
            setRuns((all) => ({
                ...all,
                [collection]: { collection, folders, status: "running", scan: null, progress: null, embed: null, failed: [], report: null, error: null },
            }));
            const onEvent = (event: IngestEvent) =>
                updateRun(collection, (run) => {
                    switch (event.type) {
                        case "scan":
                            return { ...run, scan: event };
                        case "progress":
                            return { ...run, progress: event };
                        case "embed":
                            return { ...run, embed: event };
                        case "file-failed":
                            return { ...run, failed: [...run.failed, { path: event.path, reason: event.reason }] };
                        case "file-done":
                            return run;
                    }
                });
            try {
                const report = await api.ingest({ collection, folders }, { onEvent, signal: controller.signal });
                updateRun(collection, (run) => ({ ...run, status: "done", report, failed: report.failed }));
            } catch (error) {
                updateRun(collection, (run) =>
                    isAborted(error) ? { ...run, status: "stopped" } : { ...run, status: "failed", error: toUserError(error) },
                );
            } finally {
                if (controllers.current.get(collection) === controller) controllers.current.delete(collection);
                void reload();
            }
        },
        [api, reload, updateRun],
    );

    const stopIndexing = useCallback((collection: string) => controllers.current.get(collection)?.abort(), []);

    const replace = useCallback(
        (info: CollectionInfo) => setData((all = []) => all.map((collection) => (collection.name === info.name ? info : collection))),
        [setData],
    );

    const remove = useCallback(
        async (name: string) => {
            controllers.current.get(name)?.abort();
            await api.removeCollection(name);
            setRuns(({ [name]: _removed, ...rest }) => rest);
            await reload();
        },
        [api, reload],
    );

    const setWatching = useCallback(
        async (collection: string, watch: boolean) => replace(await api.setWatching({ collection, watch })),
        [api, replace],
    );

    const removeFolder = useCallback(
        async (collection: string, folder: string) => replace(await api.removeFolder({ collection, folder })),
        [api, replace],
    );

    return {
        collections: list.data,
        error: list.error,
        reload,
        runs,
        index,
        stopIndexing,
        remove,
        setWatching,
        removeFolder,
    };
}

export type CollectionsState = ReturnType<typeof useCollections>;
