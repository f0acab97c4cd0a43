import type { Citation, SearchHit } from "../types.js";

/** The exact sentence the prompt asks for when the sources do not hold the answer. */
export const NOT_FOUND_REPLY = "NOT FOUND: the documents do not contain the answer.";

/** What the user sees instead of the model's not-found reply. */
export const NOT_FOUND_ANSWER = "Not found in your documents.";

export interface CitationCheck {
    /** Valid cited sources, in order of first citation. */
    citations: Citation[];
    /** Cited numbers that name no source, in order of first appearance. */
    invalidCitations: number[];
}

// A ranged list "[1-3]" wider than this is a typo, not a citation of every source in between.
const MAX_RANGE = 20;

const LABEL = String.raw`(?:sources?|src|refs?|references?|docs?|documents?|passages?|citations?)`;
const NUMBER_LIST = String.raw`\^?#?\d+(?:\s*(?:[-–—]|,|;|&|\band\b|\bor\b)\s*#?\d+)*`;
const CITATION_PATTERN = new RegExp(
    [
        String.raw`\[\s*(?:${LABEL}\s*)?(${NUMBER_LIST})\s*\]`,
        String.raw`【\s*(?:${LABEL}\s*)?(${NUMBER_LIST})\s*】`,
        // Parenthesised numbers need the label: "(1)" is usually an enumeration.
        String.raw`[(（]\s*${LABEL}\s*(${NUMBER_LIST})\s*[)）]`,
        String.raw`\b${LABEL}\s+#?(\d+)\b`,
    ].join("|"),
    "giu",
);

const NOT_FOUND_PATTERNS = [
    /\bNOT[\s_-]*FOUND\b/u,
    /^\W*not[\s_-]*found\b/iu,
    /^\W*(?:sorry[,.]?\s*)?(?:the\s+)?(?:provided\s+|given\s+)?(?:documents?|sources?|passages?|context|texts?)\s+(?:do(?:es)?\s*n[o']t|did\s*n[o']t)\s+(?:contain|mention|include|provide|say|answer|have)\b/iu,
    /^\W*(?:sorry[,.]?\s*)?i\s+(?:could\s*n[o']t|can\s*not|can't|cannot|was\s+unable\s+to)\s+find\b/iu,
    /^\W*(?:there\s+is\s+)?no\s+(?:information|answer|mention)\s+(?:about|on|of|for|in|to)\b/iu,
    // "The capital of Mongolia is not specified in the given text." (TinyLlama's usual refusal)
    /^[^.!?]*\bis\s+not\s+(?:specified|mentioned|stated|provided|given|included|found|addressed)\s+in\s+(?:the\s+)?(?:given\s+|provided\s+|above\s+)?(?:text|sources?|documents?|passages?|context)\b/iu,
];

/** The source shown to the model as [n]; `excerpt` is the part of it that was used. Default: the whole text. */
export function toCitation(hit: SearchHit, n: number, excerpt = hit.text): Citation {
    return {
        n,
        path: hit.path,
        page: hit.pageStart,
        pageEnd: hit.pageEnd,
        text: hit.text,
        excerpt,
        score: hit.score,
        chunkId: hit.chunkId,
        docId: hit.docId,
        headingPath: hit.headingPath,
        charStart: hit.charStart,
        charEnd: hit.charEnd,
    };
}

/** Every source number cited in `answer`, in order of first appearance, ranges expanded. */
export function citedNumbers(answer: string): number[] {
    const numbers = new Set<number>();
    for (const match of answer.matchAll(CITATION_PATTERN)) {
        const list = match.slice(1).find((group) => group !== undefined) ?? "";
        for (const n of expandNumberList(list)) numbers.add(n);
    }
    return [...numbers];
}

/** `text` without its bracketed citation markers ("[1]", "[2, 3]", "【1】") and the space before them. */
export function withoutCitationMarkers(text: string): string {
    return text.replace(/\s*(?:\[[^\]]*\]|【[^】]*】)/gu, "");
}

/** Maps the citations in `answer` to `sources` (numbered by their `n`). */
export function checkCitations(answer: string, sources: Citation[]): CitationCheck {
    const byNumber = new Map(sources.map((source) => [source.n, source]));
    const citations: Citation[] = [];
    const invalidCitations: number[] = [];
    for (const n of citedNumbers(answer)) {
        const source = byNumber.get(n);
        if (source) citations.push(source);
        else invalidCitations.push(n);
    }
    return { citations, invalidCitations };
}

/** Whether the model said the sources do not hold the answer: the requested reply or a close variant. */
export function isNotFoundAnswer(answer: string): boolean {
    const trimmed = answer.trim();
    return trimmed === "" || NOT_FOUND_PATTERNS.some((pattern) => pattern.test(trimmed));
}

function expandNumberList(list: string): number[] {
    const numbers: number[] = [];
    for (const part of list.split(/\s*(?:,|;|&|\band\b|\bor\b)\s*/iu)) {
        const [low, high] = part.split(/\s*[-–—]\s*/u).map((bound) => Number.parseInt(bound.replace(/[\^#]/gu, ""), 10));
        if (low === undefined || Number.isNaN(low)) continue;
        if (high === undefined || Number.isNaN(high)) numbers.push(low);
        else if (high >= low && high - low <= MAX_RANGE) for (let n = low; n <= high; n++) numbers.push(n);
        else numbers.push(low, high);
    }
    return numbers;
}
