import { sentenceSpans } from "../text/sentences.js";
import { estimateTokens } from "../text/tokens.js";
import { contentTerms } from "./terms.js";

/**
 * The run of consecutive sentences of `text`, at most `maxTokens` long, that holds the most of the question's
 * terms. Prompt evaluation dominates answer latency on a CPU (TinyLlama reads ~60–80 tokens/s on 2 cores), so
 * each source is cut to the part that can answer; the citation still points at the whole passage.
 */
export function focusPassage(text: string, question: string, maxTokens: number): string {
    if (estimateTokens(text) <= maxTokens) return text;
    const spans = sentenceSpans(text, 0, text.length);
    const questionTerms = new Set(contentTerms(question));
    const sentences = spans.map((span) => {
        const sentence = text.slice(span.start, span.end);
        return { ...span, tokens: estimateTokens(sentence), hits: new Set(contentTerms(sentence).filter((term) => questionTerms.has(term))).size };
    });

    let best = { from: 0, to: 0, hits: -1 };
    for (let from = 0; from < sentences.length; from++) {
        let tokens = 0;
        let hits = 0;
        let to = from;
        while (to < sentences.length && tokens + sentences[to]!.tokens <= maxTokens) {
            tokens += sentences[to]!.tokens;
            hits += sentences[to]!.hits;
            to++;
        }
        if (to > from && hits > best.hits) best = { from, to, hits };
    }
    // A single sentence longer than the budget: keep its start, which the caller trims further if needed.
    if (best.hits < 0) return text.slice(sentences[0]!.start, sentences[0]!.end);
    const start = sentences[best.from]!.start;
    const end = sentences[best.to - 1]!.end;
    return `${start > 0 ? "… " : ""}${text.slice(start, end)}${end < text.trimEnd().length ? " …" : ""}`;
}
