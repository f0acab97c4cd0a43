/**
 * pdf.js, loaded on first use (it is large). Everything it needs is same-origin: the worker is a bundled
 * asset, and its character maps, colour profiles, standard fonts and image decoders are copied into `dist/pdfjs/` by the
 * build (see vite.config.ts). Eval is off: the page's CSP has no 'unsafe-eval'.
 */
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

type Pdfjs = typeof import("pdfjs-dist");

let loading: Promise<Pdfjs> | null = null;

export function loadPdfjs(): Promise<Pdfjs> {
    loading ??= import("pdfjs-dist").then((pdfjs) => {
        pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
        return pdfjs;
    });
    return loading;
}

/** Opens a PDF from its bytes (which pdf.js takes over). */
export async function openPdf(bytes: Uint8Array) {
    const pdfjs = await loadPdfjs();
    const data = (folder: string) => new URL(`pdfjs/${folder}/`, document.baseURI).href;
    return pdfjs.getDocument({
        data: bytes,
        cMapUrl: data("cmaps"),
        cMapPacked: true,
        iccUrl: data("iccs"),
        standardFontDataUrl: data("standard_fonts"),
        wasmUrl: data("wasm"),
        isEvalSupported: false,
        enableXfa: false,
    });
}
