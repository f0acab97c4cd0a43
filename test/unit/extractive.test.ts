import { describe, expect, it } from "vitest";
import { NOT_FOUND_ANSWER } from "../../src/core/generate/citations.js";
import { answerExtractively, answersQuestion } from "../../src/core/generate/extractive.js";
import { answerSupport, contentTerms, stem } from "../../src/core/generate/terms.js";
import { toCitation } from "../../src/core/generate/citations.js";
import type { SearchHit } from "../../src/core/types.js";

function hit(id: string, text: string): SearchHit {
    return {
        chunkId: `${id}:0`,
        docId: id,
        path: `/docs/${id}.pdf`,
        fileType: "pdf",
        title: null,
        text,
        pageStart: 2,
        pageEnd: 2,
        headingPath: [],
        charStart: 0,
        charEnd: text.length,
        score: 1,
        scores: {},
        ranks: {},
    };
}

const backup = hit(
    "iw9",
    "Backup withholding applies when a payee fails to furnish a TIN. A payor must deduct, withhold, and deposit with IRS " +
        "24% of reportable payments made to that payee until the cause of the backup withholding is remedied. " +
        "Chapter 4 rules differ.",
);
const records = hit("p17", "Generally, you prove payment with a cash receipt or a canceled check. Keep records as long as needed.");
const fees = hit("i9465", "The user fee is $10 for installment agreements reinstated through an online payment agreement.");
const capital = hit("p550", "Capital gains on stocks are reported on Schedule D.");

describe("contentTerms and stem", () => {
    it("drops stop words and light-stems regular word forms", () => {
        expect(contentTerms("What percentage of the payments must a payor withhold?")).toEqual(["percentage", "payment", "payor", "withhold"]);
        expect(contentTerms("Withholding rules applied to the payee's agencies")).toEqual(["withhold", "rule", "apply", "payee", "agency"]);
        expect(stem("is")).toBe("is");
        expect(stem("class")).toBe("class");
        expect(stem("bus")).toBe("bus");
        expect(contentTerms("Form 1040 in 2024")).toEqual(["form", "1040", "2024"]);
    });
});

describe("answerSupport", () => {
    const sources = [toCitation(backup, 1), toCitation(fees, 2)];

    it("is high for an answer built from the sources' words and low for outside knowledge", () => {
        expect(answerSupport("A payor must withhold 24% of reportable payments [1].", sources)).toBeGreaterThanOrEqual(0.8);
        expect(answerSupport("The user fee is $10 (i9465.pdf).", sources)).toBe(1);
        expect(answerSupport("The 2018 FIFA World Cup was won by France in Moscow.", sources)).toBeLessThan(0.2);
        expect(answerSupport("[1]", sources)).toBe(0);
    });
});

describe("answersQuestion", () => {
    const terms = (question: string) => new Set(contentTerms(question));

    it("needs half the question's terms and at least two of them", () => {
        expect(answersQuestion(terms("What percentage of reportable payments is backup withholding?"), backup.text)).toBe(true);
        // One shared word ("capital") of two is chance, not an answer.
        expect(answersQuestion(terms("What is the capital of France?"), capital.text)).toBe(false);
        // Two of five terms is under half.
        expect(answersQuestion(terms("Which payor penalty applies to foreign trusts abroad?"), backup.text)).toBe(false);
        expect(answersQuestion(terms("Who won the 2018 FIFA World Cup?"), backup.text)).toBe(false);
    });

    it("accepts a single-term question when the term is present", () => {
        expect(answersQuestion(terms("Withholding?"), backup.text)).toBe(true);
        expect(answersQuestion(terms("Dividends?"), backup.text)).toBe(false);
    });

    it("never matches a question made only of stop words", () => {
        expect(answersQuestion(terms("What is it?"), backup.text)).toBe(false);
    });
});

describe("answerExtractively", () => {
    it("quotes the matching passages with their matching sentences in bold, cited [n]", () => {
        const result = answerExtractively("What percentage of reportable payments must a payor withhold for backup withholding?", [
            records,
            backup,
            fees,
        ]);
        expect(result).toMatchObject({ found: true, mode: "extractive", model: null, flags: { uncited: false, invalidCitations: [], stopped: false } });
        expect(result.sources.map((source) => [source.n, source.docId])).toEqual([[1, "p17"], [2, "iw9"], [3, "i9465"]]);
        expect(result.citations.map((citation) => citation.n)).toEqual([2]);
        expect(result.answer).toContain("iw9.pdf, page 2 [2]:");
        expect(result.answer).toContain("**A payor must deduct, withhold, and deposit with IRS 24% of reportable payments");
        expect(result.answer).toContain(" Chapter 4 rules differ.");
        expect(result.answer).not.toContain("**Chapter 4");
    });

    it("quotes at most three passages, best first", () => {
        const copies = [1, 2, 3, 4].map((index) => hit(`copy${index}`, fees.text));
        const result = answerExtractively("What is the user fee for a reinstated installment agreement?", copies);
        expect(result.citations.map((citation) => citation.docId)).toEqual(["copy1", "copy2", "copy3"]);
    });

    it("says not found when no passage shares enough terms with the question", () => {
        const result = answerExtractively("Who won the 2018 FIFA World Cup?", [backup, records, capital]);
        expect(result).toMatchObject({ found: false, answer: NOT_FOUND_ANSWER, citations: [] });
        expect(result.sources).toHaveLength(3);
    });

    it("says not found without hits", () => {
        expect(answerExtractively("Anything?", [])).toMatchObject({ found: false, sources: [], citations: [] });
    });
});
