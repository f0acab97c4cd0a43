import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossEncoderReranker } from "../../src/core/embed/CrossEncoderReranker.js";
import { onnxFilePath } from "../../src/core/embed/modelFolder.js";
import { resolveOnnxWeights } from "../../src/core/embed/onnxWeights.js";
import { inspectOnnxQuantization, quantizeOnnx } from "../../src/core/embed/quantizeOnnx.js";
import { TransformersEmbedder } from "../../src/core/embed/TransformersEmbedder.js";
import { EnclaveError } from "../../src/core/errors.js";
import { DATASETS_DIR, ensureRandomBert, makeTempDir, MINILM_L6_BERT, SMALL_BERT, type RandomBertShape } from "../helpers/assets.js";
import { ensureRandomCrossEncoder } from "../helpers/genCrossEncoder.js";

/** 50 real English passages (SQuAD 2.0 dev paragraphs, about 150 tokens each). */
function squadPassages(count: number): string[] {
    const squad = JSON.parse(fs.readFileSync(path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json"), "utf8")) as {
        data: { paragraphs: { context: string }[] }[];
    };
    return squad.data.flatMap((article) => article.paragraphs.map((paragraph) => paragraph.context)).slice(0, count);
}

function cosine(a: Float32Array, b: Float32Array): number {
    let dot = 0;
    let normA = 0;
    let normB = 0;
    a.forEach((value, index) => {
        dot += value * b[index]!;
        normA += value * value;
        normB += b[index]! * b[index]!;
    });
    return dot / Math.sqrt(normA * normB);
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

const PASSAGES = squadPassages(50);
/** Model copies are up to 180 MB each: everything this file writes goes here and is removed at the end. */
const WORK_DIR = makeTempDir("quantize");
afterAll(() => fs.rmSync(WORK_DIR, { recursive: true, force: true }));

function workDir(name: string): string {
    return fs.mkdtempSync(path.join(WORK_DIR, `${name}-`));
}

/** A private copy of a generated model folder, so first-use quantization happens here and nowhere else. */
function copyModelFolder(source: string, name: string): string {
    const copy = path.join(workDir(name), path.basename(source));
    fs.cpSync(source, copy, { recursive: true, filter: (file) => path.basename(file) !== "model_int8.onnx" });
    return copy;
}

describe.each([
    ["SMALL_BERT", SMALL_BERT],
    ["MINILM_L6_BERT", MINILM_L6_BERT],
] as [string, RandomBertShape][])("dynamic int8 quantization of %s", (_, shape) => {
    let modelDir: string;
    let fp32: TransformersEmbedder;
    let int8: TransformersEmbedder;

    beforeAll(async () => {
        modelDir = copyModelFolder(await ensureRandomBert(shape), "quantize");
        fp32 = await TransformersEmbedder.load(modelDir, { dtype: "fp32" });
        int8 = await TransformersEmbedder.load(modelDir);
    });
    afterAll(async () => {
        await fp32?.dispose();
        await int8?.dispose();
    });

    it("replaces the fp32 copy the generator names model_quantized.onnx with a genuine int8 model_int8.onnx", () => {
        expect(inspectOnnxQuantization(onnxFilePath(modelDir, "q8")).quantized).toBe(false);
        expect(inspectOnnxQuantization(onnxFilePath(modelDir, "fp32")).quantized).toBe(false);
        expect(inspectOnnxQuantization(onnxFilePath(modelDir, "int8")).quantized).toBe(true);
        // Per layer: query, key, value, attention output, intermediate and output dense; attention's own MatMuls
        // multiply two activations and stay fp32.
        const copy = path.join(workDir("quantize-count"), "model_int8.onnx");
        expect(quantizeOnnx(onnxFilePath(modelDir, "fp32"), copy)).toBe(6 * shape.layers);
        expect(int8.identity.dims).toBe(fp32.identity.dims);
        expect(int8.identity.fingerprint).not.toBe(fp32.identity.fingerprint);
    });

    it("embeds real passages within 0.9999 mean cosine of fp32, far closer than two passages are to each other", async () => {
        const [reference, quantized] = await Promise.all([fp32.embedDocuments(PASSAGES), int8.embedDocuments(PASSAGES)]);
        expect(quantized.every((vector) => vector.length === fp32.identity.dims)).toBe(true);
        const agreement = reference.map((vector, index) => cosine(vector, quantized[index]!));
        const neighbours = reference.slice(1).map((vector, index) => cosine(vector, reference[index]!));
        console.log(
            `${shape.layers}x${shape.hidden}: int8 vs fp32 cosine mean ${mean(agreement).toFixed(6)}, min ${Math.min(...agreement).toFixed(6)};` +
                ` neighbouring passages (fp32) mean ${mean(neighbours).toFixed(4)}`,
        );
        // Random 0.02-scale weights keep the network nearly linear, so int8 is closer to fp32 here than with trained
        // weights (~0.99): correct per-column scales give 0.99998+, a scale-indexing bug gave 0.9995, so these catch it.
        expect(mean(agreement)).toBeGreaterThan(0.9999);
        expect(Math.min(...agreement)).toBeGreaterThan(0.9998);
        // Random weights make every passage look alike; the quantization error must still be well below that spread.
        expect(1 - mean(agreement)).toBeLessThan((1 - mean(neighbours)) / 3);
    });

    it("quantizes once: later loads reuse the copy, a changed model.onnx is quantized again", () => {
        const int8Path = onnxFilePath(modelDir, "int8");
        const before = fs.statSync(int8Path);
        const weights = resolveOnnxWeights(modelDir, "auto", workDir("unused-cache"));
        expect(weights).toEqual({ dtype: "int8", path: int8Path, subfolder: "onnx" });
        expect(fs.statSync(int8Path).mtimeMs).toBe(before.mtimeMs);
        expect(fs.statSync(int8Path).ino).toBe(before.ino);

        // A trailing doc_string field (protobuf field 6) changes the bytes but keeps a valid model.
        const sourceDigest = inspectOnnxQuantization(int8Path).sourceDigest;
        fs.appendFileSync(onnxFilePath(modelDir, "fp32"), Buffer.from([0x32, 1, 0x78]));
        resolveOnnxWeights(modelDir, "auto", workDir("unused-cache"));
        expect(inspectOnnxQuantization(int8Path).sourceDigest).not.toBe(sourceDigest);
    });
});

describe("choosing ONNX weights", () => {
    let generated: string;

    beforeAll(async () => {
        generated = await ensureRandomBert(SMALL_BERT);
    });

    it("runs a folder's genuinely quantized model_quantized.onnx as shipped", () => {
        const dir = copyModelFolder(generated, "shipped-q8");
        quantizeOnnx(onnxFilePath(dir, "fp32"), onnxFilePath(dir, "q8"));
        expect(resolveOnnxWeights(dir, "auto", workDir("unused-cache"))).toMatchObject({ dtype: "q8", subfolder: "onnx" });
        expect(fs.existsSync(onnxFilePath(dir, "int8"))).toBe(false);
    });

    it("never overwrites a model_int8.onnx it did not write, and loads its own copy from the cache folder instead", async () => {
        const dir = copyModelFolder(generated, "shipped-int8");
        const shipped = onnxFilePath(dir, "int8");
        fs.copyFileSync(onnxFilePath(dir, "fp32"), shipped);
        const shippedBytes = fs.readFileSync(shipped);
        const cacheDir = workDir("quantized-cache");
        const embedder = await TransformersEmbedder.load(dir, { quantizedCacheDir: cacheDir });
        const weights = resolveOnnxWeights(dir, "auto", cacheDir);
        expect(weights.path.startsWith(cacheDir)).toBe(true);
        expect(inspectOnnxQuantization(weights.path).quantized).toBe(true);
        expect(fs.readFileSync(shipped).equals(shippedBytes)).toBe(true);
        expect(await embedder.embedQuery("cached copy")).toHaveLength(SMALL_BERT.hidden);
        await embedder.dispose();
    });

    it("names the file when the ONNX model is corrupt", async () => {
        const dir = copyModelFolder(generated, "corrupt");
        const modelPath = onnxFilePath(dir, "fp32");
        fs.writeFileSync(modelPath, fs.readFileSync(modelPath).subarray(0, 100_000));
        const failure = TransformersEmbedder.load(dir);
        await expect(failure).rejects.toThrow(EnclaveError);
        await expect(failure).rejects.toThrow(`${modelPath} is not a valid ONNX model`);
        fs.writeFileSync(modelPath, "not an onnx model");
        expect(() => quantizeOnnx(modelPath, path.join(dir, "out.onnx"))).toThrow(`${modelPath} is not a valid ONNX model`);
        expect(fs.existsSync(path.join(dir, "out.onnx"))).toBe(false);
    });
});

describe("CrossEncoderReranker with int8 weights", () => {
    // Random-weight logits differ by ~1e-3 between passages, below int8 noise (a scale bug scores the same), so fidelity
    // is tested on the embedders above, which share the quantizer; this checks the reranker loads and runs its copy.
    it("quantizes the cross-encoder on first load and runs it", async () => {
        const dir = copyModelFolder(await ensureRandomCrossEncoder(), "cross-encoder");
        const reranker = await CrossEncoderReranker.load(dir);
        expect(inspectOnnxQuantization(onnxFilePath(dir, "int8")).quantized).toBe(true);
        const scores = await reranker.score("medical expenses", PASSAGES.slice(0, 5));
        expect(scores).toHaveLength(5);
        expect(scores.every(Number.isFinite)).toBe(true);
        await reranker.dispose();
    });
});
