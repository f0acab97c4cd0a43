import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../src/core/retrieve/fusion.js";

describe("reciprocalRankFusion", () => {
    it("sums 1/(k + rank) over lists and sorts best first", () => {
        const fused = reciprocalRankFusion([["a", "b", "c"], ["c", "a"]], 60);
        expect(fused.map((item) => item.id)).toEqual(["a", "c", "b"]);
        expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
        expect(fused[1]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
        expect(fused[2]!.score).toBeCloseTo(1 / 62, 12);
        expect(fused[0]!.ranks).toEqual([1, 2]);
        expect(fused[2]!.ranks).toEqual([2, undefined]);
    });

    it("keeps first-met order on ties", () => {
        // x and y both score 1/61 + 1/62.
        const fused = reciprocalRankFusion([["x", "y"], ["y", "x"]]);
        expect(fused.map((item) => item.id)).toEqual(["x", "y"]);
        expect(fused[0]!.score).toBeCloseTo(fused[1]!.score, 15);
    });

    it("interleaves disjoint lists by rank", () => {
        const fused = reciprocalRankFusion([["a", "b"], ["c", "d"]], 10);
        expect(fused.map((item) => item.id)).toEqual(["a", "c", "b", "d"]);
        expect(fused.map((item) => item.score)).toEqual([1 / 11, 1 / 11, 1 / 12, 1 / 12]);
    });

    it("treats an empty list as contributing nothing", () => {
        const fused = reciprocalRankFusion([[], ["p", "q"]], 60);
        expect(fused).toEqual([
            { id: "p", score: 1 / 61, ranks: [undefined, 1] },
            { id: "q", score: 1 / 62, ranks: [undefined, 2] },
        ]);
        expect(reciprocalRankFusion([[], []])).toEqual([]);
    });

    it("counts an id repeated in one list at its first rank only", () => {
        const fused = reciprocalRankFusion([["a", "b", "a"]], 60);
        expect(fused).toEqual([
            { id: "a", score: 1 / 61, ranks: [1] },
            { id: "b", score: 1 / 62, ranks: [2] },
        ]);
    });

    it("uses k = 60 by default", () => {
        expect(reciprocalRankFusion([["only"]])[0]!.score).toBe(1 / 61);
    });
});
