import path from "node:path";
import type { Chat, ChatMarkdown, ChatTurn } from "../api/contract.js";
import { EnclaveError } from "../errors.js";
import { NOT_FOUND_ANSWER } from "../generate/citations.js";
import type { Citation } from "../types.js";

/** Longest file-name stem derived from a title. */
const FILE_STEM_CHARS = 60;

/**
 * A chat, or one turn of it, as Markdown: each question a heading, the answer with its [n] markers, then the
 * cited sources as `[n] file, p. X–Y` with the quoted excerpt.
 */
export function chatToMarkdown(chat: Chat, turnId?: string): ChatMarkdown {
    if (turnId === undefined) {
        const turns = chat.turns.map((turn) => turnMarkdown(turn, "##"));
        return { fileName: markdownFileName(chat.title), markdown: joinBlocks([`# ${oneLine(chat.title)}`, ...turns]) };
    }
    const turn = chat.turns.find((candidate) => candidate.id === turnId);
    if (!turn) throw new EnclaveError("TURN_NOT_FOUND", `Chat "${chat.id}" has no turn "${turnId}".`);
    return { fileName: markdownFileName(turn.question), markdown: joinBlocks([turnMarkdown(turn, "#")]) };
}

/** A safe file name from a title: letters and digits joined by "-", e.g. "Tax deadlines?" → "tax-deadlines.md". */
export function markdownFileName(title: string): string {
    const words = title
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
    let stem = "";
    for (const word of words) {
        const next = stem ? `${stem}-${word}` : word;
        if (next.length > FILE_STEM_CHARS) {
            stem ||= word.slice(0, FILE_STEM_CHARS);
            break;
        }
        stem = next;
    }
    return `${stem || "chat"}.md`;
}

function turnMarkdown(turn: ChatTurn, heading: "#" | "##"): string {
    const { answer } = turn;
    const blocks = [`${heading} ${oneLine(turn.question)}`];
    if (turn.stopped && answer.answer.trim() === "") blocks.push("_Stopped before an answer was written._");
    else if (!answer.found) blocks.push(NOT_FOUND_ANSWER);
    else {
        blocks.push(answer.answer.trim());
        if (turn.stopped) blocks.push("_Stopped: the answer may be incomplete._");
    }
    if (answer.found && answer.citations.length > 0) blocks.push(`${heading}# Sources`, answer.citations.map(sourceMarkdown).join("\n\n"));
    return joinBlocks(blocks);
}

function sourceMarkdown(citation: Citation): string {
    const pages = citation.pageEnd > citation.page ? `p. ${citation.page}–${citation.pageEnd}` : `p. ${citation.page}`;
    const quote = citation.excerpt
        .trim()
        .split(/\r?\n/u)
        .map((line) => `    > ${line}`.trimEnd())
        .join("\n");
    return `- [${citation.n}] ${path.basename(citation.path)}, ${pages}\n\n${quote}`;
}

function oneLine(text: string): string {
    return text.replace(/\s+/gu, " ").trim();
}

function joinBlocks(blocks: string[]): string {
    return `${blocks.join("\n\n").trimEnd()}\n`;
}
