import { FileError } from "../../errors.js";
import type { ExtractedDocument } from "../../types.js";
import { firstHeading } from "../sections.js";

// Share of control characters above which content is taken for binary data rather than text.
const MAX_CONTROL_CHAR_RATIO = 0.1;
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

export function extractPlainText(bytes: Uint8Array, filePath: string): ExtractedDocument {
    return { fileType: "txt", title: null, text: decodeText(bytes, filePath), pageStarts: [0], structure: "plain" };
}

export function extractMarkdown(bytes: Uint8Array, filePath: string): ExtractedDocument {
    const text = decodeText(bytes, filePath);
    return { fileType: "md", title: firstHeading(text), text, pageStarts: [0], structure: "markdown" };
}

/**
 * Decodes a text file: UTF-16 when it starts with a byte-order mark, else UTF-8, falling back to Latin-1
 * for legacy 8-bit files. Refuses binary content (NUL bytes or many control characters).
 */
export function decodeText(bytes: Uint8Array, filePath: string): string {
    const utf16 = utf16Encoding(bytes);
    if (utf16) return new TextDecoder(utf16).decode(bytes);
    if (bytes.includes(0)) throw notText(filePath);
    let text: string;
    try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
        text = new TextDecoder("latin1").decode(bytes);
    }
    const controlChars = text.match(CONTROL_CHARS)?.length ?? 0;
    if (controlChars > text.length * MAX_CONTROL_CHAR_RATIO) throw notText(filePath);
    return text;
}

function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
    return null;
}

function notText(filePath: string): FileError {
    return new FileError(filePath, "not a text file (binary content)");
}
