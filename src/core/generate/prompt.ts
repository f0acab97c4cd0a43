import path from "node:path";
import { hasCjk } from "../text/cjk.js";
import { estimateTokens } from "../text/tokens.js";
import type { Citation, SearchHit } from "../types.js";
import type { ChatExchange, ChatPrompt } from "./ChatModel.js";
import { NOT_FOUND_REPLY, toCitation } from "./citations.js";
import { focusPassage } from "./focus.js";

export interface GroundedPromptOptions {
    /** Context window of the model in tokens. */
    contextSize: number;
    /** Tokens kept free for the answer. Default: 256 */
    answerTokens?: number;
    /** Counts tokens, ideally with the model's tokenizer. Default: estimateTokens */
    countTokens?: (text: string) => number;
    /** Earlier exchanges of the conversation, oldest first. Default: none */
    history?: ChatExchange[];
    /** Longest excerpt of one source, cut to its sentences that best match the question. Default: 160 */
    sourceTokens?: number;
}

export interface GroundedPrompt extends ChatPrompt {
    /** The sources in the prompt, sorted by their shown number [n]. */
    sources: Citation[];
    /** The sources as the prompt shows them, numbered, with their file, pages and section. */
    sourcesText: string;
}

/** Chat templates wrap each message in role markers; this covers them for every model we know. */
const TEMPLATE_TOKENS_PER_MESSAGE = 12;
/** A source trimmed below this carries too little text to answer from; it is dropped instead. */
const MIN_SOURCE_TOKENS = 48;

// Measured on TinyLlama 1.1B (IQ2_XXS) with real IRS passages: rules in the system message alone are ignored;
// a message that opens with "Sources:" gets echoed back; worked examples as earlier turns are echoed too.
// Asking the question first and again after the rules, ending on "Answer:", gave the most on-topic replies.
const SYSTEM_PROMPT = "You answer questions using only the numbered sources the user gives you.";

// Measured on TinyLlama: left to start on its own it answered 1 in 3 IRS questions by echoing "Sources:" and
// quoting; made to start with this phrase, it writes the answer as prose.
export const ANSWER_PREFIX = "According to the sources,";

const RULES = [
    "Rules:",
    "- Use only the sources above. They override anything you already know.",
    "- Cite the number of the source after each fact, like [1].",
    `- If the sources do not answer the question, reply exactly: ${NOT_FOUND_REPLY}`,
    "- Answer in one or two short sentences.",
].join("\n");

/**
 * Where a small model starts repeating the prompt instead of answering (measured on TinyLlama: it goes on to
 * list the sources or write the next question); generation stops there.
 */
export const PROMPT_ECHO_TRIGGERS = ["Sources:", "sources include", "Rules:", "\n- Use only", "Question:", "\n[1] (", "\n1. ("];

/**
 * Builds the grounded prompt for `question`. `hits` are ranked best first; the best of them are placed at
 * the start and the end of the source list, where small models attend most ("lost in the middle"), and
 * numbered in the order shown. Sources that do not fit the context are dropped, weakest first.
 */
export function buildGroundedPrompt(question: string, hits: SearchHit[], options: GroundedPromptOptions): GroundedPrompt {
    const { contextSize, answerTokens = 256, countTokens = estimateTokens, history = [], sourceTokens = 160 } = options;
    const fixedTokens =
        countTokens(SYSTEM_PROMPT) +
        countTokens(userMessage("", question)) +
        history.reduce((sum, exchange) => sum + countTokens(exchange.user) + countTokens(exchange.model), 0) +
        TEMPLATE_TOKENS_PER_MESSAGE * (2 + 2 * history.length);
    const focused = hits.map((hit) => ({ hit, text: focusPassage(hit.text, question, sourceTokens) }));
    const fitted = fitToBudget(focused, contextSize - answerTokens - fixedTokens, countTokens);
    const ordered = orderAgainstLostInTheMiddle(fitted);
    const sourcesText = ordered.map(({ hit, text }, index) => formatSource(index + 1, hit, text)).join("\n\n");
    return {
        system: SYSTEM_PROMPT,
        history,
        // An English lead-in would push a Japanese or Chinese answer into English.
        responsePrefix: hasCjk(question) ? undefined : ANSWER_PREFIX,
        user: userMessage(sourcesText, question),
        sources: ordered.map(({ hit, text }, index) => toCitation(hit, index + 1, text)),
        sourcesText,
    };
}

/** Best first in, then alternately at the end and the front: ranks 1,3,5,…,6,4,2. */
export function orderAgainstLostInTheMiddle<T>(ranked: T[]): T[] {
    const front: T[] = [];
    const back: T[] = [];
    ranked.forEach((item, rank) => (rank % 2 === 0 ? front.push(item) : back.unshift(item)));
    return [...front, ...back];
}

function userMessage(sourcesText: string, question: string): string {
    return `${questionAndSources(question, sourcesText)}\n\n${RULES}\n\nQuestion: ${question}\nAnswer:`;
}

/** How the user message opens: the question, then the numbered sources. */
export function questionAndSources(question: string, sourcesText: string): string {
    return `Question: ${question}\n\nSources:\n\n${sourcesText}`;
}

function formatSource(n: number, hit: SearchHit, text: string): string {
    const pages = hit.pageEnd > hit.pageStart ? `pages ${hit.pageStart}-${hit.pageEnd}` : `page ${hit.pageStart}`;
    const section = hit.headingPath.length > 0 ? `, section: ${hit.headingPath.join(" > ")}` : "";
    return `[${n}] (${path.basename(hit.path)}, ${pages}${section})\n${text.trim()}`;
}

/** Takes hits best first while they fit `budget` tokens; the first that does not fit is trimmed to the rest. */
function fitToBudget(
    sources: Array<{ hit: SearchHit; text: string }>,
    budget: number,
    countTokens: (text: string) => number,
): Array<{ hit: SearchHit; text: string }> {
    const fitted: Array<{ hit: SearchHit; text: string }> = [];
    let remaining = budget;
    for (const { hit, text } of sources) {
        // The number, file name and page line of each source, and the blank line between sources.
        const headerTokens = countTokens(formatSource(fitted.length + 1, hit, "")) + 2;
        const available = remaining - headerTokens;
        const tokens = countTokens(text);
        if (tokens <= available) {
            fitted.push({ hit, text });
            remaining -= headerTokens + tokens;
            continue;
        }
        if (available >= MIN_SOURCE_TOKENS) fitted.push({ hit, text: trimToTokens(text, available, countTokens) });
        break;
    }
    return fitted;
}

/** Cuts `text` at a word boundary so that it and the ellipsis fit `maxTokens`. */
function trimToTokens(text: string, maxTokens: number, countTokens: (text: string) => number): string {
    let length = Math.floor((text.length * maxTokens) / Math.max(1, countTokens(text)));
    for (;;) {
        const cut = text.slice(0, length);
        const trimmed = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).trimEnd()} …`;
        if (countTokens(trimmed) <= maxTokens || length <= 1) return trimmed;
        length = Math.floor(length * 0.9);
    }
}
