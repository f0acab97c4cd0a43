import fs from "node:fs/promises";
import path from "node:path";
import { EnclaveError } from "../errors.js";
import type { FileType } from "../types.js";
import { fileTypeOf } from "./loaders/index.js";

export interface FoundFile {
    path: string;
    fileType: FileType;
    size: number;
    mtimeMs: number;
}

export interface FolderScan {
    /** Absolute, resolved roots that were scanned (files directly named count as roots too). */
    roots: string[];
    files: FoundFile[];
    /** Entries that could not be listed or stat'ed, with the reason. */
    unreadable: Array<{ path: string; reason: string }>;
}

// Hidden folders (.git, .Trash) and dependency folders hold no user documents and can be huge.
const SKIPPED_DIRECTORIES = new Set(["node_modules", "__pycache__"]);

/** Lists supported files under the given folders (or files), recursively, sorted by path. */
export async function scanFolders(inputs: string[]): Promise<FolderScan> {
    const scan: FolderScan = { roots: [], files: [], unreadable: [] };
    for (const input of inputs) {
        const root = path.resolve(input);
        const stat = await fs.stat(root).catch(() => null);
        if (!stat) throw new EnclaveError("PATH_NOT_FOUND", `${root}: no such file or folder`);
        scan.roots.push(root);
        if (stat.isDirectory()) await walk(root, scan);
        else addFile(root, stat, scan);
    }
    scan.files.sort((a, b) => a.path.localeCompare(b.path));
    scan.files = scan.files.filter((file, index, all) => index === 0 || all[index - 1]!.path !== file.path);
    return scan;
}

async function walk(dir: string, scan: FolderScan): Promise<void> {
    let entries;
    try {
        entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
        scan.unreadable.push({ path: dir, reason: `cannot list folder: ${(error as NodeJS.ErrnoException).code ?? error}` });
        return;
    }
    for (const entry of entries) {
        if (entry.name.startsWith(".")) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full, scan);
        } else if (entry.isFile() || entry.isSymbolicLink()) {
            if (!fileTypeOf(full)) continue;
            const stat = await fs.stat(full).catch((error: NodeJS.ErrnoException) => error);
            if (stat instanceof Error) scan.unreadable.push({ path: full, reason: `cannot read file: ${stat.code ?? stat.message}` });
            else if (stat.isFile()) addFile(full, stat, scan);
        }
    }
}

function addFile(filePath: string, stat: { size: number; mtimeMs: number }, scan: FolderScan): void {
    const fileType = fileTypeOf(filePath);
    if (fileType) scan.files.push({ path: filePath, fileType, size: stat.size, mtimeMs: stat.mtimeMs });
}
