/**
 * The in-app chooser for browser mode (the desktop app uses the system's dialogs): walks folders through the
 * `browse` API method, starting from home and the mounted drives, and returns the chosen folders or file.
 */
import { useState } from "react";
import type { FolderEntry } from "../../../src/core/api/contract.ts";
import { useApi } from "../api/ApiContext.tsx";
import { useLoad } from "../hooks/useLoad.ts";
import { fileName, formatBytes, formatCount } from "../lib/format.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { Modal } from "./Modal.tsx";
import { Spinner } from "./Spinner.tsx";

export interface ChooserRequest {
    /** "folders": several folders to index; "folder": one folder; "file": one file with one of `extensions`. */
    mode: "folders" | "folder" | "file";
    title: string;
    extensions?: string[];
}

interface FolderChooserProps {
    request: ChooserRequest;
    /** The chosen paths; empty when cancelled. */
    onDone: (paths: string[]) => void;
}

export function FolderChooser({ request, onDone }: FolderChooserProps) {
    const { api } = useApi();
    const [path, setPath] = useState<string | undefined>(undefined);
    const listing = useLoad(() => api.browse(path ? { path } : {}), [api, path]);
    /** What the user is typing in the path bar; null: it shows the current folder. */
    const [typed, setTyped] = useState<string | null>(null);
    const [selected, setSelected] = useState<string[]>([]);
    const current = listing.data;

    const open = (folder: string) => {
        setTyped(null);
        setPath(folder);
    };

    const choosable = (entry: FolderEntry) =>
        entry.kind === "file" && request.mode === "file" && (request.extensions ?? []).some((extension) => entry.name.toLowerCase().endsWith(`.${extension}`));

    const toggle = (entryPath: string) =>
        setSelected((chosen) =>
            request.mode === "file" ? [entryPath] : chosen.includes(entryPath) ? chosen.filter((item) => item !== entryPath) : [...chosen, entryPath],
        );

    const result = request.mode === "file" ? selected : request.mode === "folders" && selected.length > 0 ? selected : current ? [current.path] : [];
    const confirmLabel =
        request.mode === "file" ? "Choose file" : request.mode === "folder" ? "Use this folder" : selected.length > 0 ? `Add ${formatCount(selected.length, "folder")}` : "Add this folder";
    const readable = current?.entries.filter((entry) => entry.kind === "file" && entry.supported).length ?? 0;

    return (
        <Modal
            title={request.title}
            onClose={() => onDone([])}
            size="large"
            testId="folder-chooser"
            footer={
                <>
                    <div className="chooser-summary">
                        {request.mode === "folders" && selected.length > 0 ? (
                            <ul className="chip-list" aria-label="Selected folders">
                                {selected.map((item) => (
                                    <li key={item} className="chip" title={item}>
                                        {fileName(item)}
                                        <button type="button" className="chip-remove" aria-label={`Unselect ${item}`} onClick={() => toggle(item)}>
                                            <Icon name="close" size={12} />
                                        </button>
                                    </li>
                                ))}
                            </ul>
                        ) : request.mode !== "file" && current ? (
                            <span className="muted">
                                {current.path}
                                {request.mode === "folders" && ` · ${formatCount(readable, "readable document")}`}
                            </span>
                        ) : (
                            <span className="muted">{selected[0] ?? `Choose a ${(request.extensions ?? []).map((extension) => `.${extension}`).join(" or ")} file`}</span>
                        )}
                    </div>
                    <button type="button" className="button" onClick={() => onDone([])} data-testid="folder-chooser-cancel">
                        Cancel
                    </button>
                    <button
                        type="button"
                        className="button primary"
                        disabled={result.length === 0}
                        onClick={() => onDone(result)}
                        data-testid="folder-chooser-confirm"
                    >
                        {confirmLabel}
                    </button>
                </>
            }
        >
            <div className="chooser">
                <nav className="chooser-roots" aria-label="Places">
                    <h3 className="eyebrow">Places</h3>
                    {current?.roots.map((root) => (
                        <button
                            key={root.path}
                            type="button"
                            className={root.path === current.path ? "chooser-root active" : "chooser-root"}
                            onClick={() => open(root.path)}
                            title={root.path}
                            data-testid="folder-chooser-root"
                        >
                            <Icon name="folder" />
                            <span>{root.name}</span>
                        </button>
                    ))}
                </nav>
                <div className="chooser-main">
                    <form
                        className="chooser-pathbar"
                        onSubmit={(event) => {
                            event.preventDefault();
                            if (typed?.trim()) open(typed.trim());
                        }}
                    >
                        <button
                            type="button"
                            className="icon-button"
                            aria-label="Up one folder"
                            disabled={!current?.parent}
                            onClick={() => current?.parent && open(current.parent)}
                            data-testid="folder-chooser-up"
                        >
                            <Icon name="up" />
                        </button>
                        <input
                            className="input"
                            value={typed ?? current?.path ?? ""}
                            onChange={(event) => setTyped(event.target.value)}
                            aria-label="Folder path"
                            spellCheck={false}
                            data-testid="folder-chooser-path"
                        />
                        <button type="submit" className="button">
                            Go
                        </button>
                    </form>
                    {listing.error && <ErrorNotice error={listing.error} title="This folder cannot be opened" />}
                    <div className="chooser-list" role="list" aria-busy={listing.loading}>
                        {!current && listing.loading && <Spinner label="Reading folder…" />}
                        {current?.entries.length === 0 && <p className="muted chooser-empty">This folder is empty.</p>}
                        {current?.entries.map((entry) => {
                            const isFolder = entry.kind === "folder";
                            const canSelect = (isFolder && request.mode === "folders") || choosable(entry);
                            const isSelected = selected.includes(entry.path);
                            return (
                                <div
                                    key={entry.path}
                                    role="listitem"
                                    className={`chooser-entry ${isSelected ? "selected" : ""} ${!isFolder && !canSelect && !entry.supported ? "dim" : ""}`}
                                    data-testid="folder-chooser-entry"
                                    data-path={entry.path}
                                    data-kind={entry.kind}
                                >
                                    {request.mode === "folders" && !isFolder && <span className="chooser-check-space" aria-hidden="true" />}
                                    {request.mode === "folders" && isFolder && (
                                        <input
                                            type="checkbox"
                                            aria-label={`Select ${entry.name}`}
                                            checked={isSelected}
                                            onChange={() => toggle(entry.path)}
                                            data-testid="folder-chooser-select"
                                        />
                                    )}
                                    <button
                                        type="button"
                                        className="chooser-entry-name"
                                        disabled={!isFolder && !canSelect}
                                        onClick={() => (isFolder ? open(entry.path) : toggle(entry.path))}
                                        onDoubleClick={() => canSelect && !isFolder && onDone([entry.path])}
                                    >
                                        <Icon name={isFolder ? "folder" : "document"} />
                                        <span>{entry.name}</span>
                                    </button>
                                    <span className="chooser-entry-meta">
                                        {isFolder ? "" : entry.sizeBytes !== undefined ? formatBytes(entry.sizeBytes) : ""}
                                    </span>
                                </div>
                            );
                        })}
                    </div>
                </div>
            </div>
        </Modal>
    );
}
