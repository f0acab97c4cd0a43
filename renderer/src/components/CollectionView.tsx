/** One collection: its folders (add, remove, watch), indexing progress and last result, and its documents. */
import { useState } from "react";
import type { CollectionInfo, DocumentInfo } from "../../../src/core/api/contract.ts";
import { useApi } from "../api/ApiContext.tsx";
import type { CollectionsState } from "../hooks/useCollections.ts";
import { useLoad } from "../hooks/useLoad.ts";
import { useNotifications } from "../hooks/useNotifications.tsx";
import { fileName, formatCount } from "../lib/format.ts";
import { usePicker } from "../picker/PickerContext.tsx";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { DocumentList } from "./DocumentList.tsx";
import { FolderList } from "./FolderList.tsx";
import { Icon } from "./Icon.tsx";
import { IngestProgress } from "./IngestProgress.tsx";
import { LastIngestSummary } from "./LastIngestSummary.tsx";

interface CollectionViewProps {
    name: string;
    /** Undefined while a new collection's first ingest has not created it yet. */
    info: CollectionInfo | undefined;
    collections: CollectionsState;
    onNewChat: () => void;
    onDeleted: () => void;
    onOpenDocument: (document: DocumentInfo) => void;
}

type Confirming = { kind: "delete" } | { kind: "remove-folder"; folder: string } | null;

export function CollectionView({ name, info, collections, onNewChat, onDeleted, onOpenDocument }: CollectionViewProps) {
    const { api } = useApi();
    const picker = usePicker();
    const { notifyError } = useNotifications();
    const [confirming, setConfirming] = useState<Confirming>(null);
    const run = collections.runs[name];
    const running = run?.status === "running";
    const indexing = running || Boolean(info?.indexing);
    const folders = [...new Set([...(info?.folders ?? []), ...(running ? run.folders : [])])];
    // Reloaded as documents are indexed and whenever an ingest finishes (here or from watching).
    const documents = useLoad(
        () => (info ? api.documents(name) : Promise.resolve([])),
        [api, name, Boolean(info), info?.documents, info?.lastIngest?.finishedAt],
    );

    const addFolders = async () => {
        const chosen = await picker.pickFolders();
        const added = chosen.filter((folder) => !folders.includes(folder));
        if (added.length > 0) void collections.index(name, [...folders, ...added]);
    };

    const toggleWatching = async () => {
        if (!info) return;
        try {
            await collections.setWatching(name, !info.watching);
        } catch (error) {
            notifyError(error, "Could not change folder watching");
        }
    };

    return (
        <div className="page" data-testid="collection-view" data-name={name}>
            <header className="page-header">
                <div>
                    <p className="eyebrow">Collection</p>
                    <h1>{name}</h1>
                    <p className="lead" data-testid="collection-stats">
                        {info
                            ? `${formatCount(info.documents, "document")} · ${formatCount(info.pages, "page")} · ${formatCount(info.chunks, "passage")} · ${
                                  info.embedder ? `search by meaning with ${info.embedder}` : "keyword search only"
                              }`
                            : "Being created…"}
                    </p>
                </div>
                <div className="header-actions">
                    <button type="button" className="button" onClick={() => setConfirming({ kind: "delete" })} data-testid="delete-collection-button">
                        <Icon name="trash" /> Delete
                    </button>
                    <button type="button" className="button primary" onClick={onNewChat} disabled={!info || info.documents === 0} data-testid="collection-new-chat">
                        <Icon name="chat" /> Ask this collection
                    </button>
                </div>
            </header>

            <div className="stack">
                <IngestProgress run={run} indexing={indexing} onStop={() => collections.stopIndexing(name)} />

                <section className="card" aria-labelledby="folders-heading">
                    <div className="card-header">
                        <h2 id="folders-heading" className="card-title">
                            Folders
                        </h2>
                        <div className="header-actions">
                            <button type="button" className="button" onClick={() => void collections.index(name, folders)} disabled={indexing || folders.length === 0} data-testid="reindex-button">
                                <Icon name="refresh" /> Re-index now
                            </button>
                            <button type="button" className="button" onClick={() => void addFolders()} disabled={running} data-testid="add-folder-button">
                                <Icon name="folder" /> Add folders…
                            </button>
                        </div>
                    </div>
                    {folders.length > 0 ? (
                        <FolderList folders={folders} removeLabel="Remove" disabled={indexing} onRemove={(folder) => setConfirming({ kind: "remove-folder", folder })} />
                    ) : (
                        <p className="muted">No folders. Add one to index its documents.</p>
                    )}
                    {info && (
                        <label className="switch-row" data-testid="watch-toggle-row">
                            <input
                                type="checkbox"
                                role="switch"
                                className="switch"
                                checked={info.watching}
                                onChange={() => void toggleWatching()}
                                data-testid="watch-toggle"
                            />
                            <span>
                                <strong>Keep up to date automatically</strong>
                                <span className="muted block" data-testid="watch-state">
                                    {info.watching
                                        ? `On: files added, changed or deleted in ${folders.length === 1 ? "this folder" : "these folders"} are re-indexed.`
                                        : "Off: re-index by hand after files change."}
                                </span>
                            </span>
                        </label>
                    )}
                </section>

                {!running && info?.lastIngest && <LastIngestSummary last={info.lastIngest} />}

                <section className="card" aria-labelledby="documents-heading">
                    <h2 id="documents-heading" className="card-title">
                        Documents
                    </h2>
                    <DocumentList documents={documents.data} error={documents.error} onRetry={() => void documents.reload()} onOpen={onOpenDocument} />
                </section>
            </div>

            {confirming?.kind === "delete" && (
                <ConfirmDialog
                    title={`Delete “${name}”?`}
                    confirmLabel="Delete collection"
                    onClose={() => setConfirming(null)}
                    onConfirm={async () => {
                        await collections.remove(name);
                        onDeleted();
                    }}
                >
                    <p>The index of this collection is deleted. Your documents stay where they are; you can index them again later.</p>
                </ConfirmDialog>
            )}
            {confirming?.kind === "remove-folder" && (
                <ConfirmDialog
                    title={`Remove “${fileName(confirming.folder)}”?`}
                    confirmLabel="Remove folder"
                    onClose={() => setConfirming(null)}
                    onConfirm={() => collections.removeFolder(name, confirming.folder)}
                >
                    <p>
                        Its documents are removed from this collection's index. The files in <span className="mono">{confirming.folder}</span> are not touched.
                    </p>
                </ConfirmDialog>
            )}
        </div>
    );
}
