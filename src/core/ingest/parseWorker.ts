import { errorMessage, FileError } from "../errors.js";
import { sha256File } from "../system/hashFile.js";
import { Chunker } from "./Chunker.js";
import { extractFile } from "./loaders/index.js";
import type { ParseOutcome, ParseTask } from "./parseTask.js";

/** Piscina worker: hash, extract and chunk one file off the caller's event loop. Never throws. */
export default async function parseFile(task: ParseTask): Promise<ParseOutcome> {
    try {
        const contentHash = await sha256File(task.path);
        if (contentHash === task.knownHash) return { status: "unchanged", contentHash };
        const doc = await extractFile(task.path, { maxBytes: task.maxBytes });
        const chunks = new Chunker(task.chunker).chunk(doc);
        if (chunks.length === 0) return { status: "failed", reason: "no extractable text" };
        return { status: "parsed", contentHash, fileType: doc.fileType, title: doc.title, pageStarts: doc.pageStarts, chunks };
    } catch (error) {
        return { status: "failed", reason: error instanceof FileError ? error.reason : readableReason(error) };
    }
}

function readableReason(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") return "cannot read file: permission denied";
    if (code === "ENOENT") return "file disappeared during indexing";
    if (code === "EISDIR") return "is a folder, not a file";
    return errorMessage(error);
}
