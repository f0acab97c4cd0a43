/**
 * Builds the UI into renderer/dist: relative asset paths (it is served by the loopback server and loaded by the
 * desktop shell alike), the pdf.js worker as a same-origin asset, and pdf.js's font, character map, colour
 * profile and image decoder data copied beside it: the app runs air-gapped, so nothing may come from a remote URL.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const rendererRoot = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(rendererRoot, "dist");
const pdfjsRoot = path.join(rendererRoot, "..", "node_modules", "pdfjs-dist");
/** Folders of pdfjs-dist that pdf.js fetches at run time (see `renderer/src/pdf/pdfjs.ts`). */
const PDFJS_DATA = ["cmaps", "iccs", "standard_fonts", "wasm"];

function copyPdfjsData(): Plugin {
    return {
        name: "enclave-copy-pdfjs-data",
        apply: "build",
        writeBundle() {
            for (const folder of PDFJS_DATA)
                fs.cpSync(path.join(pdfjsRoot, folder), path.join(outDir, "pdfjs", folder), { recursive: true });
        },
    };
}

export default defineConfig({
    root: rendererRoot,
    base: "./",
    plugins: [react(), copyPdfjsData()],
    build: {
        outDir,
        emptyOutDir: true,
        target: "es2022",
        chunkSizeWarningLimit: 1500,
        rollupOptions: {
            // zod ships "pure" annotations in comment positions Rollup ignores; harmless, and not ours to fix.
            onwarn(warning, warn) {
                if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules/zod/")) return;
                warn(warning);
            },
        },
    },
});
