/**
 * The real node-llama-cpp path (load, tokenize, stream, cancel, LoRA, dispose) on the toy stories260K model:
 * it writes children's stories, not answers, so only mechanics are tested here.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Answerer, STOPPED_NOTICE } from "../../src/core/generate/Answerer.js";
import { ChatModel, type ChatPrompt } from "../../src/core/generate/ChatModel.js";
import { EnclaveError } from "../../src/core/errors.js";
import type { SearchHit } from "../../src/core/types.js";
import { makeTempDir, STORIES_GGUF } from "../helpers/assets.js";

const PROMPT: ChatPrompt = { system: "Tell a story.", user: "Once upon a time there was a little dog" };

describe("ChatModel on stories260K", () => {
    let model: ChatModel;

    beforeAll(async () => {
        model = await ChatModel.load(STORIES_GGUF, { contextSize: 512 });
    });

    afterAll(async () => {
        await model.dispose();
    });

    it("loads with the requested context and tokenizes with the model's vocabulary", () => {
        expect(model.name).toBe("stories260K.gguf");
        expect(model.contextSize).toBe(512);
        const short = model.tokenCount("Once upon a time");
        expect(short).toBeGreaterThan(2);
        expect(model.tokenCount("Once upon a time there was a little dog who liked to play")).toBeGreaterThan(short);
        expect(model.tokenCount("")).toBe(0);
    });

    it("streams tokens whose concatenation is the final text", async () => {
        const chunks: string[] = [];
        const result = await model.generate(PROMPT, { maxTokens: 40, temperature: 0, onToken: (text) => chunks.push(text) });
        expect(chunks.length).toBeGreaterThan(5);
        expect(chunks.join("")).toBe(result.text);
        expect(result.text.trim().length).toBeGreaterThan(10);
        expect(result.tokens).toBeGreaterThan(5);
        expect(result.tokens).toBeLessThanOrEqual(40);
        expect(["done", "maxTokens"]).toContain(result.stopReason);
        expect(result.firstTokenMs).toBeGreaterThan(0);
        expect(result.totalMs).toBeGreaterThanOrEqual(result.firstTokenMs ?? 0);
    });

    it("reads how likely the reply starts with each choice, normalised over the choices, and leaves the model usable", async () => {
        const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
        const two = await model.replyProbabilities(PROMPT, ["Once", "The"]);
        expect(two).toHaveLength(2);
        expect(total(two)).toBeCloseTo(1, 6);
        expect(two.every((probability) => probability > 0 && probability < 1)).toBe(true);
        // Asked again (the prompt is already in the context) and with a third choice: the same odds between the two.
        const again = await model.replyProbabilities(PROMPT, ["Once", "The"]);
        expect(again[0]).toBeCloseTo(two[0]!, 4);
        const three = await model.replyProbabilities(PROMPT, ["Once", "The", "Lily"]);
        expect(total(three)).toBeCloseTo(1, 6);
        expect(three[0]! / three[1]!).toBeCloseTo(two[0]! / two[1]!, 3);
        const result = await model.generate(PROMPT, { maxTokens: 10, temperature: 0 });
        expect(result.tokens).toBeGreaterThan(0);
    });

    it("stops quickly when aborted mid-generation and returns the partial text", async () => {
        const controller = new AbortController();
        const chunks: string[] = [];
        const started = performance.now();
        const result = await model.generate(PROMPT, {
            maxTokens: 450,
            temperature: 0,
            signal: controller.signal,
            onToken: (text) => {
                chunks.push(text);
                if (chunks.length === 5) controller.abort();
            },
        });
        expect(result.stopReason).toBe("aborted");
        expect(result.tokens).toBeGreaterThanOrEqual(5);
        expect(result.tokens).toBeLessThan(20);
        expect(result.text).toBe(chunks.join(""));
        expect(performance.now() - started).toBeLessThan(5_000);
    });

    it("returns at once, empty, for a signal aborted before the call", async () => {
        const result = await model.generate(PROMPT, { signal: AbortSignal.abort() });
        expect(result).toMatchObject({ text: "", stopReason: "aborted", tokens: 0, firstTokenMs: null });
    });

    it("answers through Answerer, and a cancelled answer is flagged as stopped", async () => {
        const hit: SearchHit = {
            chunkId: "story:0",
            docId: "story",
            path: "/docs/story.txt",
            fileType: "txt",
            title: null,
            text: "Lily had a red ball. She played with her dog in the park.",
            pageStart: 1,
            pageEnd: 1,
            headingPath: [],
            charStart: 0,
            charEnd: 57,
            score: 1,
            scores: {},
            ranks: {},
        };
        // Cancelled before the first token (a mid-answer cancel is in tinyllama.test.ts: this toy model's
        // sentences rarely survive the grounding filter, so none may ever stream).
        const result = await new Answerer(model).answer("What did Lily play with?", [hit], {
            signal: AbortSignal.abort(),
            retrievalMs: 12,
            onToken: () => expect.unreachable(),
        });
        expect(result.notices).toContain(STOPPED_NOTICE);
        expect(result.flags.stopped).toBe(true);
        expect(result).toMatchObject({ found: false, mode: "generative", model: "stories260K.gguf", citations: [] });
        expect(result.sources.map((source) => source.chunkId)).toEqual(["story:0"]);
        expect(result.timings.retrievalMs).toBe(12);
        expect(result.timings.totalMs).toBeGreaterThan(12);
        expect(result.timings.tokens).toBe(0);
    });

    it("does not call the model without hits", async () => {
        const result = await new Answerer(model).answer("Anything?", [], { onToken: () => expect.unreachable() });
        expect(result).toMatchObject({ found: false, sources: [], citations: [] });
    });

    it("serialises concurrent prompts on its single sequence", async () => {
        const [first, second] = await Promise.all([
            model.generate(PROMPT, { maxTokens: 12, temperature: 0 }),
            model.generate(PROMPT, { maxTokens: 12, temperature: 0 }),
        ]);
        expect(second.text).toBe(first.text);
    });
});

describe("ChatModel load errors and disposal", () => {
    const dir = makeTempDir("chatmodel");

    it("names the file that is missing, not a GGUF, or truncated", async () => {
        const missing = path.join(dir, "missing.gguf");
        const notGguf = path.join(dir, "notes.gguf");
        const truncated = path.join(dir, "truncated.gguf");
        fs.writeFileSync(notGguf, "these are notes, not a model");
        fs.writeFileSync(truncated, fs.readFileSync(STORIES_GGUF).subarray(0, 600_000));

        await expect(ChatModel.load(missing)).rejects.toMatchObject({ code: "MODEL_NOT_FOUND", message: expect.stringContaining(missing) });
        await expect(ChatModel.load(notGguf)).rejects.toMatchObject({ code: "MODEL_INVALID", message: expect.stringContaining(notGguf) });
        const error = await ChatModel.load(truncated).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(EnclaveError);
        expect(error).toMatchObject({ code: "MODEL_LOAD_FAILED", message: expect.stringContaining(truncated) });
        expect((error as Error).message).toMatch(/corrupted or incomplete|file bounds/);
    });

    it("rejects generation after dispose", async () => {
        const model = await ChatModel.load(STORIES_GGUF, { contextSize: 256 });
        await model.dispose();
        await expect(model.generate(PROMPT, { maxTokens: 4 })).rejects.toBeInstanceOf(Error);
    });
});

describe("ChatModel with a LoRA adapter", () => {
    const dir = makeTempDir("lora");

    it("changes what the model generates, and a zero adapter changes nothing", async () => {
        const strong = path.join(dir, "strong.gguf");
        const zero = path.join(dir, "zero.gguf");
        writeStoriesLora(strong, 0.8);
        writeStoriesLora(zero, 0);
        const generate = async (lora?: string) => {
            const model = await ChatModel.load(STORIES_GGUF, { contextSize: 256, ...(lora && { lora: { filePath: lora } }) });
            try {
                return (await model.generate(PROMPT, { maxTokens: 24, temperature: 0 })).text;
            } finally {
                await model.dispose();
            }
        };
        const base = await generate();
        expect(await generate(zero)).toBe(base);
        expect(await generate(strong)).not.toBe(base);
    });

    it("names the adapter file when it cannot be applied", async () => {
        const broken = path.join(dir, "broken.gguf");
        fs.writeFileSync(broken, "not an adapter");
        await expect(ChatModel.load(STORIES_GGUF, { contextSize: 256, lora: { filePath: broken } })).rejects.toMatchObject({
            code: "MODEL_CONTEXT_FAILED",
            message: expect.stringContaining(broken),
        });
    });
});

/**
 * Writes a rank-4 LoRA adapter GGUF (llama.cpp's format: general.type "adapter", tensors `<name>.lora_a`
 * [in, rank] and `<name>.lora_b` [rank, out]) on the attention output of each of stories260K's 5 layers.
 */
function writeStoriesLora(filePath: string, weight: number): void {
    const rank = 4;
    const embedding = 64;
    const tensors = Array.from({ length: 5 }, (_, layer) => [
        { name: `blk.${layer}.attn_output.weight.lora_a`, dims: [embedding, rank] },
        { name: `blk.${layer}.attn_output.weight.lora_b`, dims: [rank, embedding] },
    ]).flat();
    const parts: Buffer[] = [];
    const u32 = (value: number) => parts.push(Buffer.from(new Uint32Array([value]).buffer));
    const u64 = (value: number) => parts.push(Buffer.from(new BigUint64Array([BigInt(value)]).buffer));
    const text = (value: string) => (u64(Buffer.byteLength(value)), parts.push(Buffer.from(value)));
    const metadata: Array<[string, string | number]> = [
        ["general.architecture", "llama"],
        ["general.type", "adapter"],
        ["adapter.type", "lora"],
        ["adapter.lora.alpha", rank],
    ];
    parts.push(Buffer.from("GGUF"));
    u32(3);
    u64(tensors.length);
    u64(metadata.length);
    for (const [key, value] of metadata) {
        text(key);
        if (typeof value === "string") (u32(8), text(value));
        else (u32(6), parts.push(Buffer.from(new Float32Array([value]).buffer)));
    }
    let offset = 0;
    for (const tensor of tensors) {
        text(tensor.name);
        u32(tensor.dims.length);
        tensor.dims.forEach(u64);
        u32(0); // F32
        u64(offset);
        offset += tensor.dims[0]! * tensor.dims[1]! * 4; // 64 * 4 floats: always 32-byte aligned
    }
    const headerSize = parts.reduce((sum, part) => sum + part.length, 0);
    parts.push(Buffer.alloc((32 - (headerSize % 32)) % 32));
    for (const tensor of tensors) {
        // Alternating signs make every LoRA product non-zero for weight > 0.
        const values = Float32Array.from({ length: tensor.dims[0]! * tensor.dims[1]! }, (_, index) => (index % 3 === 0 ? -weight : weight));
        parts.push(Buffer.from(values.buffer));
    }
    fs.writeFileSync(filePath, Buffer.concat(parts));
}
