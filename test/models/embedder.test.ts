import fs from "node:fs";
import path from "node:path";
import { env } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbedderWorker } from "../../src/core/embed/EmbedderWorker.js";
import { detectModelFolderKind, promptPrefixes } from "../../src/core/embed/modelFolder.js";
import { TransformersEmbedder } from "../../src/core/embed/TransformersEmbedder.js";
import { EnclaveError } from "../../src/core/errors.js";
import { ensureRandomBert, makeTempDir, SMALL_BERT } from "../helpers/assets.js";

const TEXTS = [
    "Form 1040 is the standard federal income tax return.",
    "Short.",
    "",
    "Taxpayers who itemize deductions use Schedule A to list medical expenses, state and local taxes, and charitable gifts.",
    "The quick brown fox.",
];

function norm(vector: Float32Array): number {
    return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function maxDifference(a: Float32Array, b: Float32Array): number {
    return a.reduce((max, value, index) => Math.max(max, Math.abs(value - b[index]!)), 0);
}

describe("TransformersEmbedder", () => {
    let modelDir: string;
    let embedder: TransformersEmbedder;

    beforeAll(async () => {
        modelDir = await ensureRandomBert(SMALL_BERT);
        // fp32: int8 activations are quantized per batch, so only fp32 vectors are exactly batch-independent.
        embedder = await TransformersEmbedder.load(modelDir, { batchSize: 2, dtype: "fp32" });
    });
    afterAll(async () => embedder?.dispose());

    it("has the config's dimensions and a stable identity", async () => {
        const config = JSON.parse(fs.readFileSync(path.join(modelDir, "config.json"), "utf8")) as { hidden_size: number };
        expect(embedder.identity).toMatchObject({ id: path.basename(modelDir), dims: config.hidden_size, pooling: "mean", normalize: true });
        expect(embedder.identity.fingerprint).toMatch(/^[0-9a-f]{64}$/);
        const again = await TransformersEmbedder.load(modelDir, { dtype: "fp32" });
        expect(again.identity).toEqual(embedder.identity);
        await again.dispose();
        const [vector] = await embedder.embedDocuments(["hello"]);
        expect(vector).toHaveLength(config.hidden_size);
    });

    it("returns L2-normalised vectors in input order, equal to one-by-one embedding", async () => {
        const batched = await embedder.embedDocuments(TEXTS);
        expect(batched).toHaveLength(TEXTS.length);
        for (const [index, text] of TEXTS.entries()) {
            expect(norm(batched[index]!)).toBeCloseTo(1, 5);
            const [single] = await embedder.embedDocuments([text]);
            expect(maxDifference(batched[index]!, single!)).toBeLessThan(1e-5);
        }
        // Distinct texts give distinct vectors, so the comparison above would catch a shuffled order.
        expect(maxDifference(batched[0]!, batched[1]!)).toBeGreaterThan(1e-3);
    });

    it("is deterministic across calls", async () => {
        const first = await embedder.embedDocuments(TEXTS);
        const second = await embedder.embedDocuments([...TEXTS]);
        first.forEach((vector, index) => expect(Array.from(vector)).toEqual(Array.from(second[index]!)));
        expect(Array.from(await embedder.embedQuery("tax"))).toEqual(Array.from(await embedder.embedQuery("tax")));
    });

    it("truncates long text and returns [] for no input", async () => {
        const long = "income ".repeat(5000);
        const [vector] = await embedder.embedDocuments([long]);
        expect(norm(vector!)).toBeCloseTo(1, 5);
        // Anything past the limit is cut, so a longer tail changes nothing.
        const [longer] = await embedder.embedDocuments([long + "completely different ending ".repeat(100)]);
        expect(maxDifference(vector!, longer!)).toBeLessThan(1e-6);
        expect(await embedder.embedDocuments([])).toEqual([]);
    });

    it("changes the fingerprint when the model changes", async () => {
        const copy = path.join(makeTempDir("embedder-copy"), "model");
        fs.cpSync(modelDir, copy, { recursive: true });
        const config = JSON.parse(fs.readFileSync(path.join(copy, "config.json"), "utf8")) as Record<string, unknown>;
        fs.writeFileSync(path.join(copy, "config.json"), JSON.stringify({ ...config, layer_norm_eps: 1e-6 }));
        const changed = await TransformersEmbedder.load(copy, { dtype: "fp32" });
        expect(changed.identity.fingerprint).not.toBe(embedder.identity.fingerprint);
        await changed.dispose();
    });

    it("names the folder when it is not a model", async () => {
        const empty = makeTempDir("not-a-model");
        await expect(TransformersEmbedder.load(empty)).rejects.toThrow(EnclaveError);
        await expect(TransformersEmbedder.load(empty)).rejects.toThrow(empty);
        const noOnnx = makeTempDir("no-onnx");
        fs.copyFileSync(path.join(modelDir, "config.json"), path.join(noOnnx, "config.json"));
        fs.copyFileSync(path.join(modelDir, "tokenizer.json"), path.join(noOnnx, "tokenizer.json"));
        await expect(TransformersEmbedder.load(noOnnx)).rejects.toThrow(/onnx\/model\.onnx/);
    });

    it("never touches the network", async () => {
        const realFetch = globalThis.fetch;
        const requested: string[] = [];
        globalThis.fetch = (input, init) => {
            requested.push(String(input));
            return realFetch(input, init);
        };
        try {
            const local = await TransformersEmbedder.load(modelDir);
            await local.embedQuery("offline");
            await local.dispose();
        } finally {
            globalThis.fetch = realFetch;
        }
        expect(requested).toEqual([]);
        expect(env.allowRemoteModels).toBe(false);
        expect(env.allowLocalModels).toBe(true);
    });

    it("detects the folder kind and the prompt prefixes", () => {
        expect(detectModelFolderKind(modelDir)).toBe("embedder");
        expect(detectModelFolderKind(makeTempDir("empty"))).toBeNull();
        expect(promptPrefixes("/m/multilingual-e5-small", {})).toEqual({ query: "query: ", passage: "passage: " });
        expect(promptPrefixes("/m/bge-small-en-v1.5", {}).query).toMatch(/^Represent this sentence/);
        expect(promptPrefixes("/m/bge-m3", {})).toEqual({ query: "", passage: "" });
        expect(promptPrefixes("/m/all-MiniLM-L6-v2", {})).toEqual({ query: "", passage: "" });
    });
});

describe("EmbedderWorker", () => {
    let modelDir: string;
    let inProcess: TransformersEmbedder;
    let worker: EmbedderWorker;

    beforeAll(async () => {
        modelDir = await ensureRandomBert(SMALL_BERT);
        [inProcess, worker] = await Promise.all([TransformersEmbedder.load(modelDir), EmbedderWorker.start(modelDir)]);
    });
    afterAll(async () => {
        await worker?.dispose();
        await inProcess?.dispose();
    });

    it("gives the same identity and vectors as the in-process embedder", async () => {
        expect(worker.identity).toEqual(inProcess.identity);
        const [fromWorker, local] = await Promise.all([worker.embedDocuments(TEXTS), inProcess.embedDocuments(TEXTS)]);
        expect(fromWorker.every((vector) => vector instanceof Float32Array)).toBe(true);
        fromWorker.forEach((vector, index) => expect(Array.from(vector)).toEqual(Array.from(local[index]!)));
        expect(Array.from(await worker.embedQuery("tax"))).toEqual(Array.from(await inProcess.embedQuery("tax")));
        expect(await worker.embedDocuments([])).toEqual([]);
    });

    it("keeps the caller's event loop running while it embeds", async () => {
        let ticks = 0;
        const timer = setInterval(() => ticks++, 5);
        const started = Date.now();
        const vectors = await worker.embedDocuments(Array.from({ length: 400 }, (_, i) => `${TEXTS[i % TEXTS.length]} ${"word ".repeat(100)} ${i}`));
        clearInterval(timer);
        const elapsed = Date.now() - started;
        expect(vectors).toHaveLength(400);
        expect(elapsed).toBeGreaterThan(100);
        // A blocked loop would tick at most once; a free one about elapsed/5 times.
        expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
    });

    it("rejects with the worker's message when the model cannot load", async () => {
        const empty = makeTempDir("worker-not-a-model");
        await expect(EmbedderWorker.start(empty)).rejects.toThrow(`${empty} is not a model folder`);
    });

    it("refuses calls after dispose", async () => {
        const shortLived = await EmbedderWorker.start(modelDir);
        await shortLived.dispose();
        await expect(shortLived.embedQuery("late")).rejects.toThrow(EnclaveError);
    });
});
