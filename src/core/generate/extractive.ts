import path from "node:path";
import type { AnswerResult, Citation, SearchHit } from "../types.js";
import { NOT_FOUND_ANSWER, toCitation } from "./citations.js";

/** Passages quoted in an extractive answer. */
const MAX_PASSAGES = 3;
/** Share of the question's terms a passage must contain to count as answering it. */
export const MIN_TERM_COVERAGE = 0.5;
/** Terms a passage must contain when the question has at least this many: one shared word is chance. */
export const MIN_MATCHED_TERMS = 2;

const STOP_WORDS = new Set(
    (
        "a about above after again against all am an and any are as at be because been before being below between " +
        "both but by can could did do does doing down during each few for from further had has have having he her " +
        "here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only " +
        "or other our ours out over own same she should so some such than that the their theirs them then there " +
        "these they this those through to too under until up very was we were what when where which while who whom " +
        "why will with would you your yours tell explain describe give list find show please much many need needs " +
        "must may might shall also get gets got"
    ).split(" "),
);

/**
 * Answers without a chat model: quotes the best passages that share enough terms with the question, with
 * the sentences holding those terms in **bold** and each passage cited [n].
 */
export function answerExtractively(question: string, hits: SearchHit[]): AnswerResult {
    const questionTerms = new Set(contentTerms(question));
    const sources = hits.map((hit, index) => toCitation(hit, index + 1));
    const quoted = sources.filter((source) => answersQuestion(questionTerms, source.text)).slice(0, MAX_PASSAGES);
    const found = quoted.length > 0;
    return {
        answer: found ? quoted.map((source) => quotePassage(source, questionTerms)).join("\n\n") : NOT_FOUND_ANSWER,
        found,
        citations: quoted,
        sources,
        model: null,
        mode: "extractive",
        flags: { uncited: false, invalidCitations: [] },
        notices: [],
        timings: { retrievalMs: 0, totalMs: 0 },
    };
}

/** Lower-cased, stemmed words of `text` without stop words. */
export function contentTerms(text: string): string[] {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [])
        .map((word) => word.replace(/['’]s$/u, ""))
        .filter((word) => !STOP_WORDS.has(word) && (word.length > 1 || /\p{N}/u.test(word)))
        .map(stem);
}

/** Whether `text` holds enough of the question's terms: see MIN_TERM_COVERAGE and MIN_MATCHED_TERMS. */
export function answersQuestion(questionTerms: Set<string>, text: string): boolean {
    if (questionTerms.size === 0) return false;
    const matched = countMatches(questionTerms, text);
    return matched / questionTerms.size >= MIN_TERM_COVERAGE && matched >= Math.min(MIN_MATCHED_TERMS, questionTerms.size);
}

/**
 * Light suffix stripping so that "withholding"/"withheld"-style variants of regular words meet: plural,
 * -ing, -ed, -ly, -ies/-ied. Stems keep at least three letters.
 */
export function stem(word: string): string {
    const rules: Array<[RegExp, string]> = [
        [/ie[sd]$/u, "y"],
        [/(ss)$/u, "$1"],
        [/([^s])s$/u, "$1"],
        [/ing$/u, ""],
        [/ed$/u, ""],
        [/ly$/u, ""],
    ];
    for (const [suffix, replacement] of rules) {
        if (!suffix.test(word)) continue;
        const stemmed = word.replace(suffix, replacement);
        return stemmed.length >= 3 ? stemmed : word;
    }
    return word;
}

function countMatches(questionTerms: Set<string>, text: string): number {
    const textTerms = new Set(contentTerms(text));
    let matched = 0;
    for (const term of questionTerms) if (textTerms.has(term)) matched++;
    return matched;
}

function quotePassage(source: Citation, questionTerms: Set<string>): string {
    const sentences = splitSentences(source.text.replace(/\s+/gu, " ").trim());
    const matches = sentences.map((sentence) => countMatches(questionTerms, sentence));
    // The terms may be spread over sentences; then the sentences holding the most of them are marked.
    const required = Math.max(1, Math.min(MIN_MATCHED_TERMS, questionTerms.size, Math.max(...matches)));
    const marked = sentences.map((sentence, index) => ((matches[index] ?? 0) >= required ? `**${sentence}**` : sentence));
    return `${path.basename(source.path)}, page ${source.page} [${source.n}]:\n${marked.join(" ")}`;
}

function splitSentences(text: string): string[] {
    return text.split(/(?<=[.!?。！？])\s+(?=[\p{Lu}\p{N}"“(•])|(?<=[。！？])/u).filter((sentence) => sentence !== "");
}
