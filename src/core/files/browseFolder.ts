import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FolderEntry, FolderListing } from "../api/contract.js";
import { EnclaveError } from "../errors.js";
import { fileTypeOf } from "../ingest/loaders/index.js";

export interface BrowseOptions {
    /** Default: os.homedir() */
    home?: string;
    /** Default: process.platform */
    platform?: NodeJS.Platform;
}

/** Folders that hold one mount point per removable drive, by platform; `<user>` is the user name. */
const MOUNT_PARENTS: Partial<Record<NodeJS.Platform, string[]>> = {
    linux: ["/media/<user>", "/run/media/<user>", "/mnt"],
    darwin: ["/Volumes"],
};

/**
 * One folder's contents for the in-app chooser: sub-folders first, then files, each by name; hidden entries
 * left out; files marked `supported` when ingest reads their type. Default folder: the home folder.
 */
export async function browseFolder(folder: string | undefined, options: BrowseOptions = {}): Promise<FolderListing> {
    const home = options.home ?? os.homedir();
    const dir = path.resolve(folder ?? home);
    let names: string[];
    try {
        names = await fs.readdir(dir);
    } catch (error) {
        throw unreadableFolder(dir, error as NodeJS.ErrnoException);
    }
    const entries = await Promise.all(names.filter((name) => !name.startsWith(".")).map((name) => describeEntry(dir, name)));
    const parent = path.dirname(dir);
    return {
        path: dir,
        parent: parent === dir ? null : parent,
        entries: entries.filter((entry): entry is FolderEntry => entry !== null).sort(foldersFirstByName),
        roots: await startingPlaces(home, options.platform ?? process.platform),
    };
}

/** An entry as the chooser shows it; links are followed, and one that leads nowhere is left out. */
async function describeEntry(dir: string, name: string): Promise<FolderEntry | null> {
    const entryPath = path.join(dir, name);
    const stat = await fs.stat(entryPath).catch(() => null);
    if (stat?.isDirectory()) return { name, path: entryPath, kind: "folder" };
    if (stat?.isFile()) return { name, path: entryPath, kind: "file", supported: fileTypeOf(name) !== null, sizeBytes: stat.size };
    return null;
}

function foldersFirstByName(a: FolderEntry, b: FolderEntry): number {
    if (a.kind !== b.kind) return a.kind === "folder" ? -1 : 1;
    return a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: "base" });
}

/** Home, then the mounted drives: removable ones under the platform's mount folders, or the drive letters on Windows. */
async function startingPlaces(home: string, platform: NodeJS.Platform): Promise<FolderListing["roots"]> {
    const roots = [{ name: "Home", path: home }];
    if (platform === "win32") {
        for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
            const drive = `${letter}:\\`;
            if (await fs.stat(drive).catch(() => null)) roots.push({ name: `${letter}:`, path: drive });
        }
        return roots;
    }
    const user = os.userInfo().username;
    for (const parent of MOUNT_PARENTS[platform] ?? []) {
        const dir = parent.replace("<user>", user);
        const names = await fs.readdir(dir).catch(() => [] as string[]);
        for (const name of names.filter((entry) => !entry.startsWith(".")).sort()) {
            const mount = path.join(dir, name);
            if ((await fs.stat(mount).catch(() => null))?.isDirectory()) roots.push({ name, path: mount });
        }
    }
    return roots;
}

function unreadableFolder(dir: string, error: NodeJS.ErrnoException): EnclaveError {
    switch (error.code) {
        case "ENOENT":
            return new EnclaveError("PATH_NOT_FOUND", `${dir}: no such folder`, { cause: error });
        case "ENOTDIR":
            return new EnclaveError("NOT_A_FOLDER", `${dir} is a file, not a folder`, { cause: error });
        case "EACCES":
        case "EPERM":
            return new EnclaveError("FOLDER_UNREADABLE", `${dir} cannot be read: permission denied`, { cause: error });
        default:
            return new EnclaveError("FOLDER_UNREADABLE", `${dir} cannot be read: ${error.message}`, { cause: error });
    }
}
