import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { ImportedModel, ImportHandlers, ImportModelRequest } from "../api/contract.js";
import { detectModelFolderKind } from "../embed/modelFolder.js";
import { EnclaveError } from "../errors.js";
import { copyFileHashed } from "../system/copyFileHashed.js";
import { sha256File } from "../system/hashFile.js";
import { folderDigest, folderSums, publishedSha256, type ExpectedSha256 } from "./checksums.js";
import { classifyGguf, type ModelKind, type ModelRegistry } from "./ModelRegistry.js";

/** Progress is reported at most this many times per import (plus the end), however large the model. */
const PROGRESS_STEPS = 200;

interface ModelFile {
    /** Path relative to the model folder, "/"-separated; a GGUF's own file name. */
    relative: string;
    size: number;
}

interface FileCopy extends ModelFile {
    from: string;
    to: string;
}

/**
 * Copies a GGUF file or an ONNX model folder into the models folder: streamed under a hidden temporary name
 * (the registry skips those) while its sha256 is computed, checked against the expected one, then renamed into
 * place. A failed, refused or cancelled import leaves nothing behind.
 */
export class ModelImporter {
    constructor(
        readonly modelsDir: string,
        private readonly registry: ModelRegistry,
    ) {}

    async import(request: ImportModelRequest, handlers: ImportHandlers = {}): Promise<ImportedModel> {
        const source = path.resolve(request.path);
        const stat = await fs.stat(source).catch(() => null);
        if (!stat) throw new EnclaveError("PATH_NOT_FOUND", `${source}: no such file or folder`);
        const isFolder = stat.isDirectory();
        const kind = await detectKind(source, isFolder);
        if (request.kind && request.kind !== kind)
            throw new EnclaveError("MODEL_KIND_MISMATCH", `${source} is a ${kind} model, not a ${request.kind} model.`);

        const name = path.basename(source);
        const destination = path.join(this.modelsDir, name);
        const temporary = path.join(this.modelsDir, `.${name}.${randomUUID()}.partial`);
        const copies: FileCopy[] = isFolder
            ? (await modelFolderFiles(source)).map((file) => ({ ...file, from: inFolder(source, file), to: inFolder(temporary, file) }))
            : [{ relative: name, size: stat.size, from: source, to: temporary }];
        await fs.mkdir(this.modelsDir, { recursive: true });
        let result: Pick<ImportedModel, "sha256" | "verification">;
        try {
            const hashes = await copyModel(copies, handlers);
            const sha256 = isFolder ? folderDigest(hashes) : hashes.get(name)!;
            const verified = isFolder ? await verifyFolder(source, hashes, sha256, request.sha256) : await verifyFile(source, sha256, request.sha256);
            result = { sha256, verification: verified ? "matched" : "unknown" };
            await placeModel(temporary, destination, sha256, isFolder);
        } catch (error) {
            if (handlers.signal?.aborted) throw new EnclaveError("ABORTED", `The import of ${source} was cancelled; nothing was kept.`, { cause: error });
            throw error;
        } finally {
            await fs.rm(temporary, { recursive: true, force: true });
        }
        this.registry.refresh();
        const model = await this.registry.find(kind, destination);
        return { ...model!, ...result };
    }
}

async function detectKind(source: string, isFolder: boolean): Promise<ModelKind> {
    const kind = isFolder ? detectModelFolderKind(source) : await classifyGguf(source);
    if (kind) return kind;
    throw new EnclaveError(
        "MODEL_UNSUPPORTED",
        isFolder
            ? `${source} is not an ONNX embedder or reranker folder: it needs a config.json naming an encoder model and onnx/model*.onnx weights.`
            : `${source} is not a GGUF chat model, reranker or LoRA adapter that Enclave can use.`,
    );
}

/** The files of a model folder, links followed (Hugging Face snapshots link to their blobs), hidden ones left out. */
async function modelFolderFiles(dir: string): Promise<ModelFile[]> {
    const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
    const files: ModelFile[] = [];
    for (const entry of entries) {
        const parts = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep);
        if (parts.some((part) => part.startsWith("."))) continue;
        const stat = await fs.stat(path.join(dir, ...parts)).catch(() => null);
        if (stat?.isFile()) files.push({ relative: parts.join("/"), size: stat.size });
    }
    return files.sort((a, b) => a.relative.localeCompare(b.relative));
}

function inFolder(dir: string, file: ModelFile): string {
    return path.join(dir, ...file.relative.split("/"));
}

/** Copies the files, reporting progress; returns each file's sha256 by its relative path. */
async function copyModel(copies: FileCopy[], handlers: ImportHandlers): Promise<Map<string, string>> {
    const bytesTotal = copies.reduce((sum, copy) => sum + copy.size, 0);
    const step = Math.max(1, Math.ceil(bytesTotal / PROGRESS_STEPS));
    let bytesDone = 0;
    let reported = 0;
    const hashes = new Map<string, string>();
    handlers.onProgress?.({ bytesDone, bytesTotal });
    for (const copy of copies) {
        await fs.mkdir(path.dirname(copy.to), { recursive: true });
        const sha256 = await copyFileHashed(copy.from, copy.to, {
            signal: handlers.signal,
            onBytes: (bytes) => {
                bytesDone += bytes;
                if (bytesDone - reported < step) return;
                reported = bytesDone;
                handlers.onProgress?.({ bytesDone, bytesTotal });
            },
        });
        hashes.set(copy.relative, sha256);
    }
    if (reported < bytesDone) handlers.onProgress?.({ bytesDone, bytesTotal });
    return hashes;
}

/** True when the file matched an expected sha256, false when none is known; throws on a mismatch. */
async function verifyFile(source: string, actual: string, requested: string | undefined): Promise<boolean> {
    const expected: ExpectedSha256 | null = requested ? { sha256: requested.toLowerCase(), source: "the request" } : await publishedSha256(source);
    if (!expected) return false;
    if (expected.sha256 !== actual) throw checksumError(source, expected, actual);
    return true;
}

/** A folder matches a requested digest, or else every file its SHA256SUMS lists; false when it has neither. */
async function verifyFolder(source: string, hashes: Map<string, string>, digest: string, requested: string | undefined): Promise<boolean> {
    if (requested) {
        const expected = { sha256: requested.toLowerCase(), source: "the request" };
        if (expected.sha256 !== digest) throw checksumError(source, expected, digest);
        return true;
    }
    const listing = await folderSums(source);
    if (!listing || listing.sums.size === 0) return false;
    for (const [file, sha256] of listing.sums) {
        const actual = hashes.get(file);
        if (actual === undefined)
            throw new EnclaveError("MODEL_CHECKSUM", `${listing.source} lists ${file}, which ${source} does not hold. Nothing was imported.`);
        if (actual !== sha256) throw checksumError(path.join(source, file), { sha256, source: listing.source }, actual);
    }
    return true;
}

function checksumError(file: string, expected: ExpectedSha256, actual: string): EnclaveError {
    return new EnclaveError(
        "MODEL_CHECKSUM",
        `${file} failed its sha256 check: expected ${expected.sha256} (from ${expected.source}), got ${actual}. Nothing was imported.`,
    );
}

/** Moves the verified copy into place; an installed model of the same name is kept when its bytes are the same, else refused. */
async function placeModel(temporary: string, destination: string, sha256: string, isFolder: boolean): Promise<void> {
    const existing = await fs.stat(destination).catch(() => null);
    if (!existing) return fs.rename(temporary, destination);
    const installed = isFolder && existing.isDirectory() ? await folderSha256(destination) : existing.isFile() && !isFolder ? await sha256File(destination) : null;
    if (installed !== sha256)
        throw new EnclaveError(
            "MODEL_EXISTS",
            `${destination} already exists and holds a different model; remove or rename it first. Nothing was imported.`,
        );
}

async function folderSha256(dir: string): Promise<string> {
    const files = await modelFolderFiles(dir);
    const hashes = await Promise.all(files.map(async (file) => [file.relative, await sha256File(inFolder(dir, file))] as const));
    return folderDigest(new Map(hashes));
}
