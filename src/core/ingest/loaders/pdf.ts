import { PDFParse } from "pdf-parse";
import { FileError } from "../../errors.js";
import type { ExtractedDocument } from "../../types.js";
import { normalizePdfPages } from "./pdfText.js";

// The PDF header may follow a little junk; readers accept it within the first kilobyte.
const HEADER_WINDOW_BYTES = 1024;
const PDF_HEADER = Buffer.from("%PDF-");
const PAGE_SEPARATOR = "\n\n";
const HAS_TEXT = /[\p{L}\p{N}]/u;
const AUTHORING_PREFIX = /^microsoft (word|powerpoint|excel) - /i;
const FILE_EXTENSION = /\.(docx?|pdf|indd|qxd|rtf|txt|xlsx?|pptx?)$/i;
const PLACEHOLDER_TITLE = /^(untitled|title|document\d*|\d+)$/i;

/** Text of every page (pdf-parse), normalised; pages are joined with a blank line and `pageStarts` marks each. */
export async function extractPdf(bytes: Buffer, filePath: string): Promise<ExtractedDocument> {
    if (bytes.subarray(0, HEADER_WINDOW_BYTES).indexOf(PDF_HEADER) === -1) {
        throw new FileError(filePath, "not a PDF file (content does not match the .pdf extension)");
    }
    const parser = new PDFParse({ data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    let pageTexts: string[];
    let metadataTitle: unknown;
    try {
        pageTexts = (await parser.getText()).pages.map((page) => page.text);
        metadataTitle = (await parser.getInfo()).info?.Title;
    } catch (error) {
        throw new FileError(filePath, pdfFailureReason(error), { cause: error });
    } finally {
        await parser.destroy();
    }
    const pages = normalizePdfPages(pageTexts);
    if (!pages.some((page) => HAS_TEXT.test(page))) {
        throw new FileError(filePath, "no extractable text (scanned images or empty pages)");
    }
    const pageStarts: number[] = [];
    let offset = 0;
    for (const page of pages) {
        pageStarts.push(offset);
        offset += page.length + PAGE_SEPARATOR.length;
    }
    return {
        fileType: "pdf",
        title: meaningfulTitle(metadataTitle),
        text: pages.join(PAGE_SEPARATOR),
        pageStarts,
        structure: "plain",
    };
}

function pdfFailureReason(error: unknown): string {
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") return "password-protected (encrypted) PDF";
    return "corrupt or not a valid PDF";
}

/** The metadata title, unless it is a placeholder or an authoring tool's file name ("Microsoft Word - x.doc"). */
function meaningfulTitle(raw: unknown): string | null {
    if (typeof raw !== "string") return null;
    const title = raw.replace(/\s+/g, " ").trim().replace(AUTHORING_PREFIX, "").replace(FILE_EXTENSION, "").trim();
    return title === "" || PLACEHOLDER_TITLE.test(title) ? null : title;
}
