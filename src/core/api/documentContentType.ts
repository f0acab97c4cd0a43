import type { FileType } from "../types.js";

/** The content type an indexed file is served as, by its file type. */
export const DOCUMENT_CONTENT_TYPES: Readonly<Record<FileType, string>> = {
    pdf: "application/pdf",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    md: "text/markdown; charset=utf-8",
    txt: "text/plain; charset=utf-8",
    html: "text/html; charset=utf-8",
};
