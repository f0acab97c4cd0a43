/**
 * The right-hand source viewer: which file, page and section a citation points at, the passage with the used
 * excerpt marked, and for PDFs the page itself with the passage highlighted; "Open original" hands the file
 * to the system's default app.
 */
import { useMemo, useState } from "react";
import { useApi } from "../api/ApiContext.tsx";
import { usePdfDocument } from "../hooks/usePdfDocument.ts";
import { useNotifications } from "../hooks/useNotifications.tsx";
import { fileName, formatPages } from "../lib/format.ts";
import { previewOf, type SourceRef } from "../lib/sourceRef.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { PassageText } from "./PassageText.tsx";
import { PdfPage } from "./PdfPage.tsx";
import { Spinner } from "./Spinner.tsx";
import { TextDocument } from "./TextDocument.tsx";

export function SourcePanel({ source, onClose }: { source: SourceRef; onClose: () => void }) {
    const { api } = useApi();
    const { notifyError } = useNotifications();

    const openOriginal = async () => {
        try {
            await api.openDocument({ collection: source.collection, docId: source.docId });
        } catch (error) {
            notifyError(error, "Could not open the original");
        }
    };

    return (
        <aside className="source-panel" aria-label="Source" data-testid="source-panel">
            <header className="source-header">
                <div className="source-title">
                    {source.citation && <span className="source-n large">{source.citation.n}</span>}
                    <div>
                        <h2 data-testid="source-file-name" title={source.path}>
                            {fileName(source.path)}
                        </h2>
                        <p className="muted small" data-testid="source-page">
                            {source.citation ? formatPages(source.page, source.pageEnd) : "Whole document"}
                            {source.headingPath.length > 0 && (
                                <>
                                    {" · "}
                                    <span data-testid="source-heading">{source.headingPath.join(" › ")}</span>
                                </>
                            )}
                        </p>
                    </div>
                </div>
                <div className="source-actions">
                    <button type="button" className="button small" onClick={() => void openOriginal()} data-testid="open-original-button">
                        <Icon name="external" size={14} /> Open original
                    </button>
                    <button type="button" className="icon-button" aria-label="Close source" onClick={onClose} data-testid="source-close">
                        <Icon name="close" />
                    </button>
                </div>
            </header>
            <div className="source-body" data-scroll-panel>
                {source.citation && (
                    <section className="source-section">
                        <h3 className="eyebrow">Cited passage</h3>
                        <PassageText text={source.citation.text} excerpt={source.citation.excerpt} />
                    </section>
                )}
                {previewOf(source.path) === "pdf" && <PdfViewer source={source} />}
                {previewOf(source.path) === "text" && <TextDocument source={source} />}
                {previewOf(source.path) === null && (
                    <p className="muted small">A preview is shown for PDF, Markdown and text files. Use “Open original” to read this document.</p>
                )}
            </div>
        </aside>
    );
}

function PdfViewer({ source }: { source: SourceRef }) {
    const { pdf, error } = usePdfDocument(source.collection, source.docId);
    const [page, setPage] = useState(source.page);
    const pages = pdf?.numPages ?? 0;
    const { citation } = source;
    const highlight = useMemo(
        () => (citation && page >= source.page && page <= source.pageEnd ? { passage: citation.text, excerpt: citation.excerpt } : null),
        [citation, page, source.page, source.pageEnd],
    );

    if (error) return <ErrorNotice error={error} title="The PDF could not be shown" />;
    if (!pdf) return <Spinner label="Opening the PDF…" />;
    return (
        <section className="source-section pdf-viewer">
            <div className="pdf-nav">
                <button type="button" className="icon-button" aria-label="Previous page" disabled={page <= 1} onClick={() => setPage(page - 1)} data-testid="page-prev">
                    <Icon name="chevronLeft" />
                </button>
                <span data-testid="pdf-page-number">
                    Page {page} of {pages}
                </span>
                <button type="button" className="icon-button" aria-label="Next page" disabled={page >= pages} onClick={() => setPage(page + 1)} data-testid="page-next">
                    <Icon name="chevronRight" />
                </button>
                {citation && (page < source.page || page > source.pageEnd) && (
                    <button type="button" className="button small quiet" onClick={() => setPage(source.page)}>
                        Back to the cited page
                    </button>
                )}
            </div>
            <PdfPage pdf={pdf} pageNumber={Math.min(page, pages)} highlight={highlight} />
        </section>
    );
}
