import { describe, expect, it } from "vitest";
import { CitedStream } from "../../src/core/generate/CitedStream.js";
import type { Citation } from "../../src/core/types.js";

function source(n: number, text: string): Citation {
    return { n, path: `/docs/${n}.pdf`, page: n, pageEnd: n, text, excerpt: text, score: 1, chunkId: `c${n}`, docId: `d${n}`, headingPath: [], charStart: 0, charEnd: text.length };
}

const sources = [
    source(1, "Keep records that support an item of income or deduction until the period of limitations runs out, usually 3 years."),
    source(2, "The user fee for an installment agreement reinstated through an online payment agreement is $10."),
];

/** Streams `text` in small pieces, as a model would, and returns what was streamed and the final text. */
function stream(text: string, pieceLength = 3): { streamed: string[]; final: string; cited: CitedStream } {
    const streamed: string[] = [];
    const cited = new CitedStream(sources, (piece) => streamed.push(piece));
    for (let at = 0; at < text.length; at += pieceLength) cited.push(text.slice(at, at + pieceLength));
    return { streamed, final: cited.finish(), cited };
}

describe("CitedStream", () => {
    it("marks each claim with the source that holds its words, before the closing punctuation", () => {
        const { final, cited } = stream("The user fee for a reinstated installment agreement is $10. Keep records for 3 years.");
        expect(final).toBe("The user fee for a reinstated installment agreement is $10 [2]. Keep records for 3 years [1].");
        expect(cited.added.sort()).toEqual([1, 2]);
        expect(cited.omitted).toBe(0);
    });

    it("streams whole sentences, so the stream equals the final answer", () => {
        const { streamed, final } = stream("The user fee is $10 for an online payment agreement. Records are kept for 3 years.", 2);
        expect(streamed).toHaveLength(2);
        expect(streamed.join("")).toBe(final);
    });

    it("leaves sentences the model already cited alone", () => {
        const { final, cited } = stream("The fee is $10 for an installment agreement [1].");
        expect(final).toBe("The fee is $10 for an installment agreement [1].");
        expect(cited.added).toEqual([]);
    });

    it("leaves out claims no source supports, keeping claimless short sentences", () => {
        const { final, cited } = stream("Yes. France won the football World Cup in Moscow. The user fee is $10 for an online payment agreement.");
        expect(final).toBe("Yes. The user fee is $10 for an online payment agreement [2].");
        expect(cited.omitted).toBe(1);
    });

    it("returns nothing when no sentence is supported", () => {
        const { final, streamed } = stream("The capital city is located in the capital city.");
        expect(final).toBe("");
        expect(streamed).toEqual([]);
    });

    it("drops an incomplete last sentence when generation was cut", () => {
        const cited = new CitedStream(sources);
        cited.push("The online payment agreement user fee is $10. Keep rec");
        expect(cited.finish({ dropIncomplete: true })).toBe("The online payment agreement user fee is $10 [2].");
        expect(cited.sentences).toBe(1);
    });
});
