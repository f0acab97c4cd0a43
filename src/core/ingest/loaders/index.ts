import fs from "node:fs/promises";
import path from "node:path";
import { FileError } from "../../errors.js";
import type { ExtractedDocument, FileType } from "../../types.js";
import { extractDocx } from "./docx.js";
import { extractHtml } from "./html.js";
import { extractPdf } from "./pdf.js";
import { extractMarkdown, extractPlainText } from "./text.js";

/** Lower-case file extensions (with the dot) that can be indexed, and the type each maps to. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, FileType>> = Object.freeze({
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
});

export interface ExtractOptions {
    /** Files larger than this many bytes are refused before reading. Default: 200 MiB */
    maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** The type of a file from its extension (case-insensitive), or null when it is not supported. */
export function fileTypeOf(filePath: string): FileType | null {
    const extension = path.extname(filePath).toLowerCase();
    return Object.hasOwn(SUPPORTED_EXTENSIONS, extension) ? SUPPORTED_EXTENSIONS[extension]! : null;
}

/** Reads and extracts one file. Every failure is a `FileError` whose reason is written for people. */
export async function extractFile(filePath: string, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    const fileType = fileTypeOf(filePath);
    if (fileType === null) {
        throw new FileError(filePath, `unsupported file type (${path.extname(filePath) || "no extension"})`);
    }
    const bytes = await readWithinLimit(filePath, options.maxBytes ?? DEFAULT_MAX_BYTES);
    switch (fileType) {
        case "pdf":
            return extractPdf(bytes, filePath);
        case "docx":
            return extractDocx(bytes, filePath);
        case "html":
            return extractHtml(bytes, filePath);
        case "md":
            return extractMarkdown(bytes, filePath);
        case "txt":
            return extractPlainText(bytes, filePath);
    }
}

async function readWithinLimit(filePath: string, maxBytes: number): Promise<Buffer> {
    let handle: fs.FileHandle | undefined;
    try {
        handle = await fs.open(filePath, "r");
        const stats = await handle.stat();
        if (stats.isDirectory()) throw new FileError(filePath, "is a folder, not a file");
        if (stats.size === 0) throw new FileError(filePath, "file is empty");
        if (stats.size > maxBytes) {
            throw new FileError(filePath, `too large (${formatSize(stats.size)}; limit ${formatSize(maxBytes)})`);
        }
        return await handle.readFile();
    } catch (error) {
        if (error instanceof FileError) throw error;
        throw new FileError(filePath, readFailureReason(error), { cause: error });
    } finally {
        await handle?.close();
    }
}

function readFailureReason(error: unknown): string {
    switch ((error as NodeJS.ErrnoException).code) {
        case "ENOENT":
            return "file not found";
        case "EACCES":
        case "EPERM":
            return "cannot read file: permission denied";
        case "EISDIR":
            return "is a folder, not a file";
        default:
            return `cannot read file: ${(error as Error).message}`;
    }
}

function formatSize(bytes: number): string {
    if (bytes < 1024) return `${bytes} bytes`;
    if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
    return `${Math.round(bytes / (1024 * 1024))} MB`;
}
