/**
 * Which ONNX file of a transformers.js model folder to run. With "auto", a folder without a genuinely quantized
 * export gets a dynamically quantized int8 copy of its fp32 weights, made once on first load.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assertModelFolder, onnxFilePath, type OnnxDtype } from "./modelFolder.js";
import { fileDigest, inspectOnnxQuantization, quantizeOnnx } from "./quantizeOnnx.js";

/** A weights variant by transformers.js name, or "auto" (see resolveOnnxWeights). */
export type ModelDtype = "auto" | OnnxDtype;

/** Where int8 copies of read-only model folders go; losing it (reboot) only costs one re-quantization. */
export const DEFAULT_QUANTIZED_CACHE_DIR = path.join(os.tmpdir(), "enclave-quantized");

export interface OnnxWeights {
    /** transformers.js dtype, which picks the file name suffix. */
    dtype: OnnxDtype;
    /** The file that will be loaded. */
    path: string;
    /** Its folder relative to the model folder: transformers.js loads `<model>/<subfolder>/model<suffix>.onnx`. */
    subfolder: string;
}

/**
 * The weights to run for `dtype`. An explicit dtype names its file (onnx/model<suffix>.onnx) and must exist.
 * "auto", fastest first:
 * 1. onnx/model_quantized.onnx when it is genuinely quantized (checked in the graph, not trusted from the name);
 * 2. else an int8 copy of onnx/model.onnx (see quantizeOnnx): onnx/model_int8.onnx next to it, made on first use and
 *    remade when model.onnx changes. A model_int8.onnx the folder shipped with is never overwritten: it is used when
 *    genuinely quantized. When it is not, or the folder is read-only, the copy goes to
 *    `<cacheDir>/<sha256 of model.onnx>/onnx/model_int8.onnx`;
 * 3. else whatever single export the folder has.
 */
export function resolveOnnxWeights(dir: string, dtype: ModelDtype, cacheDir: string): OnnxWeights {
    if (dtype !== "auto") return inFolder(dir, dtype);
    const shipped = onnxFilePath(dir, "q8");
    if (fs.existsSync(shipped) && inspectOnnxQuantization(shipped).quantized) return inFolder(dir, "q8");
    const source = onnxFilePath(dir, "fp32");
    if (!fs.existsSync(source)) return inFolder(dir, fs.existsSync(shipped) ? "q8" : "fp32");
    assertModelFolder(dir, "fp32");
    const target = quantizedCopy(source, onnxFilePath(dir, "int8"), cacheDir);
    return { dtype: "int8", path: target, subfolder: path.relative(dir, path.dirname(target)) };
}

function inFolder(dir: string, dtype: OnnxDtype): OnnxWeights {
    assertModelFolder(dir, dtype);
    return { dtype, path: onnxFilePath(dir, dtype), subfolder: "onnx" };
}

/** An up-to-date int8 copy of `source`: `besideSource` when it is ours or can be written, else one in `cacheDir`. */
function quantizedCopy(source: string, besideSource: string, cacheDir: string): string {
    const digest = fileDigest(source);
    // Decoding the ONNX file to check it costs ~50 MB of heap the embedder process keeps; a stamp naming the
    // source digest and the copy's size and mtime costs nothing, and any change to either file invalidates it.
    const stamp = `${besideSource}.stamp`;
    const current = stampFor(digest, besideSource);
    if (current !== null && readStamp(stamp) === current) return besideSource;
    const existing = fs.existsSync(besideSource) ? inspectOnnxQuantization(besideSource) : undefined;
    if (existing?.sourceDigest === digest) {
        writeStamp(stamp, current);
        return besideSource;
    }
    // A file we did not write came with the folder: use it when it is quantized, never overwrite it.
    const shippedWithFolder = existing !== undefined && existing.sourceDigest === undefined;
    if (shippedWithFolder && existing.quantized) return besideSource;
    if (!shippedWithFolder && writeQuantized(source, besideSource)) {
        writeStamp(stamp, stampFor(digest, besideSource));
        return besideSource;
    }
    const cached = path.join(cacheDir, digest, "onnx", path.basename(besideSource));
    if (!fs.existsSync(cached)) {
        fs.mkdirSync(path.dirname(cached), { recursive: true });
        quantizeOnnx(source, cached);
    }
    return cached;
}

function stampFor(sourceDigest: string, copy: string): string | null {
    const stat = fs.statSync(copy, { throwIfNoEntry: false });
    return stat ? `${sourceDigest} ${stat.size} ${stat.mtimeMs}` : null;
}

/** Best effort: without a stamp the next load only checks the copy the slow way. */
function writeStamp(stamp: string, content: string | null): void {
    try {
        if (content !== null) fs.writeFileSync(stamp, content);
    } catch {
        // A read-only model folder.
    }
}

function readStamp(stamp: string): string | null {
    try {
        return fs.readFileSync(stamp, "utf8").trim();
    } catch {
        return null;
    }
}

/** false when the folder is read-only for us. */
function writeQuantized(source: string, target: string): boolean {
    try {
        quantizeOnnx(source, target);
        return true;
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EACCES" || code === "EPERM" || code === "EROFS") return false;
        throw error;
    }
}
