import path from "node:path";
import { describe, expect, it } from "vitest";
import { Chunker, type ChunkerOptions } from "../../src/core/ingest/Chunker.js";
import { extractFile } from "../../src/core/ingest/loaders/index.js";
import { estimateTokens } from "../../src/core/text/tokens.js";
import type { ChunkDraft, ExtractedDocument } from "../../src/core/types.js";
import { IRS_DIR } from "../helpers/assets.js";

function doc(text: string, structure: "markdown" | "plain" = "markdown", pageStarts = [0]): ExtractedDocument {
    return { fileType: structure === "markdown" ? "md" : "txt", title: null, text, pageStarts, structure };
}

function pageOf(pageStarts: number[], offset: number): number {
    return pageStarts.filter((start) => start <= offset).length;
}

/** Chunks `document` and checks every invariant that holds for all chunks. */
function chunkChecked(document: ExtractedDocument, options: ChunkerOptions = {}): ChunkDraft[] {
    const maxTokens = options.maxTokens ?? 256;
    const chunks = new Chunker(options).chunk(document);
    const covered = new Uint8Array(document.text.length);
    chunks.forEach((chunk, index) => {
        expect(chunk.ordinal).toBe(index);
        expect(chunk.text).toBe(document.text.slice(chunk.charStart, chunk.charEnd));
        expect(chunk.text).toBe(chunk.text.trim());
        expect(chunk.text.length).toBeGreaterThan(0);
        expect(chunk.tokenCount).toBe(estimateTokens(chunk.text));
        expect(chunk.tokenCount).toBeLessThanOrEqual(maxTokens);
        expect(chunk.pageStart).toBe(pageOf(document.pageStarts, chunk.charStart));
        expect(chunk.pageEnd).toBe(pageOf(document.pageStarts, chunk.charEnd - 1));
        covered.fill(1, chunk.charStart, chunk.charEnd);
    });
    const lost = [...document.text].filter((char, offset) => !/\s/.test(char) && covered[offset] === 0);
    expect(lost.join("")).toBe("");
    return chunks;
}

const sentence = (n: number): string => `Sentence number ${n} talks about topic ${n} in a few plain words.`;
const prose = (from: number, count: number): string => Array.from({ length: count }, (_, i) => sentence(from + i)).join(" ");

describe("Chunker", () => {
    it("returns no chunks for empty or whitespace-only text", () => {
        expect(chunkChecked(doc(""))).toEqual([]);
        expect(chunkChecked(doc(" \n\n\t \r\n  ", "plain"))).toEqual([]);
    });

    it("keeps a short document in one chunk with exact offsets", () => {
        const text = "\n\n  Hello there. This is short.  \n";
        const [chunk, ...rest] = chunkChecked(doc(text, "plain"));
        expect(rest).toEqual([]);
        expect(chunk).toMatchObject({ ordinal: 0, text: "Hello there. This is short.", charStart: 4, pageStart: 1, pageEnd: 1, headingPath: [] });
    });

    it("hard-splits one huge word by characters", () => {
        const word = "x".repeat(2000);
        const chunks = chunkChecked(doc(`Before. ${word} After.`, "plain"), { maxTokens: 32, overlapTokens: 0 });
        expect(chunks.filter((chunk) => chunk.text.includes("x")).length).toBeGreaterThan(5);
        expect(chunks.map((chunk) => chunk.text.replace(/[^x]/g, "")).join("")).toBe(word);
        for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(32 * 6);
    });

    it("splits a paragraph longer than maxTokens at sentence ends", () => {
        const chunks = chunkChecked(doc(prose(1, 40), "plain"), { maxTokens: 60, overlapTokens: 0 });
        expect(chunks.length).toBeGreaterThan(5);
        for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence number \d+ .*words\.$/s);
        // Without overlap, chunks tile the paragraph in order.
        for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.charStart).toBeGreaterThan(chunks[i - 1]!.charEnd);
    });

    it("splits Japanese without spaces at 。 and hard-splits a run with no sentence end", () => {
        const japanese = Array.from({ length: 30 }, (_, i) => `これは${i + 1}番目の文で、東京の天気について書いています。`).join("");
        const chunks = chunkChecked(doc(japanese, "plain"), { maxTokens: 64, overlapTokens: 0 });
        expect(chunks.length).toBeGreaterThan(3);
        for (const chunk of chunks) expect(chunk.text).toMatch(/^これは\d+番目.*。$/);
        expect(chunks.map((chunk) => chunk.text).join("")).toBe(japanese);

        const run = "東京都".repeat(100);
        const runChunks = chunkChecked(doc(run, "plain"), { maxTokens: 40, overlapTokens: 0 });
        expect(runChunks.length).toBeGreaterThan(5);
        expect(runChunks.map((chunk) => chunk.text).join("")).toBe(run);
    });

    it("follows nested headings, pops the path, and starts a chunk at every heading", () => {
        const text = [
            "Preface text.",
            "# Alpha",
            "Alpha body.",
            "## Beta",
            "Beta body.",
            "### Gamma",
            "```",
            "# a comment in a fence, not a heading",
            "```",
            "## Delta ##",
            "Delta body.",
            "Epsilon\n=======",
            "Epsilon body.",
            "Zeta\n----",
            "Zeta body.",
        ].join("\n\n");
        const chunks = chunkChecked(doc(text));
        expect(chunks.map((chunk) => [chunk.headingPath, chunk.text.split("\n")[0]])).toEqual([
            [[], "Preface text."],
            [["Alpha"], "# Alpha"],
            [["Alpha", "Beta"], "## Beta"],
            [["Alpha", "Beta", "Gamma"], "### Gamma"],
            [["Alpha", "Delta"], "## Delta ##"],
            [["Epsilon"], "Epsilon"],
            [["Epsilon", "Zeta"], "Zeta"],
        ]);
        expect(chunks[3]!.text).toContain("# a comment in a fence");
    });

    it("gives a heading with no body its own chunk", () => {
        const chunks = chunkChecked(doc("# Empty\n\n## Also empty\n\n## Full\n\nSome body text."));
        expect(chunks.map((chunk) => [chunk.text, chunk.headingPath])).toEqual([
            ["# Empty", ["Empty"]],
            ["## Also empty", ["Empty", "Also empty"]],
            ["## Full\n\nSome body text.", ["Empty", "Full"]],
        ]);
    });

    it("computes pages for chunks that cross a page boundary", () => {
        const pages = [prose(1, 3), "", prose(10, 3), prose(20, 3)];
        const pageStarts: number[] = [];
        let offset = 0;
        for (const page of pages) {
            pageStarts.push(offset);
            offset += page.length + 2;
        }
        const chunks = chunkChecked(doc(pages.join("\n\n"), "plain", pageStarts), { maxTokens: 120, overlapTokens: 0 });
        expect(chunks.some((chunk) => chunk.pageStart === 1 && chunk.pageEnd === 3)).toBe(true);
        expect(chunks.at(-1)!.pageEnd).toBe(4);
    });

    it("repeats whole trailing sentences within a section, and never across sections", () => {
        const text = `# One\n\n${prose(1, 12)}\n\n# Two\n\n${prose(50, 12)}`;
        const chunks = chunkChecked(doc(text), { maxTokens: 60, overlapTokens: 20 });
        let overlaps = 0;
        for (let i = 1; i < chunks.length; i++) {
            const previous = chunks[i - 1]!;
            const current = chunks[i]!;
            if (current.headingPath[0] !== previous.headingPath[0]) {
                expect(current.charStart).toBeGreaterThan(previous.charEnd);
                continue;
            }
            expect(current.charStart).toBeLessThan(previous.charEnd);
            const repeated = text.slice(current.charStart, previous.charEnd);
            expect(repeated).toMatch(/^Sentence number \d+ .*words\.$/);
            expect(estimateTokens(repeated)).toBeLessThanOrEqual(20);
            expect(current.charEnd).toBeGreaterThan(previous.charEnd);
            overlaps++;
        }
        expect(overlaps).toBeGreaterThan(4);
    });

    it("keeps code fences and tables whole unless they exceed maxTokens", () => {
        const fence = "```python\ndef area(r):\n\n    return 3.14 * r * r\n```";
        const table = "| Name | Value |\n|------|-------|\n| a | 1 |\n| b | 2 |";
        const text = `${prose(1, 4)}\n\n${fence}\n\n${prose(10, 4)}\n\n${table}\n\n${prose(20, 4)}`;
        const chunks = chunkChecked(doc(text), { maxTokens: 64, overlapTokens: 0 });
        expect(chunks.some((chunk) => chunk.text.includes(fence))).toBe(true);
        expect(chunks.some((chunk) => chunk.text.includes(table))).toBe(true);

        const longFence = `\`\`\`\n${Array.from({ length: 40 }, (_, i) => `line_${i} = compute(${i}, "value")`).join("\n")}\n\`\`\``;
        const fenceChunks = chunkChecked(doc(longFence), { maxTokens: 64, overlapTokens: 0 });
        expect(fenceChunks.length).toBeGreaterThan(2);
        for (const chunk of fenceChunks) expect(longFence.split("\n")).toContain(chunk.text.split("\n")[0]);
    });

    it("treats single newlines in plain text as soft breaks inside sentences", () => {
        const text = "The filing deadline is\nApril 15 for most people. Extensions\nmove it to October 15.\nPayments are still due in April.";
        const chunks = chunkChecked(doc(text, "plain"), { maxTokens: 20, overlapTokens: 0 });
        expect(chunks.map((chunk) => chunk.text)).toEqual([
            "The filing deadline is\nApril 15 for most people.",
            "Extensions\nmove it to October 15.\nPayments are still due in April.",
        ]);
    });

    it("segments very long blocks without blank lines (segmenter windows) exactly", () => {
        const wrapped = prose(1, 400).replace(/ (topic)/g, "\n$1");
        const chunks = chunkChecked(doc(wrapped, "plain"), { maxTokens: 100 });
        expect(chunks.length).toBeGreaterThan(40);
        const unbroken = "漢字かな交じり文".repeat(1500);
        expect(chunkChecked(doc(unbroken, "plain"), { maxTokens: 100 }).map((chunk) => chunk.text).join("")).toBe(unbroken);
    });

    it("handles CRLF line ends", () => {
        const text = "# Title\r\n\r\nLine one.\r\nLine two.\r\n\r\nSub\r\n---\r\n\r\nBody text.\r\n";
        const chunks = chunkChecked(doc(text));
        expect(chunks.map((chunk) => [chunk.text, chunk.headingPath])).toEqual([
            ["# Title\r\n\r\nLine one.\r\nLine two.", ["Title"]],
            ["Sub\r\n---\r\n\r\nBody text.", ["Title", "Sub"]],
        ]);
    });

    it("chunks a real IRS publication with exact offsets and pages", async () => {
        const publication = await extractFile(path.join(IRS_DIR, "p17.pdf"));
        const chunks = chunkChecked(publication);
        expect(chunks.length).toBeGreaterThan(500);
        expect(chunks.at(-1)!.pageEnd).toBe(142);
        const phrase = "Responsibility of parent. Generally, a child is";
        const holding = chunks.filter((chunk) => chunk.text.includes(phrase));
        expect(holding.length).toBeGreaterThan(0);
        for (const chunk of holding) expect(chunk.pageStart).toBe(10);
        // Chunks are reasonably full: the packing does not leave most chunks tiny.
        const meanTokens = chunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0) / chunks.length;
        expect(meanTokens).toBeGreaterThan(150);
    });

    it("rejects nonsensical options", () => {
        expect(() => new Chunker({ maxTokens: 0 })).toThrow(RangeError);
        expect(() => new Chunker({ overlapTokens: -1 })).toThrow(RangeError);
    });
});
