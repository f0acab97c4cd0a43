import { describe, expect, it } from "vitest";
import { scoredText } from "../../src/core/eval/evaluateQa.js";
import { containsAnswer, exactMatch, mean, ndcgAt, normalizeAnswer, percentile, recallAt, reciprocalRankAt, rocAuc, tokenF1 } from "../../src/core/eval/metrics.js";
import { seededSample } from "../../src/core/eval/sample.js";

const judged = new Map([["a", 2], ["b", 1], ["z", 0]]);

describe("retrieval metrics", () => {
    it("gives nDCG@10 of 1 to the ideal ranking and discounts gains by log2 of the rank", () => {
        expect(ndcgAt(["a", "b", "x"], judged, 10)).toBeCloseTo(1, 10);
        const ideal = 2 / Math.log2(2) + 1 / Math.log2(3);
        expect(ndcgAt(["x", "b", "a"], judged, 10)).toBeCloseTo((1 / Math.log2(3) + 2 / Math.log2(4)) / ideal, 10);
        expect(ndcgAt(["x", "y", "a"], judged, 2)).toBe(0);
        expect(ndcgAt(["a"], new Map([["z", 0]]), 10)).toBe(0);
    });

    it("counts recall over relevant documents only, cut at k", () => {
        expect(recallAt(["z", "b", "x", "a"], judged, 2)).toBe(0.5);
        expect(recallAt(["z", "b", "x", "a"], judged, 4)).toBe(1);
        expect(recallAt([], judged, 10)).toBe(0);
    });

    it("takes the reciprocal rank of the first relevant document within k", () => {
        expect(reciprocalRankAt(["x", "z", "b", "a"], judged, 10)).toBeCloseTo(1 / 3, 10);
        expect(reciprocalRankAt(["x", "z", "b"], judged, 2)).toBe(0);
    });

    it("averages and takes nearest-rank percentiles", () => {
        expect(mean([])).toBe(0);
        expect(mean([1, 2, 6])).toBe(3);
        const values = Array.from({ length: 100 }, (_, index) => 100 - index);
        expect(percentile(values, 50)).toBe(50);
        expect(percentile(values, 95)).toBe(95);
        expect(percentile([], 95)).toBeNaN();
    });
});

describe("SQuAD answer metrics", () => {
    it("normalises case, punctuation, articles and whitespace as the official script does", () => {
        expect(normalizeAnswer("  The  Normans, of an  Age! ")).toBe("normans of age");
        expect(normalizeAnswer("theory")).toBe("theory");
    });

    it("scores exact match against any gold answer", () => {
        expect(exactMatch("the Normans.", ["Normans", "Vikings"])).toBe(1);
        expect(exactMatch("Normans of France", ["Normans"])).toBe(0);
    });

    it("scores token F1 as the best overlap with any gold answer", () => {
        // prediction "normans in france" vs gold "normans": precision 1/3, recall 1.
        expect(tokenF1("The Normans in France", ["Normans", "Rollo"])).toBeCloseTo((2 * (1 / 3) * 1) / (1 / 3 + 1), 10);
        expect(tokenF1("Rollo", ["Normans", "Rollo"])).toBe(1);
        expect(tokenF1("", ["Normans"])).toBe(0);
        expect(tokenF1("1 1 2", ["1 2 2"])).toBeCloseTo(2 / 3, 10);
    });

    it("counts a gold answer contained in the prediction as whole normalised words", () => {
        expect(containsAnswer("They were led by Rollo, in 911.", ["Vikings", "rollo"])).toBe(1);
        expect(containsAnswer("The Normans of France", ["normans of france"])).toBe(1);
        // "911" is not "91": matches end at word boundaries.
        expect(containsAnswer("In 911.", ["91"])).toBe(0);
        expect(containsAnswer("", ["Rollo"])).toBe(0);
        // A gold answer of only articles normalises to nothing and matches nothing.
        expect(containsAnswer("the answer", ["The"])).toBe(0);
    });
});

describe("scoredText", () => {
    it("drops the fixed lead-in and the citation markers, nothing else", () => {
        expect(scoredText("According to the sources, the Normans were led by Rollo [2].")).toBe("the Normans were led by Rollo.");
        expect(scoredText("Rollo [1][3], in 911 【2】.")).toBe("Rollo, in 911.");
        expect(scoredText("Sources say so.")).toBe("Sources say so.");
    });
});

describe("seededSample", () => {
    const items = Array.from({ length: 50 }, (_, index) => index);

    it("draws the same sample for the same seed and a different one for another seed", () => {
        const first = seededSample(items, 10, 42);
        expect(seededSample(items, 10, 42)).toEqual(first);
        expect(seededSample(items, 10, 7)).not.toEqual(first);
        expect(new Set(first).size).toBe(10);
        expect(first.every((item) => items.includes(item))).toBe(true);
    });

    it("returns every item when asked for more than there are, leaving the input untouched", () => {
        const sample = seededSample(items, 500, 1);
        expect([...sample].sort((a, b) => a - b)).toEqual(items);
        expect(items[0]).toBe(0);
    });
});

describe("ROC AUC", () => {
    it("is 1 for a perfect split, 0 for a reversed one, 0.5 for ties, and counts pairs ordered right", () => {
        expect(rocAuc([0.9, 0.8], [0.1, 0.2])).toBe(1);
        expect(rocAuc([0.1], [0.9])).toBe(0);
        expect(rocAuc([0.5, 0.5], [0.5])).toBe(0.5);
        // Pairs: (0.9,0.5) right, (0.9,0.95) wrong, (0.4,0.5) wrong, (0.4,0.95) wrong.
        expect(rocAuc([0.9, 0.4], [0.5, 0.95])).toBe(0.25);
        expect(rocAuc([], [0.5])).toBeNaN();
    });
});
