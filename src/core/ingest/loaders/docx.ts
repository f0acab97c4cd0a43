import mammoth from "mammoth";
import { FileError } from "../../errors.js";
import type { ExtractedDocument } from "../../types.js";
import { firstHeading } from "../sections.js";
import { htmlToMarkdown } from "./html.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// Legacy .doc files and password-protected Office files are both OLE compound documents.
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// Images are dropped: their data URIs would end up in the text.
const DROP_IMAGES = mammoth.images.imgElement(async () => ({ src: "" }));

/** DOCX → HTML (mammoth) → Markdown, so that headings survive as `#` lines. */
export async function extractDocx(bytes: Buffer, filePath: string): Promise<ExtractedDocument> {
    if (startsWith(bytes, OLE_MAGIC)) {
        throw new FileError(filePath, "password-protected DOCX or old Word .doc format (save it as .docx without a password)");
    }
    if (!startsWith(bytes, ZIP_MAGIC)) {
        throw new FileError(filePath, "not a DOCX file (content does not match the .docx extension)");
    }
    let html: string;
    try {
        html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: DROP_IMAGES })).value;
    } catch (error) {
        throw new FileError(filePath, "corrupt or not a valid DOCX file", { cause: error });
    }
    const text = htmlToMarkdown(html);
    return { fileType: "docx", title: firstHeading(text), text, pageStarts: [0], structure: "markdown" };
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
    return magic.every((byte, index) => bytes[index] === byte);
}
