/**
 * Where a model's expected sha256 comes from: the `sha256sum` files published beside it, or the models Enclave
 * knows. A model folder is summarised by one digest over all its files (see `folderDigest`).
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { BUNDLED_CHAT_MODEL } from "./bundledChatModel.js";

/** The standard name of a folder's `sha256sum` listing. */
const SUMS_FILE = "SHA256SUMS";

/** sha256 of the models Enclave knows, by file name. */
const KNOWN_SHA256: Readonly<Record<string, string>> = Object.freeze({ [BUNDLED_CHAT_MODEL.fileName]: BUNDLED_CHAT_MODEL.sha256 });

const SHA256 = /\b[0-9a-fA-F]{64}\b/;

export interface ExpectedSha256 {
    /** Lower-case hex. */
    sha256: string;
    /** Where it was read, for messages: a file path or a known model's name. */
    source: string;
}

/** `sha256sum` output ("<hex>  <name>", or "<hex> *<name>" for binary mode), as name → lower-case hex. */
function parseSha256Sums(text: string): Map<string, string> {
    const sums = new Map<string, string>();
    for (const line of text.split(/\r?\n/u)) {
        const match = /^([0-9a-fA-F]{64}) [ *](.+)$/u.exec(line.trimEnd());
        if (match) sums.set(match[2]!.replace(/^\.\//u, ""), match[1]!.toLowerCase());
    }
    return sums;
}

/** The published sha256 of a model file: `<file>.sha256`, else its line in SHA256SUMS beside it, else a known model's. */
export async function publishedSha256(filePath: string): Promise<ExpectedSha256 | null> {
    const sidecar = `${filePath}.sha256`;
    const single = SHA256.exec((await readTextIfPresent(sidecar)) ?? "")?.[0];
    if (single) return { sha256: single.toLowerCase(), source: sidecar };
    const sums = await folderSums(path.dirname(filePath));
    const listed = sums?.sums.get(path.basename(filePath));
    if (sums && listed) return { sha256: listed, source: sums.source };
    const known = KNOWN_SHA256[path.basename(filePath)];
    return known ? { sha256: known, source: `the known model ${path.basename(filePath)}` } : null;
}

/** The SHA256SUMS listing inside a folder (relative paths with "/"), or null when it has none. */
export async function folderSums(dir: string): Promise<{ sums: Map<string, string>; source: string } | null> {
    const source = path.join(dir, SUMS_FILE);
    const text = await readTextIfPresent(source);
    return text === null ? null : { sums: parseSha256Sums(text), source };
}

/**
 * One sha256 for a folder of files: the sha256 of their `sha256sum` listing, one "<hex>  <path>" line per file,
 * paths relative to the folder with "/", sorted (as `LC_ALL=C sort` does).
 */
export function folderDigest(fileHashes: Map<string, string>): string {
    const lines = [...fileHashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, sha256]) => `${sha256}  ${file}\n`);
    return createHash("sha256").update(lines.join("")).digest("hex");
}

async function readTextIfPresent(filePath: string): Promise<string | null> {
    try {
        return await fs.readFile(filePath, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
    }
}
