/** A running ingest: files done of total, pages, the current file, time left, and files that failed so far. */
import type { IngestRun } from "../hooks/useCollections.ts";
import { fileName, formatCount, formatDuration } from "../lib/format.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { FailedFiles } from "./FailedFiles.tsx";
import { ProgressBar } from "./ProgressBar.tsx";

interface IngestProgressProps {
    run: IngestRun | undefined;
    /** The engine reports an ingest this window did not start (folder watching). */
    indexing: boolean;
    onStop: () => void;
}

export function IngestProgress({ run, indexing, onStop }: IngestProgressProps) {
    if (run?.status === "failed" && run.error) return <ErrorNotice error={run.error} title="Indexing did not finish" />;
    if (run?.status === "stopped")
        return (
            <p className="notice notice-info" data-testid="ingest-stopped">
                Indexing was stopped. Files indexed until then are searchable; start it again to finish.
            </p>
        );
    if (run?.status !== "running") {
        if (!indexing) return null;
        return (
            <section className="card ingest" data-testid="ingest-progress" aria-live="polite">
                <h2 className="card-title">Updating from changes in the folders…</h2>
                <ProgressBar value={null} label="Indexing" testId="ingest-progress-bar" />
            </section>
        );
    }

    const { progress, scan, embed } = run;
    const embedding = embed && progress && progress.filesDone >= progress.filesTotal;
    const fraction = embedding
        ? embed.chunksDone / Math.max(1, embed.chunksTotal)
        : progress && progress.filesTotal > 0
          ? progress.filesDone / progress.filesTotal
          : null;

    return (
        <section className="card ingest" data-testid="ingest-progress" aria-live="polite">
            <div className="card-header">
                <h2 className="card-title">{!progress ? "Looking through the folders…" : embedding ? "Preparing search by meaning…" : "Indexing documents…"}</h2>
                <button type="button" className="button small" onClick={onStop} data-testid="ingest-stop">
                    Stop
                </button>
            </div>
            <ProgressBar value={fraction} label="Indexing progress" testId="ingest-progress-bar" />
            <div className="ingest-stats">
                {progress && (
                    <span data-testid="ingest-files">
                        <strong>{progress.filesDone.toLocaleString()}</strong> of {formatCount(progress.filesTotal, "file")}
                    </span>
                )}
                {progress && <span data-testid="ingest-pages">{formatCount(progress.pagesDone, "page")}</span>}
                {embedding && (
                    <span data-testid="ingest-embed">
                        {embed.chunksDone.toLocaleString()} of {formatCount(embed.chunksTotal, "passage")}
                    </span>
                )}
                {progress?.etaSeconds != null && progress.etaSeconds > 0 && (
                    <span data-testid="ingest-eta">about {formatDuration(progress.etaSeconds)} left</span>
                )}
                {scan && scan.unchanged > 0 && <span className="muted">{formatCount(scan.unchanged, "unchanged file")} skipped</span>}
            </div>
            {progress?.currentFile && !embedding && (
                <p className="ingest-current" data-testid="ingest-current-file" title={progress.currentFile}>
                    Reading <strong>{fileName(progress.currentFile)}</strong>
                </p>
            )}
            <FailedFiles failed={run.failed} />
        </section>
    );
}
