/** A half-open character range `[start, end)` into a larger string. */
export interface TextSpan {
    start: number;
    end: number;
}

// Sentence rules (UAX #29) are the same for every locale that matters here, and 。！？ end sentences in CJK.
const SENTENCE_SEGMENTER = new Intl.Segmenter("en", { granularity: "sentence" });
const LINE_BREAKS = /[\r\n]/g;
const NON_SPACE_RUNS = /\S+/g;
// Segmenting one long string takes superlinear time in V8, so long blocks are segmented in windows that end
// at a line break; a sentence that spans one is cut there, which packing into chunks mostly hides.
const SEGMENT_WINDOW = 4096;

/** `[start, end)` shrunk to exclude surrounding whitespace, or null when only whitespace remains. */
export function trimSpan(text: string, start: number, end: number): TextSpan | null {
    while (start < end && isWhitespace(text.charCodeAt(start))) start++;
    while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    return start < end ? { start, end } : null;
}

/**
 * Sentences of `text[start, end)`, trimmed. Line breaks count as spaces, since wrapped lines in Markdown
 * paragraphs and PDF text do not end sentences (the segmenter would otherwise break at every newline).
 */
export function sentenceSpans(text: string, start: number, end: number): TextSpan[] {
    const spans: TextSpan[] = [];
    for (let windowStart = start; windowStart < end; ) {
        const windowEnd = segmentWindowEnd(text, windowStart, end);
        const flowed = text.slice(windowStart, windowEnd).replace(LINE_BREAKS, " ");
        for (const { index, segment } of SENTENCE_SEGMENTER.segment(flowed)) {
            const span = trimSpan(text, windowStart + index, windowStart + index + segment.length);
            if (span) spans.push(span);
        }
        windowStart = windowEnd;
    }
    return spans;
}

/** Where to end the next segmenter window: after the last line break (else space) within `SEGMENT_WINDOW`. */
function segmentWindowEnd(text: string, start: number, end: number): number {
    if (end - start <= SEGMENT_WINDOW) return end;
    const limit = start + SEGMENT_WINDOW;
    const lineBreak = text.lastIndexOf("\n", limit - 1);
    if (lineBreak > start) return lineBreak + 1;
    const space = text.lastIndexOf(" ", limit - 1);
    return space > start ? space + 1 : limit;
}

/** Non-blank lines of `text[start, end)`, trimmed. */
export function lineSpans(text: string, start: number, end: number): TextSpan[] {
    const spans: TextSpan[] = [];
    let lineStart = start;
    while (lineStart < end) {
        const newline = text.indexOf("\n", lineStart);
        const lineEnd = newline === -1 || newline >= end ? end : newline;
        const span = trimSpan(text, lineStart, lineEnd);
        if (span) spans.push(span);
        lineStart = lineEnd + 1;
    }
    return spans;
}

/** Whitespace-separated words of `text[start, end)`. */
export function wordSpans(text: string, start: number, end: number): TextSpan[] {
    const spans: TextSpan[] = [];
    for (const match of text.slice(start, end).matchAll(NON_SPACE_RUNS)) {
        spans.push({ start: start + match.index, end: start + match.index + match[0].length });
    }
    return spans;
}

function isWhitespace(code: number): boolean {
    // Fast path for ASCII; the regex covers Unicode spaces such as NBSP and the ideographic space.
    if (code < 128) return code === 32 || (code >= 9 && code <= 13);
    return /\s/.test(String.fromCharCode(code));
}
