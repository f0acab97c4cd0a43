/**
 * Splits an answer into text and its citation markers ("[1]", "[2, 3]", "[Source 1-2]", "【1】"), so that each
 * marker renders as chips; the numbers are read with the engine's own rules (`citedNumbers`).
 */
import { citedNumbers } from "../../../src/core/generate/citations.ts";

export type AnswerSegment = { kind: "text"; text: string } | { kind: "cite"; numbers: number[]; marker: string };

const BRACKETED = /\[[^\]\n]{1,40}\]|【[^】\n]{1,40}】/gu;

export function answerSegments(answer: string): AnswerSegment[] {
    const segments: AnswerSegment[] = [];
    let last = 0;
    for (const match of answer.matchAll(BRACKETED)) {
        const numbers = citedNumbers(match[0]);
        if (numbers.length === 0) continue;
        const start = match.index;
        if (start > last) segments.push({ kind: "text", text: answer.slice(last, start) });
        segments.push({ kind: "cite", numbers, marker: match[0] });
        last = start + match[0].length;
    }
    if (last < answer.length) segments.push({ kind: "text", text: answer.slice(last) });
    return segments;
}
