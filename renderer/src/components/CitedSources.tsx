/** The sources an answer cites, under it: number, file name and page; each opens the source viewer. */
import type { Citation } from "../../../src/core/types.ts";
import { fileName, formatPages } from "../lib/format.ts";
import { Icon } from "./Icon.tsx";

export function CitedSources({ citations, onOpen }: { citations: Citation[]; onOpen: (source: Citation) => void }) {
    if (citations.length === 0) return null;
    return (
        <ul className="cited-sources" aria-label="Sources cited">
            {citations.map((citation) => (
                <li key={citation.n}>
                    <button type="button" className="source-card" onClick={() => onOpen(citation)} data-testid="cited-source" data-n={citation.n}>
                        <span className="source-n">{citation.n}</span>
                        <Icon name="document" className="source-icon" />
                        <span className="source-name">{fileName(citation.path)}</span>
                        <span className="source-page">{formatPages(citation.page, citation.pageEnd)}</span>
                    </button>
                </li>
            ))}
        </ul>
    );
}
