/**
 * The little Markdown answers use (extractive answers quote in **bold**; models write lists), read into
 * blocks and inline runs that render as React elements: no HTML is ever parsed from an answer.
 */
import { answerSegments, type AnswerSegment } from "./answerSegments.ts";

export type AnswerBlock = { kind: "paragraph"; lines: InlineRun[][] } | { kind: "list"; ordered: boolean; items: InlineRun[][] };

/** A piece of a line: text (bold or not) or a citation marker. */
export type InlineRun = (AnswerSegment & { kind: "cite" }) | { kind: "text"; text: string; bold: boolean };

const LIST_ITEM = /^\s*(?:([-*•])|(\d+)[.)])\s+/u;

export function answerBlocks(answer: string): AnswerBlock[] {
    const blocks: AnswerBlock[] = [];
    for (const chunk of answer.trim().split(/\n{2,}/u)) {
        const lines = chunk.split("\n").filter((line) => line.trim());
        if (lines.length === 0) continue;
        const markers = lines.map((line) => LIST_ITEM.exec(line));
        if (markers.every(Boolean)) {
            blocks.push({ kind: "list", ordered: Boolean(markers[0]![2]), items: lines.map((line) => inlineRuns(line.replace(LIST_ITEM, ""))) });
        } else {
            blocks.push({ kind: "paragraph", lines: lines.map(inlineRuns) });
        }
    }
    return blocks;
}

/** Splits a line at citation markers and at "**" (bold on, bold off). An unclosed "**" stays as text. */
function inlineRuns(line: string): InlineRun[] {
    const closed = (line.match(/\*\*/gu)?.length ?? 0) % 2 === 0;
    const runs: InlineRun[] = [];
    let bold = false;
    for (const segment of answerSegments(line)) {
        if (segment.kind === "cite") {
            runs.push(segment);
            continue;
        }
        const pieces = closed ? segment.text.split("**") : [segment.text];
        pieces.forEach((text, index) => {
            if (index > 0) bold = !bold;
            if (text) runs.push({ kind: "text", text, bold });
        });
    }
    return runs;
}
