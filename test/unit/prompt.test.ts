import { describe, expect, it } from "vitest";
import { NOT_FOUND_REPLY } from "../../src/core/generate/citations.js";
import { buildGroundedPrompt, orderAgainstLostInTheMiddle } from "../../src/core/generate/prompt.js";
import { estimateTokens } from "../../src/core/text/tokens.js";
import type { SearchHit } from "../../src/core/types.js";

function hit(rank: number, text = `Passage ranked ${rank} says fact number ${rank}.`): SearchHit {
    return {
        chunkId: `doc${rank}:0`,
        docId: `doc${rank}`,
        path: `/data/reports/doc${rank}.pdf`,
        fileType: "pdf",
        title: null,
        text,
        pageStart: rank,
        pageEnd: rank,
        headingPath: rank === 1 ? ["Part I", "Fees"] : [],
        charStart: 0,
        charEnd: text.length,
        score: 1 / rank,
        scores: {},
        ranks: {},
    };
}

const ranked = [1, 2, 3, 4, 5].map((rank) => hit(rank));

describe("orderAgainstLostInTheMiddle", () => {
    it("puts the best items at both ends and the weakest in the middle", () => {
        expect(orderAgainstLostInTheMiddle([1, 2, 3, 4, 5])).toEqual([1, 3, 5, 4, 2]);
        expect(orderAgainstLostInTheMiddle([1, 2, 3, 4, 5, 6])).toEqual([1, 3, 5, 6, 4, 2]);
        expect(orderAgainstLostInTheMiddle([1, 2])).toEqual([1, 2]);
        expect(orderAgainstLostInTheMiddle([])).toEqual([]);
    });
});

describe("buildGroundedPrompt", () => {
    const prompt = buildGroundedPrompt("What is fact number 2?", ranked, { contextSize: 4096 });

    it("numbers the sources in the order shown and keeps the mapping to the hits", () => {
        expect(prompt.sources.map((source) => source.n)).toEqual([1, 2, 3, 4, 5]);
        expect(prompt.sources.map((source) => source.docId)).toEqual(["doc1", "doc3", "doc5", "doc4", "doc2"]);
        for (const source of prompt.sources) {
            const shown = prompt.user.indexOf(`[${source.n}] (${source.docId}.pdf, page ${source.page}`);
            expect(shown).toBeGreaterThanOrEqual(0);
            expect(prompt.user.indexOf(source.text, shown)).toBeGreaterThan(shown);
        }
    });

    it("shows file name, page and heading path, and ends with the question and an answer cue", () => {
        expect(prompt.user).toContain("[1] (doc1.pdf, page 1, section: Part I > Fees)\nPassage ranked 1");
        expect(prompt.user).not.toContain("/data/reports");
        expect(prompt.user.trimEnd().endsWith("Question: What is fact number 2?\nAnswer:")).toBe(true);
    });

    it("states the rules: sources only, cite [n], the exact not-found reply", () => {
        const instructions = `${prompt.system}\n${prompt.user}`;
        expect(instructions).toContain(NOT_FOUND_REPLY);
        expect(instructions).toMatch(/cite/i);
        expect(instructions).toMatch(/only/i);
    });

    it("passes conversation history and budgets for it", () => {
        const history = [{ user: "What is fact 2?", model: "Fact 2 [2]." }];
        const withHistory = buildGroundedPrompt("And fact 3?", ranked, { contextSize: 4096, history });
        expect(withHistory.history).toEqual(history);
        const longHistory = [{ user: "Earlier question ".repeat(300), model: "Earlier answer ".repeat(300) }];
        const squeezed = buildGroundedPrompt("And fact 3?", ranked, { contextSize: 1400, history: longHistory });
        expect(buildGroundedPrompt("And fact 3?", ranked, { contextSize: 1400 }).sources).toHaveLength(5);
        expect(squeezed.sources.length).toBeLessThan(5);
    });

    it("asks the question before the sources and again at the end", () => {
        expect(prompt.user.startsWith("Question: What is fact number 2?\n\nSources:")).toBe(true);
    });

    it("drops the weakest sources and trims the last one to fit the context", () => {
        const long = [1, 2, 3, 4].map((rank) => hit(rank, `Rank ${rank} ${"detail about withholding rules ".repeat(60)}`));
        const full = buildGroundedPrompt("Which rules?", long, { contextSize: 100_000 });
        const answerTokens = 128;
        const contextSize = estimateTokens(full.system) + 750;
        const fitted = buildGroundedPrompt("Which rules?", long, { contextSize, answerTokens });

        expect(full.sources).toHaveLength(4);
        expect(fitted.sources.length).toBeLessThan(4);
        expect(fitted.sources.length).toBeGreaterThan(0);
        // Kept in rank order: the dropped ones are the weakest.
        const kept = fitted.sources.map((source) => source.docId).sort();
        expect(kept).toEqual(["doc1", "doc2", "doc3", "doc4"].slice(0, kept.length));
        expect(fitted.user).toContain("…");
        const used =
            estimateTokens(fitted.system) +
            estimateTokens(fitted.user) +
            (fitted.history ?? []).reduce((sum, turn) => sum + estimateTokens(turn.user) + estimateTokens(turn.model), 0);
        expect(used).toBeLessThanOrEqual(contextSize - answerTokens);
        // Sources keep their full text and offsets even when the prompt shows a trimmed passage.
        expect(fitted.sources.every((source) => source.text === long.find((h) => h.docId === source.docId)?.text)).toBe(true);
    });

    it("uses the given token counter", () => {
        const counted: string[] = [];
        buildGroundedPrompt("Q?", ranked.slice(0, 1), {
            contextSize: 4096,
            countTokens: (text) => {
                counted.push(text);
                return estimateTokens(text);
            },
        });
        expect(counted.some((text) => text.includes("Passage ranked 1"))).toBe(true);
    });

    it("leaves no sources when nothing fits", () => {
        expect(buildGroundedPrompt("Q?", ranked, { contextSize: 300, answerTokens: 256 }).sources).toEqual([]);
    });
});
