/** A PDF of a collection, read through the API (either transport) and opened with pdf.js; closed when left. */
import { useEffect, useState } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { useApi } from "../api/ApiContext.tsx";
import { toUserError, type UserError } from "../api/errors.ts";
import { openPdf } from "../pdf/pdfjs.ts";

export function usePdfDocument(collection: string, docId: string) {
    const { api } = useApi();
    const [state, setState] = useState<{ pdf: PDFDocumentProxy | null; error: UserError | null }>({ pdf: null, error: null });

    useEffect(() => {
        let closed = false;
        let task: Awaited<ReturnType<typeof openPdf>> | null = null;
        setState({ pdf: null, error: null });
        (async () => {
            const file = await api.readDocument({ collection, docId });
            if (closed) return;
            task = await openPdf(file.bytes);
            const pdf = await task.promise;
            if (!closed) setState({ pdf, error: null });
        })().catch((error: unknown) => {
            if (!closed) setState({ pdf: null, error: toUserError(error) });
        });
        return () => {
            closed = true;
            void task?.destroy();
        };
    }, [api, collection, docId]);

    return state;
}
