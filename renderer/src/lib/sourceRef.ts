/** What the source viewer shows: a document of a collection at a page, with the cited passage when there is one. */
import type { DocumentInfo } from "../../../src/core/api/contract.ts";
import type { Citation } from "../../../src/core/types.ts";

export interface SourceRef {
    collection: string;
    docId: string;
    path: string;
    page: number;
    pageEnd: number;
    headingPath: string[];
    /** The cited passage (chunk), the excerpt of it the answer used, and its number [n]; absent for a whole document. */
    citation?: { n: number; text: string; excerpt: string };
}

export function sourceFromCitation(collection: string, citation: Citation): SourceRef {
    return {
        collection,
        docId: citation.docId,
        path: citation.path,
        page: citation.page,
        pageEnd: citation.pageEnd,
        headingPath: citation.headingPath,
        citation: { n: citation.n, text: citation.text, excerpt: citation.excerpt },
    };
}

export function sourceFromDocument(collection: string, document: DocumentInfo): SourceRef {
    return { collection, docId: document.docId, path: document.path, page: 1, pageEnd: 1, headingPath: [] };
}

/** How the source viewer can show a file: a rendered PDF page, plain text, or not at all (open the original). */
export function previewOf(path: string): "pdf" | "text" | null {
    if (/\.pdf$/iu.test(path)) return "pdf";
    if (/\.(?:md|markdown|txt)$/iu.test(path)) return "text";
    return null;
}
