/**
 * Arrow schemas of the two tables and the conversions between records and rows. Columns are snake_case so
 * that SQL filters need no quoting (DataFusion folds unquoted identifiers to lower case).
 */
import { Field, FixedSizeList, Float32, Float64, Int32, List, Schema, Utf8, type DataType } from "apache-arrow";
import type { ChunkRecord, DocumentRecord, FileType } from "../types.js";
import { cjkSearchText } from "../text/cjk.js";

export const DOCUMENTS_TABLE = "documents";

/** Columns every chunk query reads back (everything but the vector and the derived CJK column). */
export const CHUNK_COLUMNS = [
    "id", "doc_id", "content_hash", "path", "file_type", "ordinal", "text",
    "char_start", "char_end", "page_start", "page_end", "heading_path", "token_count",
] as const;

/** A stored chunk as search returns it: the record without its vector. */
export type StoredChunk = Omit<ChunkRecord, "vector">;

export function chunksSchema(vectorDims: number | null): Schema {
    const fields: Field<DataType>[] = [
        new Field("id", new Utf8(), false),
        new Field("doc_id", new Utf8(), false),
        new Field("content_hash", new Utf8(), false),
        new Field("path", new Utf8(), false),
        new Field("file_type", new Utf8(), false),
        new Field("ordinal", new Int32(), false),
        new Field("text", new Utf8(), false),
        new Field("cjk_text", new Utf8(), false),
        new Field("char_start", new Int32(), false),
        new Field("char_end", new Int32(), false),
        new Field("page_start", new Int32(), false),
        new Field("page_end", new Int32(), false),
        new Field("heading_path", new List(new Field("item", new Utf8(), true)), false),
        new Field("token_count", new Int32(), false),
    ];
    if (vectorDims !== null) {
        fields.push(new Field("vector", new FixedSizeList(vectorDims, new Field("item", new Float32(), true)), false));
    }
    return new Schema(fields);
}

export const documentsSchema = new Schema([
    new Field("doc_id", new Utf8(), false),
    new Field("path", new Utf8(), false),
    new Field("file_type", new Utf8(), false),
    new Field("content_hash", new Utf8(), false),
    new Field("size", new Float64(), false),
    new Field("mtime_ms", new Float64(), false),
    new Field("pages", new Int32(), false),
    new Field("chunks", new Int32(), false),
    new Field("title", new Utf8(), true),
    new Field("page_starts", new List(new Field("item", new Int32(), true)), false),
    new Field("indexed_at", new Utf8(), false),
]);

export function toChunkRow(chunk: StoredChunk, vector: Float32Array | undefined): Record<string, unknown> {
    const row: Record<string, unknown> = {
        id: chunk.id,
        doc_id: chunk.docId,
        content_hash: chunk.contentHash,
        path: chunk.path,
        file_type: chunk.fileType,
        ordinal: chunk.ordinal,
        text: chunk.text,
        cjk_text: cjkSearchText(chunk.text),
        char_start: chunk.charStart,
        char_end: chunk.charEnd,
        page_start: chunk.pageStart,
        page_end: chunk.pageEnd,
        heading_path: chunk.headingPath,
        token_count: chunk.tokenCount,
    };
    if (vector) row.vector = Array.from(vector);
    return row;
}

/** Reads a row of CHUNK_COLUMNS (list cells arrive as Arrow vectors). */
export function fromChunkRow(row: Record<string, unknown>): StoredChunk {
    return {
        id: String(row.id),
        docId: String(row.doc_id),
        contentHash: String(row.content_hash),
        path: String(row.path),
        fileType: row.file_type as FileType,
        ordinal: Number(row.ordinal),
        text: String(row.text),
        charStart: Number(row.char_start),
        charEnd: Number(row.char_end),
        pageStart: Number(row.page_start),
        pageEnd: Number(row.page_end),
        headingPath: listValues(row.heading_path).map(String),
        tokenCount: Number(row.token_count),
    };
}

export function toDocumentRow(document: DocumentRecord): Record<string, unknown> {
    return {
        doc_id: document.docId,
        path: document.path,
        file_type: document.fileType,
        content_hash: document.contentHash,
        size: document.size,
        mtime_ms: document.mtimeMs,
        pages: document.pages,
        chunks: document.chunks,
        title: document.title,
        page_starts: document.pageStarts,
        indexed_at: document.indexedAt,
    };
}

export function fromDocumentRow(row: Record<string, unknown>): DocumentRecord {
    return {
        docId: String(row.doc_id),
        path: String(row.path),
        fileType: row.file_type as FileType,
        contentHash: String(row.content_hash),
        size: Number(row.size),
        mtimeMs: Number(row.mtime_ms),
        pages: Number(row.pages),
        chunks: Number(row.chunks),
        title: row.title === null || row.title === undefined ? null : String(row.title),
        pageStarts: listValues(row.page_starts).map(Number),
        indexedAt: String(row.indexed_at),
    };
}

function listValues(cell: unknown): unknown[] {
    if (cell === null || cell === undefined) return [];
    if (Array.isArray(cell)) return cell;
    return Array.from((cell as { toArray(): ArrayLike<unknown> }).toArray());
}
