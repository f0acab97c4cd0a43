import type { Citation } from "../types.js";
import { sentenceSpans } from "../text/sentences.js";
import { citedNumbers } from "./citations.js";
import { contentTerms } from "./terms.js";

/** Share of a sentence's terms one source must hold for the sentence to be attributed to it. */
export const MIN_SENTENCE_SUPPORT = 0.5;
/** Sentences with fewer content terms ("Yes.", "See below.") carry no claim worth a citation. */
const MIN_CLAIM_TERMS = 2;

export interface CitedSentence {
    /** The sentence, with a [n] marker added before its closing punctuation when one was attributed. */
    text: string;
    /** The source number attributed, when the model had cited none. */
    added: number | null;
    /** false for a claim that cites nothing and that no single source supports. */
    supported: boolean;
}

export interface SourceTerms {
    n: number;
    terms: Set<string>;
}

export function indexSourceTerms(sources: Citation[]): SourceTerms[] {
    return sources.map((source) => ({ n: source.n, terms: new Set(contentTerms(source.text)) }));
}

/**
 * Cites one sentence: a sentence the model cited is kept as is; otherwise it is attributed to the source that
 * holds most of its words (at least MIN_SENTENCE_SUPPORT). Small models often answer correctly from a passage
 * yet forget the marker; tying the sentence to the passage it was written from keeps every claim checkable.
 */
export function citeSentence(sentence: string, sources: SourceTerms[]): CitedSentence {
    if (citedNumbers(sentence).length > 0) return { text: sentence, added: null, supported: true };
    const terms = [...new Set(contentTerms(sentence))];
    if (terms.length < MIN_CLAIM_TERMS) return { text: sentence, added: null, supported: true };
    let best: { n: number; support: number } | null = null;
    for (const source of sources) {
        const support = terms.filter((term) => source.terms.has(term)).length / terms.length;
        if (support >= MIN_SENTENCE_SUPPORT && (best === null || support > best.support)) best = { n: source.n, support };
    }
    if (best === null) return { text: sentence, added: null, supported: false };
    // The marker goes before the closing punctuation, as a writer would place it.
    const closing = /[.!?。！？:;]+["”’)]*$/u.exec(sentence)?.[0] ?? "";
    return { text: `${sentence.slice(0, sentence.length - closing.length)} [${best.n}]${closing}`, added: best.n, supported: true };
}

/** Splits `text` into sentences and the whitespace between them, in order. */
export function sentencePieces(text: string): Array<{ sentence: string; gap: string }> {
    const pieces: Array<{ sentence: string; gap: string }> = [];
    let cursor = 0;
    for (const span of sentenceSpans(text, 0, text.length)) {
        pieces.push({ gap: text.slice(cursor, span.start), sentence: text.slice(span.start, span.end) });
        cursor = span.end;
    }
    if (cursor < text.length) pieces.push({ gap: text.slice(cursor), sentence: "" });
    return pieces;
}
