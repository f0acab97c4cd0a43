import path from "node:path";
import type { DocumentRecord } from "../types.js";
import type { FoundFile } from "./scanFolders.js";

export interface IngestCandidate {
    file: FoundFile;
    /** The indexed version of this path, if any: its hash lets the worker skip content that did not change. */
    previous: DocumentRecord | null;
}

export interface IngestPlan {
    /** New files, and files whose size or modification time changed (their content hash decides). */
    candidates: IngestCandidate[];
    /** Same path, size and modification time as indexed: skipped without reading. */
    unchanged: DocumentRecord[];
    /** Indexed under one of the scanned roots but gone from disk. */
    removed: DocumentRecord[];
}

/**
 * Decides what an ingest run must do. Documents outside the scanned roots are left alone, so ingesting
 * folder B into a collection never removes what came from folder A.
 */
export function planIngest(found: FoundFile[], indexed: DocumentRecord[], roots: string[]): IngestPlan {
    const indexedByPath = new Map(indexed.map((doc) => [doc.path, doc]));
    const foundPaths = new Set(found.map((file) => file.path));
    const plan: IngestPlan = { candidates: [], unchanged: [], removed: [] };

    for (const file of found) {
        const previous = indexedByPath.get(file.path) ?? null;
        if (previous && previous.size === file.size && previous.mtimeMs === file.mtimeMs) plan.unchanged.push(previous);
        else plan.candidates.push({ file, previous });
    }
    for (const doc of indexed) {
        if (!foundPaths.has(doc.path) && roots.some((root) => isWithin(doc.path, root))) plan.removed.push(doc);
    }
    return plan;
}

export function isWithin(filePath: string, root: string): boolean {
    const relative = path.relative(root, filePath);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
