import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { LastIngest } from "../api/contract.js";
import { EnclaveError } from "../errors.js";
import type { EmbedderIdentity } from "../embed/types.js";

/** Bump when the table layout changes incompatibly; opening another version is refused with SCHEMA_MISMATCH. */
export const SCHEMA_VERSION = 1;
export const META_FILE = "collection.json";

export interface CollectionMeta {
    schemaVersion: number;
    name: string;
    createdAt: string;
    /** Identity of the vectors in the chunks table; null when the collection is keyword-only. */
    embedder: EmbedderIdentity | null;
    /** Name of the current chunks table: it changes when the collection is re-embedded. */
    chunksTable: string;
    /** Folders (and files) ingested into the collection, absolute. Default: none */
    folders: string[];
    /** Whether the folders are watched and re-indexed on change. Default: false */
    watching: boolean;
    /** The last finished ingest. Default: null */
    lastIngest: LastIngest | null;
}

export type FolderState = Pick<CollectionMeta, "folders" | "watching" | "lastIngest">;

/** A new collection's folder state; collection.json files written before these fields existed read as this. */
export function emptyFolderState(): FolderState {
    return { folders: [], watching: false, lastIngest: null };
}

const identitySchema = z.object({
    id: z.string(),
    dims: z.number().int().positive(),
    pooling: z.enum(["mean", "cls"]),
    normalize: z.boolean(),
    fingerprint: z.string(),
});

const lastIngestSchema = z.object({
    finishedAt: z.string(),
    trigger: z.enum(["manual", "watch"]),
    files: z.number(),
    pages: z.number(),
    chunks: z.number(),
    skipped: z.number(),
    removed: z.number(),
    failed: z.array(z.object({ path: z.string(), reason: z.string() })),
}) satisfies z.ZodType<LastIngest>;

const metaSchema = z.object({
    schemaVersion: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    embedder: identitySchema.nullable(),
    chunksTable: z.string().min(1),
    // Optional: collections written before folders were tracked have none of these.
    folders: z.array(z.string()).default(() => emptyFolderState().folders),
    watching: z.boolean().default(() => emptyFolderState().watching),
    lastIngest: lastIngestSchema.nullable().default(() => emptyFolderState().lastIngest),
});

export function metaPath(dir: string): string {
    return path.join(dir, META_FILE);
}

/** Reads and validates collection.json; null when the folder holds no collection. */
export function readMeta(dir: string): CollectionMeta | null {
    let text: string;
    try {
        text = fs.readFileSync(metaPath(dir), "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        throw new EnclaveError("COLLECTION_CORRUPT", `${metaPath(dir)} is not valid JSON.`, { cause: error });
    }
    const version = (parsed as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (version !== SCHEMA_VERSION) {
        const age = typeof version === "number" && version > SCHEMA_VERSION ? "a newer" : "an older";
        throw new EnclaveError(
            "SCHEMA_MISMATCH",
            `The collection in ${dir} was written by ${age} version of Enclave (schema ${String(version)}; this version reads schema ${SCHEMA_VERSION}). ` +
                "Use the matching Enclave version, or delete the collection folder and index the documents again.",
        );
    }
    const result = metaSchema.safeParse(parsed);
    if (!result.success) {
        throw new EnclaveError("COLLECTION_CORRUPT", `${metaPath(dir)} is invalid: ${result.error.message}`);
    }
    return result.data;
}

/** Writes collection.json through a temporary file and a rename, so a crash leaves the old or the new file, whole. */
export function writeMeta(dir: string, meta: CollectionMeta): void {
    const target = metaPath(dir);
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(meta, null, 4)}\n`);
    fs.renameSync(temporary, target);
}

export function sameEmbedder(a: EmbedderIdentity | null, b: EmbedderIdentity | null): boolean {
    if (a === null || b === null) return a === b;
    return a.id === b.id && a.dims === b.dims && a.pooling === b.pooling && a.normalize === b.normalize && a.fingerprint === b.fingerprint;
}
