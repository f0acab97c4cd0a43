import type { ChunkDraft, ExtractedDocument } from "../types.js";
import { lineSpans, sentenceSpans, type TextSpan, wordSpans } from "../text/sentences.js";
import { estimateTokens } from "../text/tokens.js";
import { type Block, splitSections } from "./sections.js";

export interface ChunkerOptions {
    /** Upper bound on estimated tokens per chunk. Default: 256 */
    maxTokens?: number;
    /** Tokens of trailing context repeated at the start of the next chunk within a section. Default: 32 */
    overlapTokens?: number;
}

/** How a unit was cut from its block; each level falls back to the next when a unit is still too large. */
type Level = "block" | "sentence" | "line" | "word" | "character";

interface Unit extends TextSpan {
    level: Level;
    verbatim: boolean;
    tokens: number;
}

interface OpenChunk {
    units: Unit[];
    /** Upper bound on the estimated tokens of the open chunk's text (exact after each fallback check). */
    tokens: number;
}

// estimateTokens counts an unbroken run (a URL, base64, a hash) as one word, but real tokenizers cut such runs
// into many pieces; capping characters per token keeps them from producing oversized chunks.
const MAX_CHARS_PER_TOKEN = 6;

/**
 * Splits a document into chunks that follow its structure: sections (headings) → blocks (paragraphs, code
 * fences, tables) → sentences → lines → words → characters, packing consecutive units up to `maxTokens`.
 * Every chunk is an exact, trimmed slice of the document text and never spans two sections.
 */
export class Chunker {
    private readonly maxTokens: number;
    private readonly overlapTokens: number;
    private readonly maxChars: number;

    constructor(options: ChunkerOptions = {}) {
        this.maxTokens = options.maxTokens ?? 256;
        this.overlapTokens = options.overlapTokens ?? 32;
        if (!(this.maxTokens >= 1)) throw new RangeError(`maxTokens must be at least 1 (got ${this.maxTokens})`);
        if (!(this.overlapTokens >= 0)) throw new RangeError(`overlapTokens must not be negative (got ${this.overlapTokens})`);
        this.maxChars = this.maxTokens * MAX_CHARS_PER_TOKEN;
    }

    chunk(doc: ExtractedDocument): ChunkDraft[] {
        const chunks: ChunkDraft[] = [];
        for (const section of splitSections(doc.text, doc.structure)) {
            for (const span of this.packSection(doc.text, section.blocks)) {
                const text = doc.text.slice(span.start, span.end);
                chunks.push({
                    ordinal: chunks.length,
                    text,
                    charStart: span.start,
                    charEnd: span.end,
                    pageStart: pageAt(doc.pageStarts, span.start),
                    pageEnd: pageAt(doc.pageStarts, span.end - 1),
                    headingPath: section.headingPath,
                    tokenCount: estimateTokens(text),
                });
            }
        }
        return chunks;
    }

    private packSection(text: string, blocks: Block[]): TextSpan[] {
        const packed: TextSpan[] = [];
        let open: OpenChunk = { units: [], tokens: 0 };

        const place = (unit: Unit): void => {
            // Single characters cannot be cut further; they exceed the limit only when maxTokens is tiny.
            if (!this.fitsAlone(unit) && unit.level !== "character") {
                for (const piece of this.split(text, unit)) place(piece);
                return;
            }
            if (open.units.length === 0) {
                open = { units: [unit], tokens: unit.tokens };
                return;
            }
            if (this.tryAppend(text, open, unit)) return;
            // A block that does not fit is cut into sentences to fill a mostly empty chunk (say, a lone heading).
            if (unit.level === "block" && open.tokens < this.maxTokens / 2) {
                for (const piece of this.split(text, unit)) place(piece);
                return;
            }
            packed.push(spanOf(open.units));
            open = this.startAfter(text, open, unit);
        };

        for (const block of blocks) {
            const tokens = estimateTokens(text.slice(block.start, block.end));
            place({ start: block.start, end: block.end, level: "block", verbatim: block.verbatim, tokens });
        }
        if (open.units.length > 0) packed.push(spanOf(open.units));
        return packed;
    }

    private fitsAlone(unit: Unit): boolean {
        return unit.tokens <= this.maxTokens && unit.end - unit.start <= this.maxChars;
    }

    /** Adds `unit` to a non-empty open chunk when the result stays within the limits. */
    private tryAppend(text: string, open: OpenChunk, unit: Unit): boolean {
        const start = open.units[0]!.start;
        if (unit.end - start > this.maxChars) return false;
        let tokens = open.tokens + unit.tokens;
        // The sum of unit estimates is an upper bound (each rounds up); check the exact count only when it matters.
        if (tokens > this.maxTokens) tokens = estimateTokens(text.slice(start, unit.end));
        if (tokens > this.maxTokens) return false;
        open.units.push(unit);
        open.tokens = tokens;
        return true;
    }

    /** A new chunk that starts with the closed chunk's trailing sentences (as many as fit) and then `unit`. */
    private startAfter(text: string, closed: OpenChunk, unit: Unit): OpenChunk {
        const overlap = this.trailingSentences(text, closed.units);
        while (overlap.length > 0) {
            const next: OpenChunk = { units: overlap.slice(), tokens: overlap.reduce((sum, piece) => sum + piece.tokens, 0) };
            if (this.tryAppend(text, next, unit)) return next;
            overlap.shift();
        }
        return { units: [unit], tokens: unit.tokens };
    }

    /** Whole trailing sentences of `units` (lines for verbatim blocks) totalling at most `overlapTokens`. */
    private trailingSentences(text: string, units: Unit[]): Unit[] {
        const overlap: Unit[] = [];
        let budget = this.overlapTokens;
        for (let index = units.length - 1; index >= 0; index--) {
            const unit = units[index]!;
            const sentences = unit.level === "block" ? this.split(text, unit) : [unit];
            for (let sentence = sentences.length - 1; sentence >= 0; sentence--) {
                const candidate = sentences[sentence]!;
                if (candidate.tokens > budget) return overlap;
                budget -= candidate.tokens;
                overlap.unshift(candidate);
            }
        }
        return overlap;
    }

    /** Cuts a unit one level finer: blocks into sentences (or lines when verbatim), then lines, words, characters. */
    private split(text: string, unit: Unit): Unit[] {
        const { start, end, verbatim } = unit;
        const make = (spans: TextSpan[], level: Level): Unit[] =>
            spans.map((span) => ({ ...span, level, verbatim, tokens: estimateTokens(text.slice(span.start, span.end)) }));
        switch (unit.level) {
            case "block":
                return verbatim ? make(lineSpans(text, start, end), "line") : make(sentenceSpans(text, start, end), "sentence");
            case "sentence": {
                const lines = lineSpans(text, start, end);
                return lines.length > 1 ? make(lines, "line") : make(wordSpans(text, start, end), "word");
            }
            case "line":
                return make(wordSpans(text, start, end), "word");
            default:
                return make(this.characterSpans(text, start, end), "character");
        }
    }

    /** Hard split of an unbreakable run into the longest pieces within the limits, never inside a surrogate pair. */
    private characterSpans(text: string, start: number, end: number): TextSpan[] {
        const spans: TextSpan[] = [];
        let pieceStart = start;
        while (pieceStart < end) {
            let pieceEnd = Math.min(end, pieceStart + this.maxChars);
            for (;;) {
                if (pieceEnd < end && isLowSurrogate(text.charCodeAt(pieceEnd)) && pieceEnd - 1 > pieceStart) pieceEnd--;
                const tokens = estimateTokens(text.slice(pieceStart, pieceEnd));
                if (tokens <= this.maxTokens || pieceEnd - pieceStart <= 1) break;
                pieceEnd = pieceStart + Math.max(1, Math.floor(((pieceEnd - pieceStart) * this.maxTokens) / tokens));
            }
            spans.push({ start: pieceStart, end: pieceEnd });
            pieceStart = pieceEnd;
        }
        return spans;
    }
}

function spanOf(units: Unit[]): TextSpan {
    return { start: units[0]!.start, end: units[units.length - 1]!.end };
}

/** 1-based page holding character `offset`: the last page starting at or before it. */
function pageAt(pageStarts: number[], offset: number): number {
    let low = 0;
    let high = pageStarts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (pageStarts[middle]! <= offset) low = middle;
        else high = middle - 1;
    }
    return low + 1;
}

function isLowSurrogate(code: number): boolean {
    return code >= 0xdc00 && code <= 0xdfff;
}
