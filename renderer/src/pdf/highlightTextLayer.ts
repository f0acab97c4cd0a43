/**
 * Marks the text-layer spans of a rendered PDF page that hold the cited passage, and more strongly those
 * holding the excerpt the answer used. The spans are pdf.js's text items; the passage is the engine's
 * extracted text; they are matched ignoring whitespace (see `matchRanges`).
 */
import { matchRanges } from "../lib/textMatch.ts";

const HIGHLIGHT_TEST_ID = "highlighted-passage";

/** Returns the span to scroll to (the first of the excerpt, else of the passage), or null when nothing matched. */
export function highlightTextLayer(spans: HTMLElement[], strings: string[], passage: string, excerpt: string): HTMLElement | null {
    const starts: number[] = [];
    let pageText = "";
    for (const text of strings) {
        starts.push(pageText.length);
        pageText += `${text} `;
    }
    const spansIn = (ranges: Array<[number, number]>) => {
        const found = new Set<number>();
        for (const [start, end] of ranges)
            for (let index = 0; index < strings.length; index++) {
                const spanStart = starts[index]!;
                const spanEnd = spanStart + strings[index]!.length;
                if (spanStart < end && spanEnd > start) found.add(index);
            }
        return [...found].sort((a, b) => a - b);
    };
    const passageSpans = spansIn(matchRanges(pageText, passage));
    const excerptSpans = new Set(spansIn(matchRanges(pageText, excerpt)));
    for (const index of passageSpans) mark(spans[index], excerptSpans.has(index) ? "excerpt" : "passage");
    for (const index of excerptSpans) mark(spans[index], "excerpt");
    const first = [...excerptSpans].sort((a, b) => a - b)[0] ?? passageSpans[0];
    return first === undefined ? null : (spans[first] ?? null);
}

function mark(span: HTMLElement | undefined, kind: "passage" | "excerpt") {
    if (!span) return;
    span.classList.add("hl", `hl-${kind}`);
    span.dataset.testid = HIGHLIGHT_TEST_ID;
    span.dataset.highlight = kind;
}
