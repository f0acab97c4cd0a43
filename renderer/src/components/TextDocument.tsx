/** A Markdown or text document, read through the API, with the cited passage marked in it. */
import { useApi } from "../api/ApiContext.tsx";
import { useLoad } from "../hooks/useLoad.ts";
import type { SourceRef } from "../lib/sourceRef.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { MarkedText } from "./MarkedText.tsx";
import { Spinner } from "./Spinner.tsx";

/** Longer documents are shown up to here; "Open original" shows the rest. */
const SHOWN_CHARS = 400_000;

export function TextDocument({ source }: { source: SourceRef }) {
    const { api } = useApi();
    const file = useLoad(async () => {
        const { bytes } = await api.readDocument({ collection: source.collection, docId: source.docId });
        return new TextDecoder().decode(bytes);
    }, [api, source.collection, source.docId]);

    return (
        <section className="source-section">
            <h3 className="eyebrow">Document</h3>
            {file.error && <ErrorNotice error={file.error} title="The document could not be shown" />}
            {file.data === undefined && !file.error && <Spinner label="Opening the document…" />}
            {file.data !== undefined && (
                <MarkedText
                    text={file.data.slice(0, SHOWN_CHARS)}
                    passage={source.citation?.text}
                    excerpt={source.citation?.excerpt}
                    className="text-document"
                    testId="text-document"
                    markTestId="highlighted-passage"
                />
            )}
            {file.data !== undefined && file.data.length > SHOWN_CHARS && (
                <p className="muted small">The rest of this document is not shown here; use “Open original”.</p>
            )}
        </section>
    );
}
