import { type TextSpan, trimSpan } from "../text/sentences.js";

/** A paragraph-like block, trimmed. Verbatim blocks (code fences, tables) are split by lines, never by sentences. */
export interface Block extends TextSpan {
    verbatim: boolean;
}

/** Text under one heading: the heading line itself is the first block. */
export interface Section {
    /** Enclosing headings, outermost first, ending with this section's own heading. */
    headingPath: string[];
    blocks: Block[];
}

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const TABLE_ROW = /^ {0,3}\|/;
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;
const WHITESPACE_RUN = /\s+/g;

interface OpenBlock {
    start: number;
    end: number;
    table: boolean;
}

interface Fence {
    start: number;
    marker: string;
}

/**
 * Splits text into sections at Markdown headings (ATX `#`..`######` and setext), and each section into blocks
 * separated by blank lines. Headings inside code fences are not headings. Plain text has one section.
 */
export function splitSections(text: string, structure: "markdown" | "plain"): Section[] {
    const markdown = structure === "markdown";
    const sections: Section[] = [{ headingPath: [], blocks: [] }];
    const headingStack: { level: number; title: string }[] = [];
    // Typed by assertion: the helpers below reassign these, which narrowing from a `null` initialiser misses.
    let paragraph = null as OpenBlock | null;
    let fence = null as Fence | null;

    const addBlock = (start: number, end: number, verbatim: boolean): void => {
        const span = trimSpan(text, start, end);
        if (span) sections[sections.length - 1]!.blocks.push({ ...span, verbatim });
    };
    const flushParagraph = (): void => {
        if (paragraph) addBlock(paragraph.start, paragraph.end, paragraph.table);
        paragraph = null;
    };
    const startSection = (level: number, rawTitle: string, start: number, end: number): void => {
        while (headingStack.length > 0 && headingStack[headingStack.length - 1]!.level >= level) headingStack.pop();
        headingStack.push({ level, title: cleanHeading(rawTitle) });
        sections.push({ headingPath: headingStack.map((heading) => heading.title), blocks: [] });
        addBlock(start, end, false);
    };

    let lineStart = 0;
    while (lineStart < text.length) {
        const newline = text.indexOf("\n", lineStart);
        const lineEnd = newline === -1 ? text.length : newline;
        const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
        const nextLineStart = lineEnd + 1;

        if (fence) {
            if (isFenceClose(line, fence.marker)) {
                addBlock(fence.start, lineEnd, true);
                fence = null;
            }
            lineStart = nextLineStart;
            continue;
        }
        const fenceOpen = markdown ? FENCE_OPEN.exec(line) : null;
        const atx = markdown ? ATX_HEADING.exec(line) : null;
        const open: OpenBlock | null = paragraph;
        if (fenceOpen) {
            flushParagraph();
            fence = { start: lineStart, marker: fenceOpen[1]! };
        } else if (line.trim() === "") {
            flushParagraph();
        } else if (atx && atx[2]!.trim() !== "") {
            flushParagraph();
            startSection(atx[1]!.length, atx[2]!, lineStart, lineEnd);
        } else if (markdown && open && !open.table && SETEXT_UNDERLINE.test(line)) {
            paragraph = null;
            startSection(line.trim().startsWith("=") ? 1 : 2, text.slice(open.start, open.end), open.start, lineEnd);
        } else {
            const table = markdown && TABLE_ROW.test(line);
            if (open && open.table === table) {
                open.end = lineEnd;
            } else {
                flushParagraph();
                paragraph = { start: lineStart, end: lineEnd, table };
            }
        }
        lineStart = nextLineStart;
    }
    flushParagraph();
    if (fence) addBlock(fence.start, text.length, true);
    return sections.filter((section) => section.blocks.length > 0);
}

/** The first Markdown heading of `markdown`, or null when it has none. */
export function firstHeading(markdown: string): string | null {
    const section = splitSections(markdown, "markdown").find((candidate) => candidate.headingPath.length > 0);
    return section?.headingPath[0] ?? null;
}

function isFenceClose(line: string, marker: string): boolean {
    const trimmed = line.trim();
    const fenceChar = marker[0]!;
    return trimmed.length >= marker.length && [...trimmed].every((char) => char === fenceChar) && line.search(/\S/) <= 3;
}

function cleanHeading(raw: string): string {
    return raw.replace(MARKDOWN_ESCAPE, "$1").replace(WHITESPACE_RUN, " ").trim();
}
