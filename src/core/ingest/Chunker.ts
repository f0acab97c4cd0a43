import type { ChunkDraft, ExtractedDocument } from "../types.js";
import { lineSpans, sentenceSpans, type TextSpan, wordSpans } from "../text/sentences.js";
import { countTokenPieces, estimateTokens, tokensForPieces } from "../text/tokens.js";
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
    /** Token pieces (see `countTokenPieces`); Infinity for units too long to fit whatever their count. */
    pieces: number;
}

interface PackedChunk extends TextSpan {
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
            for (const packed of this.packSection(doc.text, section.blocks)) {
                chunks.push({
                    ordinal: chunks.length,
                    text: doc.text.slice(packed.start, packed.end),
                    charStart: packed.start,
                    charEnd: packed.end,
                    pageStart: pageAt(doc.pageStarts, packed.start),
                    pageEnd: pageAt(doc.pageStarts, packed.end - 1),
                    headingPath: section.headingPath,
                    tokenCount: packed.tokens,
                });
            }
        }
        return chunks;
    }

    private packSection(text: string, blocks: Block[]): PackedChunk[] {
        const packed: PackedChunk[] = [];
        let open: Unit[] = [];

        const place = (unit: Unit): void => {
            // Single characters cannot be cut further; they exceed the limit only when maxTokens is tiny.
            if (!this.fitsAlone(unit) && unit.level !== "character") {
                for (const piece of this.split(text, unit)) place(piece);
            } else if (open.length === 0 || this.fitsWith(open, unit)) {
                open.push(unit);
            } else if (unit.level === "block" && tokensForPieces(sumPieces(open)) < this.maxTokens / 2) {
                // A block that does not fit is cut into sentences to fill a mostly empty chunk (a lone heading, say).
                for (const piece of this.split(text, unit)) place(piece);
            } else {
                packed.push(this.close(text, open));
                open = this.startAfter(text, open, unit);
            }
        };

        for (const block of blocks) place(this.unit(text, block, "block", block.verbatim));
        if (open.length > 0) packed.push(this.close(text, open));
        return packed;
    }

    private unit(text: string, span: TextSpan, level: Level, verbatim: boolean): Unit {
        // Counting is skipped for units that are too long anyway: PDF pages, say, are always split.
        const tooLong = span.end - span.start > this.maxChars;
        return { start: span.start, end: span.end, level, verbatim, pieces: tooLong ? Infinity : countTokenPieces(text.slice(span.start, span.end)) };
    }

    private fitsAlone(unit: Unit): boolean {
        return unit.end - unit.start <= this.maxChars && tokensForPieces(unit.pieces) <= this.maxTokens;
    }

    private fitsWith(units: Unit[], unit: Unit): boolean {
        return unit.end - units[0]!.start <= this.maxChars && tokensForPieces(sumPieces(units) + unit.pieces) <= this.maxTokens;
    }

    private close(text: string, units: Unit[]): PackedChunk {
        const start = units[0]!.start;
        const end = units[units.length - 1]!.end;
        // Piece counts add up exactly unless a word was cut into characters, which counts its run twice.
        const cutWord = units.some((unit) => unit.level === "character");
        return { start, end, tokens: cutWord ? estimateTokens(text.slice(start, end)) : tokensForPieces(sumPieces(units)) };
    }

    /** The next chunk's units: the closed chunk's trailing sentences (as many as fit), then `unit`. */
    private startAfter(text: string, closed: Unit[], unit: Unit): Unit[] {
        const overlap = this.trailingSentences(text, closed);
        while (overlap.length > 0 && !this.fitsWith(overlap, unit)) overlap.shift();
        overlap.push(unit);
        return overlap;
    }

    /** Whole trailing sentences of `units` (lines for verbatim blocks) totalling at most `overlapTokens`. */
    private trailingSentences(text: string, units: Unit[]): Unit[] {
        const overlap: Unit[] = [];
        let pieces = 0;
        for (let index = units.length - 1; index >= 0; index--) {
            const unit = units[index]!;
            const sentences = unit.level === "block" ? this.split(text, unit) : [unit];
            for (let sentence = sentences.length - 1; sentence >= 0; sentence--) {
                const candidate = sentences[sentence]!;
                if (tokensForPieces(pieces + candidate.pieces) > this.overlapTokens) return overlap;
                pieces += candidate.pieces;
                overlap.unshift(candidate);
            }
        }
        return overlap;
    }

    /** Cuts a unit one level finer: blocks into sentences (or lines when verbatim), then lines, words, characters. */
    private split(text: string, unit: Unit): Unit[] {
        const { start, end, verbatim } = unit;
        const units = (spans: TextSpan[], level: Level): Unit[] => spans.map((span) => this.unit(text, span, level, verbatim));
        switch (unit.level) {
            case "block":
                return verbatim ? units(lineSpans(text, start, end), "line") : units(sentenceSpans(text, start, end), "sentence");
            case "sentence": {
                const lines = lineSpans(text, start, end);
                return lines.length > 1 ? units(lines, "line") : units(wordSpans(text, start, end), "word");
            }
            case "line":
                return units(wordSpans(text, start, end), "word");
            default:
                return units(this.characterSpans(text, start, end), "character");
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

function sumPieces(units: Unit[]): number {
    let pieces = 0;
    for (const unit of units) pieces += unit.pieces;
    return pieces;
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
