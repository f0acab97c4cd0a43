/**
 * One PDF page, fitted to the panel's width: the canvas, and pdf.js's text layer over it with the cited
 * passage highlighted and scrolled into view.
 */
import { useEffect, useRef, useState, type CSSProperties } from "react";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { toUserError, type UserError } from "../api/errors.ts";
import { highlightTextLayer } from "../pdf/highlightTextLayer.ts";
import { scrollIntoPanel } from "../lib/scrollIntoPanel.ts";
import { loadPdfjs } from "../pdf/pdfjs.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

interface PdfPageProps {
    pdf: PDFDocumentProxy;
    pageNumber: number;
    /** Text to highlight on this page; null for none. */
    highlight: { passage: string; excerpt: string } | null;
}

export function PdfPage({ pdf, pageNumber, highlight }: PdfPageProps) {
    const frame = useRef<HTMLDivElement>(null);
    const canvas = useRef<HTMLCanvasElement>(null);
    const textLayer = useRef<HTMLDivElement>(null);
    const [width, setWidth] = useState(0);
    const [size, setSize] = useState<{ width: number; height: number; scale: number } | null>(null);
    const [error, setError] = useState<UserError | null>(null);
    const [matched, setMatched] = useState<boolean | null>(null);

    useEffect(() => {
        const element = frame.current;
        if (!element) return;
        const observer = new ResizeObserver(([entry]) => {
            if (entry) setWidth(Math.floor(entry.contentRect.width / 8) * 8);
        });
        observer.observe(element);
        return () => observer.disconnect();
    }, []);

    useEffect(() => {
        if (width === 0 || !canvas.current || !textLayer.current) return;
        const canvasElement = canvas.current;
        const layerElement = textLayer.current;
        let cancelled = false;
        let cancel = () => {};
        (async () => {
            const pdfjs = await loadPdfjs();
            const page = await pdf.getPage(pageNumber);
            if (cancelled) return;
            const scale = width / page.getViewport({ scale: 1 }).width;
            const viewport = page.getViewport({ scale });
            const ratio = window.devicePixelRatio || 1;
            canvasElement.width = Math.floor(viewport.width * ratio);
            canvasElement.height = Math.floor(viewport.height * ratio);
            setSize({ width: viewport.width, height: viewport.height, scale });
            const render = page.render({ canvas: canvasElement, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
            layerElement.replaceChildren();
            const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: layerElement, viewport });
            cancel = () => {
                render.cancel();
                layer.cancel();
            };
            await Promise.all([render.promise, layer.render()]);
            if (cancelled || !highlight) return setMatched(null);
            const first = highlightTextLayer(layer.textDivs, layer.textContentItemsStr, highlight.passage, highlight.excerpt);
            setMatched(first !== null);
            if (first) scrollIntoPanel(first);
        })().catch((caught: unknown) => {
            if (!cancelled && (caught as { name?: string })?.name !== "RenderingCancelledException" && (caught as { name?: string })?.name !== "AbortException")
                setError(toUserError(caught));
        });
        return () => {
            cancelled = true;
            cancel();
        };
    }, [pdf, pageNumber, width, highlight]);

    const style = size
        ? ({ width: size.width, height: size.height, "--total-scale-factor": size.scale } as CSSProperties)
        : undefined;

    return (
        <div className="pdf-frame" ref={frame}>
            {error && <ErrorNotice error={error} title="This page could not be shown" />}
            {highlight && matched === false && (
                <p className="muted small" data-testid="highlight-missing">
                    The passage could not be located on this page's text; it is shown above.
                </p>
            )}
            <div className="pdf-page" style={style} data-testid="pdf-page" data-page={pageNumber}>
                <canvas ref={canvas} className="pdf-canvas" data-testid="pdf-page-canvas" aria-label={`Page ${pageNumber}`} />
                <div ref={textLayer} className="textLayer" />
            </div>
        </div>
    );
}

