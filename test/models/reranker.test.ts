import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrossEncoderReranker } from "../../src/core/embed/CrossEncoderReranker.js";
import { LlamaRanker } from "../../src/core/embed/LlamaRanker.js";
import { detectModelFolderKind } from "../../src/core/embed/modelFolder.js";
import { EnclaveError } from "../../src/core/errors.js";
import { makeTempDir, STORIES_GGUF } from "../helpers/assets.js";
import { ensureRandomCrossEncoder } from "../helpers/genCrossEncoder.js";

const QUERY = "How do I deduct medical expenses?";
const PASSAGES = [
    "Medical and dental expenses are deductible on Schedule A when they exceed 7.5% of adjusted gross income.",
    "The standard mileage rate changes every year.",
    "Short.",
    "Estimated tax payments are due quarterly for self-employed taxpayers who expect to owe more than $1,000.",
];

describe("CrossEncoderReranker", () => {
    let modelDir: string;
    let reranker: CrossEncoderReranker;

    beforeAll(async () => {
        modelDir = await ensureRandomCrossEncoder();
        // fp32: int8 activations are quantized per batch, so only fp32 scores are exactly batch-independent.
        reranker = await CrossEncoderReranker.load(modelDir, { batchSize: 3, dtype: "fp32" });
    });
    afterAll(async () => reranker?.dispose());

    it("is detected as a reranker folder and named after it", () => {
        expect(detectModelFolderKind(modelDir)).toBe("reranker");
        expect(reranker.id).toBe(path.basename(modelDir));
    });

    it("scores every passage in order, the same batched or one by one, deterministically", async () => {
        const scores = await reranker.score(QUERY, PASSAGES);
        expect(scores).toHaveLength(PASSAGES.length);
        expect(new Set(scores).size).toBe(PASSAGES.length);
        for (const [index, passage] of PASSAGES.entries()) {
            const [single] = await reranker.score(QUERY, [passage]);
            expect(Math.abs(single! - scores[index]!)).toBeLessThan(1e-5);
        }
        expect(await reranker.score(QUERY, PASSAGES)).toEqual(scores);
    });

    it("truncates long passages and handles no passages", async () => {
        const [score] = await reranker.score(QUERY, ["deduction ".repeat(3000)]);
        expect(Number.isFinite(score)).toBe(true);
        expect(await reranker.score(QUERY, [])).toEqual([]);
    });

    it("maps logits through a sigmoid when asked", async () => {
        const withSigmoid = await CrossEncoderReranker.load(modelDir, { sigmoid: true, dtype: "fp32" });
        const logits = await reranker.score(QUERY, PASSAGES);
        const probabilities = await withSigmoid.score(QUERY, PASSAGES);
        probabilities.forEach((probability, index) => expect(probability).toBeCloseTo(1 / (1 + Math.exp(-logits[index]!)), 6));
        await withSigmoid.dispose();
    });

    it("names the folder when it is not a model", async () => {
        const empty = makeTempDir("not-a-reranker");
        await expect(CrossEncoderReranker.load(empty)).rejects.toThrow(EnclaveError);
        await expect(CrossEncoderReranker.load(empty)).rejects.toThrow(empty);
    });
});

describe("LlamaRanker", () => {
    // No reranker GGUF exists offline; a chat model lacks the classification head llama.cpp ranks with.
    it("refuses a GGUF without a ranking head with a clear error", async () => {
        const attempt = LlamaRanker.load(STORIES_GGUF);
        await expect(attempt).rejects.toThrow(EnclaveError);
        await expect(attempt).rejects.toThrow(/cannot be used as a reranker/);
    });
});
