import path from "node:path";
import type { AnswerResult, Citation, SearchHit } from "../types.js";
import { NOT_FOUND_ANSWER, toCitation } from "./citations.js";
import { sentenceSpans } from "../text/sentences.js";
import { focusPassage } from "./focus.js";
import { contentTerms } from "./terms.js";

/** Passages quoted in an extractive answer. */
const MAX_PASSAGES = 3;
/** Longest quote from one passage: its sentences that best match the question. */
const QUOTE_TOKENS = 120;
/** Share of the question's terms a passage must contain to count as answering it. */
export const MIN_TERM_COVERAGE = 0.5;
/** Terms a passage must contain when the question has at least this many: one shared word is chance. */
export const MIN_MATCHED_TERMS = 2;


/**
 * Answers without a chat model: quotes the best passages that share enough terms with the question, with
 * the sentences holding those terms in **bold** and each passage cited [n].
 */
export function answerExtractively(question: string, hits: SearchHit[]): AnswerResult {
    const questionTerms = new Set(contentTerms(question));
    const sources = hits.map((hit, index) => toCitation(hit, index + 1, focusPassage(hit.text, question, QUOTE_TOKENS)));
    const quoted = sources.filter((source) => answersQuestion(questionTerms, source.text)).slice(0, MAX_PASSAGES);
    const found = quoted.length > 0;
    return {
        answer: found ? quoted.map((source) => quotePassage(source, questionTerms)).join("\n\n") : NOT_FOUND_ANSWER,
        found,
        citations: quoted,
        sources,
        model: null,
        mode: "extractive",
        flags: { uncited: false, invalidCitations: [], stopped: false },
        notices: [],
        timings: { retrievalMs: 0, totalMs: 0 },
    };
}

/** Whether `text` holds enough of the question's terms: see MIN_TERM_COVERAGE and MIN_MATCHED_TERMS. */
export function answersQuestion(questionTerms: Set<string>, text: string): boolean {
    if (questionTerms.size === 0) return false;
    const matched = countMatches(questionTerms, text);
    return matched / questionTerms.size >= MIN_TERM_COVERAGE && matched >= Math.min(MIN_MATCHED_TERMS, questionTerms.size);
}

function countMatches(questionTerms: Set<string>, text: string): number {
    const textTerms = new Set(contentTerms(text));
    let matched = 0;
    for (const term of questionTerms) if (textTerms.has(term)) matched++;
    return matched;
}

function quotePassage(source: Citation, questionTerms: Set<string>): string {
    const text = source.excerpt.replace(/\s+/gu, " ").trim();
    const sentences = sentenceSpans(text, 0, text.length).map((span) => text.slice(span.start, span.end));
    const matches = sentences.map((sentence) => countMatches(questionTerms, sentence));
    // The terms may be spread over sentences; then the sentences holding the most of them are marked.
    const required = Math.max(1, Math.min(MIN_MATCHED_TERMS, questionTerms.size, Math.max(...matches)));
    const marked = sentences.map((sentence, index) => ((matches[index] ?? 0) >= required ? `**${sentence}**` : sentence));
    return `${path.basename(source.path)}, page ${source.page} [${source.n}]:\n${marked.join(" ")}`;
}
