/**
 * Answer generation against node-llama-cpp's bare LlamaCompletion on the same prompt: time to first token and
 * tokens/s of the Answerer (grounded prompt, chat template, cited streaming) and of a plain completion of the
 * identical templated text, alternating so that CPU contention hits both alike.
 */
import { LlamaCompletion, resolveChatWrapper } from "node-llama-cpp";
import type { ChatModel } from "../src/core/generate/ChatModel.js";
import { toChatHistory } from "../src/core/generate/ChatModel.js";
import { Answerer } from "../src/core/generate/Answerer.js";
import { buildGroundedPrompt } from "../src/core/generate/prompt.js";
import { sharedLlama } from "../src/core/generate/sharedLlama.js";
import { cpuThreads } from "../src/core/system/hardware.js";
import type { SearchHit } from "../src/core/types.js";
import { percentile } from "./stats.js";

export interface GenerationTiming {
    firstTokenMs: number;
    tokensPerSecond: number;
}

/**
 * Medians over `cases` (one question each, so that neither side reuses the other run's evaluated prompt).
 */
export async function compareWithBareCompletion(
    chatModel: ChatModel,
    modelPath: string,
    cases: Array<{ question: string; hits: SearchHit[] }>,
    maxTokens = 96,
): Promise<{ enclave: GenerationTiming; bare: GenerationTiming }> {
    const llama = await sharedLlama();
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize: chatModel.contextSize, threads: cpuThreads() });
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    const chatWrapper = resolveChatWrapper(model);
    const ours: GenerationTiming[] = [];
    const bare: GenerationTiming[] = [];
    try {
        for (const { question, hits } of cases) {
            // The same arguments the Answerer passes, so both sides read the identical prompt.
            const prompt = buildGroundedPrompt(question, hits, {
                contextSize: chatModel.contextSize,
                answerTokens: Math.min(maxTokens, Math.floor(chatModel.contextSize / 4)),
                countTokens: (text) => chatModel.tokenCount(text),
            });
            const text = chatWrapper.generateContextState({ chatHistory: toChatHistory(prompt) }).contextText;
            const answer = await new Answerer(chatModel).answer(question, hits, { maxTokens });
            ours.push({ firstTokenMs: answer.timings.firstTokenMs ?? NaN, tokensPerSecond: answer.timings.tokensPerSecond ?? NaN });
            const started = performance.now();
            let firstAt: number | null = null;
            let tokens = 0;
            // The Answerer stops after its last useful sentence; the bare completion gets as many tokens.
            await completion.generateCompletion(text, {
                maxTokens: answer.timings.tokens ?? maxTokens,
                temperature: 0.1,
                onToken: (generated) => {
                    firstAt ??= performance.now();
                    tokens += generated.length;
                },
            });
            const end = performance.now();
            bare.push({
                firstTokenMs: (firstAt ?? end) - started,
                tokensPerSecond: firstAt !== null && tokens > 1 ? ((tokens - 1) * 1000) / (end - firstAt) : NaN,
            });
        }
    } finally {
        completion.dispose();
        await context.dispose();
        await model.dispose();
    }
    return { enclave: median(ours), bare: median(bare) };
}

function median(timings: GenerationTiming[]): GenerationTiming {
    return {
        firstTokenMs: percentile(timings.map((timing) => timing.firstTokenMs), 50),
        tokensPerSecond: percentile(timings.map((timing) => timing.tokensPerSecond), 50),
    };
}
