import path from "node:path";
import type { ChunkRecord, DocumentRecord, FileType } from "../../src/core/types.js";

/**
 * A document version and its chunks as ingestion would commit them: chunk n is page n + 1 under headings
 * ["Guide", "Part n + 1"]; `version` becomes the content hash.
 */
export function documentWith(
    docPath: string,
    version: string,
    texts: string[],
    fileType: FileType = "txt",
): { document: DocumentRecord; chunks: ChunkRecord[] } {
    const docId = `doc-${path.basename(docPath)}`;
    const contentHash = `${version}`.padEnd(64, "0");
    let offset = 0;
    const chunks: ChunkRecord[] = texts.map((text, ordinal) => {
        const chunk: ChunkRecord = {
            id: `${docId}:${contentHash.slice(0, 12)}:${ordinal}`,
            docId,
            contentHash,
            path: docPath,
            fileType,
            ordinal,
            text,
            charStart: offset,
            charEnd: offset + text.length,
            pageStart: ordinal + 1,
            pageEnd: ordinal + 1,
            headingPath: ["Guide", `Part ${ordinal + 1}`],
            tokenCount: text.split(" ").length,
        };
        offset += text.length + 2;
        return chunk;
    });
    const document: DocumentRecord = {
        docId,
        path: docPath,
        fileType,
        contentHash,
        size: offset,
        mtimeMs: 1_700_000_000_000,
        pages: texts.length,
        chunks: texts.length,
        title: `Title of ${path.basename(docPath)}`,
        pageStarts: chunks.map((chunk) => chunk.charStart),
        indexedAt: new Date(0).toISOString(),
    };
    return { document, chunks };
}
