import type { ChunkDraft, FileType } from "../types.js";
import type { ChunkerOptions } from "./Chunker.js";

/** What the main thread sends to a parse worker for one file. */
export interface ParseTask {
    path: string;
    /** Hash of the indexed version; when the file still hashes to it, the worker skips parsing. */
    knownHash: string | null;
    maxBytes: number;
    chunker: ChunkerOptions;
}

export type ParseOutcome =
    | { status: "unchanged"; contentHash: string }
    | {
          status: "parsed";
          contentHash: string;
          fileType: FileType;
          title: string | null;
          pageStarts: number[];
          chunks: ChunkDraft[];
      }
    | { status: "failed"; reason: string };
