import path from "node:path";
import type { Citation } from "../types.js";
import { withoutCitationMarkers } from "./citations.js";

/** Share of an answer's terms that must occur in its sources for the answer to count as grounded. */
export const MIN_ANSWER_SUPPORT = 0.5;

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

/** Lower-cased, stemmed words of `text` without stop words. */
export function contentTerms(text: string): string[] {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [])
        .map((word) => word.replace(/['’]s$/u, ""))
        .filter((word) => !STOP_WORDS.has(word) && (word.length > 1 || /\p{N}/u.test(word)))
        .map(stem);
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

/**
 * Share of the answer's terms found in the sources (their text and file names), citation markers aside.
 * Small models answer from their own knowledge despite the rules; such answers score low.
 */
export function answerSupport(answer: string, sources: Citation[]): number {
    const answerTerms = new Set(contentTerms(withoutCitationMarkers(answer)));
    if (answerTerms.size === 0) return 0;
    const sourceTerms = new Set(sources.flatMap((source) => contentTerms(`${source.text} ${path.basename(source.path)}`)));
    let supported = 0;
    for (const term of answerTerms) if (sourceTerms.has(term)) supported++;
    return supported / answerTerms.size;
}
