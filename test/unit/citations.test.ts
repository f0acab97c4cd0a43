import { describe, expect, it } from "vitest";
import { checkCitations, citedNumbers, isNotFoundAnswer, NOT_FOUND_REPLY, toCitation } from "../../src/core/generate/citations.js";
import type { SearchHit } from "../../src/core/types.js";

function hit(id: string, page: number): SearchHit {
    return {
        chunkId: `${id}:chunk`,
        docId: id,
        path: `/docs/${id}.pdf`,
        fileType: "pdf",
        title: null,
        text: `Text of ${id}.`,
        pageStart: page,
        pageEnd: page + 1,
        headingPath: ["Chapter", id],
        charStart: 10 * page,
        charEnd: 10 * page + 8,
        score: page / 10,
        scores: {},
        ranks: {},
    };
}

const sources = [hit("a", 1), hit("b", 2), hit("c", 3)].map((source, index) => toCitation(source, index + 1));

describe("citedNumbers", () => {
    it.each([
        ["The fee is $10 [1].", [1]],
        ["Both say so [1, 2].", [1, 2]],
        ["Both say so [1,2,3].", [1, 2, 3]],
        ["Adjacent [1][3] markers.", [1, 3]],
        ["A range [1-3].", [1, 2, 3]],
        ["An en-dash range [2–3].", [2, 3]],
        ["Full-width brackets 【2】.", [2]],
        ["Labelled (Source 2).", [2]],
        ["Labelled list (sources 1 and 3).", [1, 3]],
        ["Bracketed label [Source 3].", [3]],
        ["Footnote style [^2].", [2]],
        ["Semicolons [1; 3].", [1, 3]],
        ["According to source 2, yes.", [2]],
        ["Repeated [2] and again [2] then [1].", [2, 1]],
        ["Spaces [ 3 ] inside.", [3]],
    ])("%s", (answer, expected) => {
        expect(citedNumbers(answer)).toEqual(expected);
    });

    it.each([
        "No citation at all.",
        "Section 1446(f) applies to transfers.",
        "Steps: (1) fill in the form, (2) sign it.",
        "See [the form](https://irs.gov) for details.",
        "Line 3a of Form W-9.",
    ])("finds none in %s", (answer) => {
        expect(citedNumbers(answer)).toEqual([]);
    });

    it("does not expand an implausibly wide range", () => {
        expect(citedNumbers("Everything [1-500].")).toEqual([1, 500]);
    });
});

describe("checkCitations", () => {
    it("maps numbers to sources in order of first citation", () => {
        const { citations, invalidCitations } = checkCitations("B says [2], A says [1], B again [2].", sources);
        expect(citations.map((citation) => citation.n)).toEqual([2, 1]);
        expect(citations[0]).toMatchObject({ path: "/docs/b.pdf", page: 2, pageEnd: 3, chunkId: "b:chunk", docId: "b" });
        expect(citations[0]).toMatchObject({ headingPath: ["Chapter", "b"], charStart: 20, charEnd: 28, text: "Text of b." });
        expect(invalidCitations).toEqual([]);
    });

    it("collects numbers that name no source", () => {
        const { citations, invalidCitations } = checkCitations("Claims [4] and [0] and [2] and [7-8].", sources);
        expect(citations.map((citation) => citation.n)).toEqual([2]);
        expect(invalidCitations).toEqual([4, 0, 7, 8]);
    });

    it("returns nothing for an uncited answer", () => {
        expect(checkCitations("The fee is $10.", sources)).toEqual({ citations: [], invalidCitations: [] });
    });
});

describe("isNotFoundAnswer", () => {
    it.each([
        NOT_FOUND_REPLY,
        "NOT FOUND",
        "  not found.",
        "Not found: the documents do not contain the answer.",
        '"NOT FOUND: the documents do not contain the answer."',
        "**NOT FOUND**",
        "The answer is NOT FOUND in the sources.",
        "The documents do not contain the answer.",
        "The provided sources don't mention the World Cup.",
        "Sorry, the context does not provide this information.",
        "I could not find this in the documents.",
        "I cannot find the answer.",
        "There is no information about the World Cup in the sources.",
        "",
    ])("detects %j", (answer) => {
        expect(isNotFoundAnswer(answer)).toBe(true);
    });

    it.each([
        "The fee is $10 [1].",
        "If the TIN is not found in the records, the payor withholds 24% [2].",
        "A payor must withhold 24% [1]. The sources do not say more about exemptions.",
        "No, a Form W-9 is not required [3].",
    ])("accepts the answer %j", (answer) => {
        expect(isNotFoundAnswer(answer)).toBe(false);
    });
});
