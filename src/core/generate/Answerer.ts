import type { AnswerResult, SearchHit } from "../types.js";
import type { ChatModel } from "./ChatModel.js";
import { CitedStream } from "./CitedStream.js";
import { checkCitations, isNotFoundAnswer, NOT_FOUND_ANSWER, toCitation } from "./citations.js";
import { answerExtractively } from "./extractive.js";
import { buildGroundedPrompt, PROMPT_ECHO_TRIGGERS } from "./prompt.js";
import { answerSupport, MIN_ANSWER_SUPPORT } from "./terms.js";

/** Notice on an answer whose generation was cancelled. */
export const STOPPED_NOTICE = "Stopped: generation was cancelled, the answer may be incomplete.";
/** Notice when the model answered with words its sources do not contain. */
export const UNGROUNDED_NOTICE = "The model's answer was not supported by the retrieved passages, so it was withheld.";
/** Notice when citation markers were added by matching the answer's sentences to the sources. */
export const ATTRIBUTED_NOTICE = "Citations marked after generation: each uncited sentence was matched to the source holding most of its words.";
/** Notice when sentences were left out of the answer because no source supports them. */
export const OMITTED_NOTICE = "Sentences of the model's answer that no source supports were left out.";
/** Notice when the context window cannot hold a single passage next to the answer. */
export const CONTEXT_TOO_SMALL_NOTICE = "The chat model's context window is too small for any passage; answered extractively.";

export interface AnswerOptions {
    signal?: AbortSignal;
    /** Called with each piece of the answer as it is generated. */
    onToken?: (text: string) => void;
    /** Default: 0.1 */
    temperature?: number;
    /** Default: 160 */
    maxTokens?: number;
    /** Earlier questions and answers of the conversation, oldest first. Default: none */
    history?: Array<{ question: string; answer: string }>;
    /** Time the caller spent retrieving `hits`, reported in the timings. Default: 0 */
    retrievalMs?: number;
    /**
     * Generation ends after this many sentences: the prompt asks for one or two, small models go on. Default: 1
     * (TinyLlama on SQuAD 2.0: later sentences drift from the question; see the README's answer figures)
     */
    maxSentences?: number;
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
        const { signal, onToken, temperature = 0.1, maxTokens = 160, history = [], retrievalMs = 0, maxSentences = 1 } = options;
        const prompt = buildGroundedPrompt(question, hits, {
            contextSize: chatModel.contextSize,
            // Long answers are rare; when one outgrows this, node-llama-cpp shifts the context instead of failing.
            answerTokens: Math.min(maxTokens, Math.floor(chatModel.contextSize / 4)),
            countTokens: (text) => chatModel.tokenCount(text),
            history: history.map(({ question, answer }) => ({ user: question, model: answer })),
        });
        if (prompt.sources.length === 0) return extractiveAnswer(question, hits, retrievalMs, started, [CONTEXT_TOO_SMALL_NOTICE]);
        const stream = new CitedStream(prompt.sources, onToken);
        const enough = new AbortController();
        const generated = await chatModel.generate(prompt, {
            maxTokens,
            temperature,
            signal: signal ? AbortSignal.any([signal, enough.signal]) : enough.signal,
            onToken: (token) => {
                stream.push(token);
                if (stream.sentences >= maxSentences) enough.abort();
            },
            stopTriggers: PROMPT_ECHO_TRIGGERS,
        });
        const cited = stream.finish({ dropIncomplete: enough.signal.aborted }).trim();
        const text = enough.signal.aborted ? cited : generated.text.trim();
        // Only a stop asked for by the caller counts as "stopped"; reaching maxSentences is a normal end.
        const stopped = generated.stopReason === "aborted" && !enough.signal.aborted;
        // Cancelled before the first token: nothing was said, neither an answer nor "not found".
        const saysNotFound = isNotFoundAnswer(text) && !(stopped && text === "");
        // A partial answer is too short to judge; a complete one must be built from its sources' words.
        const ungrounded = !saysNotFound && !stopped && answerSupport(text, prompt.sources) < MIN_ANSWER_SUPPORT;
        const notFound = saysNotFound || ungrounded;
        const answered = !notFound && text !== "";
        const { citations, invalidCitations } = answered ? checkCitations(cited, prompt.sources) : { citations: [], invalidCitations: [] };
        // A complete answer no sentence of which any source supports is withheld: it cannot be checked.
        const uncited = answered && citations.length === 0;
        const withheld = uncited && !stopped;
        const found = answered && !withheld;
        const decodeMs = generated.firstTokenMs === null ? 0 : generated.totalMs - generated.firstTokenMs;
        return {
            answer: notFound || withheld ? NOT_FOUND_ANSWER : cited,
            found,
            citations: found ? citations : [],
            sources: prompt.sources,
            model: chatModel.name,
            mode: "generative",
            flags: { uncited, invalidCitations, stopped },
            notices: [
                ...(stopped ? [STOPPED_NOTICE] : []),
                ...(ungrounded || withheld ? [UNGROUNDED_NOTICE] : []),
                ...(found && stream.added.length > 0 ? [ATTRIBUTED_NOTICE] : []),
                ...(found && stream.omitted > 0 ? [OMITTED_NOTICE] : []),
            ],
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
