/** What the last finished ingest did, and the files it could not read (kept by the engine for later). */
import type { LastIngest } from "../../../src/core/api/contract.ts";
import { formatCount, formatWhen } from "../lib/format.ts";
import { FailedFiles } from "./FailedFiles.tsx";

export function LastIngestSummary({ last }: { last: LastIngest }) {
    const parts = [
        `${formatCount(last.files, "file")} in the folders`,
        last.pages > 0 && `${formatCount(last.pages, "page")} and ${formatCount(last.chunks, "passage")} indexed`,
        last.skipped > 0 && `${formatCount(last.skipped, "unchanged file")} skipped`,
        last.removed > 0 && `${formatCount(last.removed, "file")} removed`,
    ].filter(Boolean);
    return (
        <section className="card" data-testid="last-ingest" aria-labelledby="last-ingest-heading">
            <h2 id="last-ingest-heading" className="card-title">
                Last indexed {formatWhen(last.finishedAt)}
                <span className="badge subtle">{last.trigger === "watch" ? "after a folder change" : "on request"}</span>
            </h2>
            <p className="muted">{parts.join(" · ")}</p>
            <FailedFiles failed={last.failed} />
        </section>
    );
}
