import type { AnswerResult, SearchHit } from "../types.js";
import type { ChatModel } from "./ChatModel.js";
import { checkCitations, isNotFoundAnswer, NOT_FOUND_ANSWER, toCitation } from "./citations.js";
import { answerExtractively } from "./extractive.js";
import { buildGroundedPrompt } from "./prompt.js";
import { answerSupport, MIN_ANSWER_SUPPORT } from "./terms.js";

/** Notice on an answer whose generation was cancelled. */
export const STOPPED_NOTICE = "Stopped: generation was cancelled, the answer may be incomplete.";
/** Notice when the model answered with words its sources do not contain. */
export const UNGROUNDED_NOTICE = "The model's answer was not supported by the retrieved passages, so it was withheld.";
/** Notice when the context window cannot hold a single passage next to the answer. */
export const CONTEXT_TOO_SMALL_NOTICE = "The chat model's context window is too small for any passage; answered extractively.";

export interface AnswerOptions {
    signal?: AbortSignal;
    /** Called with each piece of the answer as it is generated. */
    onToken?: (text: string) => void;
    /** Default: 0.1 */
    temperature?: number;
    /** Default: 256 */
    maxTokens?: number;
    /** Earlier questions and answers of the conversation, oldest first. Default: none */
    history?: Array<{ question: string; answer: string }>;
    /** Time the caller spent retrieving `hits`, reported in the timings. Default: 0 */
    retrievalMs?: number;
}

/** Answers a question from retrieved passages: with the chat model when there is one, else extractively. */
export class Answerer {
    readonly #chatModel: ChatModel | null;

    constructor(chatModel: ChatModel | null) {
        this.#chatModel = chatModel;
    }

    async answer(question: string, hits: SearchHit[], options: AnswerOptions = {}): Promise<AnswerResult> {
        const { retrievalMs = 0 } = options;
        const started = performance.now();
        if (this.#chatModel !== null && hits.length > 0) return this.#generate(this.#chatModel, question, hits, options, started);
        // Without hits there is nothing to ground an answer in, so the model is not asked either.
        return extractiveAnswer(question, hits, retrievalMs, started, []);
    }

    async #generate(
        chatModel: ChatModel,
        question: string,
        hits: SearchHit[],
        options: AnswerOptions,
        started: number,
    ): Promise<AnswerResult> {
        const { signal, onToken, temperature = 0.1, maxTokens = 256, history = [], retrievalMs = 0 } = options;
        const prompt = buildGroundedPrompt(question, hits, {
            contextSize: chatModel.contextSize,
            // Long answers are rare; when one outgrows this, node-llama-cpp shifts the context instead of failing.
            answerTokens: Math.min(maxTokens, Math.floor(chatModel.contextSize / 4)),
            countTokens: (text) => chatModel.tokenCount(text),
            history: history.map(({ question, answer }) => ({ user: question, model: answer })),
        });
        if (prompt.sources.length === 0) return extractiveAnswer(question, hits, retrievalMs, started, [CONTEXT_TOO_SMALL_NOTICE]);
        const generated = await chatModel.generate(prompt, { maxTokens, temperature, signal, onToken });
        const text = generated.text.trim();
        const stopped = generated.stopReason === "aborted";
        // Cancelled before the first token: nothing was said, neither an answer nor "not found".
        const saysNotFound = isNotFoundAnswer(text) && !(stopped && text === "");
        // A partial answer is too short to judge; a complete one must be built from its sources' words.
        const ungrounded = !saysNotFound && !stopped && answerSupport(text, prompt.sources) < MIN_ANSWER_SUPPORT;
        const notFound = saysNotFound || ungrounded;
        const found = !notFound && text !== "";
        const { citations, invalidCitations } = found ? checkCitations(text, prompt.sources) : { citations: [], invalidCitations: [] };
        const decodeMs = generated.firstTokenMs === null ? 0 : generated.totalMs - generated.firstTokenMs;
        return {
            answer: notFound ? NOT_FOUND_ANSWER : text,
            found,
            citations,
            sources: prompt.sources,
            model: chatModel.name,
            mode: "generative",
            flags: { uncited: found && citations.length === 0, invalidCitations },
            notices: [...(stopped ? [STOPPED_NOTICE] : []), ...(ungrounded ? [UNGROUNDED_NOTICE] : [])],
            timings: {
                retrievalMs,
                firstTokenMs: generated.firstTokenMs ?? undefined,
                generationMs: generated.totalMs,
                totalMs: retrievalMs + performance.now() - started,
                tokens: generated.tokens,
                // Decoding speed after the first token; prompt evaluation is what firstTokenMs measures.
                tokensPerSecond: generated.tokens > 1 && decodeMs > 0 ? ((generated.tokens - 1) * 1000) / decodeMs : undefined,
            },
        };
    }
}

function extractiveAnswer(question: string, hits: SearchHit[], retrievalMs: number, started: number, notices: string[]): AnswerResult {
    const result = answerExtractively(question, hits);
    result.notices.push(...notices);
    result.timings = { retrievalMs, totalMs: retrievalMs + performance.now() - started };
    return result;
}
