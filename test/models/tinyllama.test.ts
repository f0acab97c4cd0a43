/**
 * Grounded answers from the real TinyLlama 1.1B Chat (IQ2_XXS) on real IRS passages, read from the PDFs.
 */
import fs from "node:fs";
import path from "node:path";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Answerer, STOPPED_NOTICE } from "../../src/core/generate/Answerer.js";
import { ChatModel } from "../../src/core/generate/ChatModel.js";
import { NOT_FOUND_ANSWER } from "../../src/core/generate/citations.js";
import { sentenceSpans } from "../../src/core/text/sentences.js";
import type { AnswerResult, SearchHit } from "../../src/core/types.js";
import { ensureTinyLlama, IRS_DIR } from "../helpers/assets.js";

/** About 400 characters of a real page around `needle`, cut at sentence ends, as a retrieval hit would hold. */
async function passage(fileName: string, page: number, needle: string, score: number): Promise<SearchHit> {
    const parser = new PDFParse({ data: fs.readFileSync(path.join(IRS_DIR, fileName)) });
    const pageText = (await parser.getText({ partial: [page] })).pages[0]?.text ?? "";
    await parser.destroy();
    const text = pageText.replace(/\s+/gu, " ");
    const at = text.indexOf(needle);
    if (at < 0) throw new Error(`"${needle}" not found on page ${page} of ${fileName}`);
    const charStart = text.lastIndexOf(". ", at - 150) + 2;
    const charEnd = text.indexOf(". ", at + 250) + 1;
    return {
        chunkId: `${fileName}:${page}`,
        docId: fileName,
        path: path.join(IRS_DIR, fileName),
        fileType: "pdf",
        title: null,
        text: text.slice(charStart, charEnd),
        pageStart: page,
        pageEnd: page,
        headingPath: [],
        charStart,
        charEnd,
        score,
        scores: {},
        ranks: {},
    };
}

function report(label: string, result: AnswerResult): void {
    const { firstTokenMs = 0, tokensPerSecond = 0, tokens } = result.timings;
    console.log(
        `[tinyllama] ${label}: TTFT ${firstTokenMs.toFixed(0)} ms, ${tokensPerSecond.toFixed(1)} tokens/s, ${tokens} tokens, ` +
            `found=${result.found}, citations=[${result.citations.map((citation) => citation.n)}], notices=${JSON.stringify(result.notices)}\n` +
            `  answer: ${JSON.stringify(result.answer)}`,
    );
}

describe("Answerer with TinyLlama on IRS passages", () => {
    let model: ChatModel;
    let hits: SearchHit[];

    beforeAll(async () => {
        model = await ChatModel.load(await ensureTinyLlama());
        hits = [
            await passage("p17.pdf", 20, "Proof of Payment", 0.9),
            await passage("i9465.pdf", 1, "The user fee is $10", 0.8),
            await passage("iw9.pdf", 2, "A payor must deduct, withhold", 0.7),
        ];
    });

    afterAll(async () => {
        await model.dispose();
    });

    it("answers from the right passage and cites its number", async () => {
        const chunks: string[] = [];
        const result = await new Answerer(model).answer(
            "What is the user fee for an installment agreement reinstated through an online payment agreement?",
            hits,
            { maxTokens: 64, temperature: 0, onToken: (text) => chunks.push(text) },
        );
        report("answerable", result);
        expect(model.contextSize).toBe(2048);
        expect(result.found).toBe(true);
        expect(result.answer).toContain("$10");
        // One sentence by default: generation stops at its end.
        expect(sentenceSpans(result.answer, 0, result.answer.length)).toHaveLength(1);
        // The streamed text is the model's; the final answer adds citation markers where the model left them out.
        const withoutMarkers = (text: string) => text.replace(/\s*\[\d+\]/gu, "").trim();
        expect(withoutMarkers(result.answer)).toBe(withoutMarkers(chunks.join("")));
        // Ranked second, the fee passage is shown last: [3].
        expect(result.sources.map((source) => source.docId)).toEqual(["p17.pdf", "iw9.pdf", "i9465.pdf"]);
        // TinyLlama IQ2_XXS states the fact but rarely writes [n] itself; either way the claim must end up
        // cited to the fee passage, by the model or by attribution.
        expect(result.flags.uncited).toBe(false);
        expect(result.citations[0]).toMatchObject({ n: 3, docId: "i9465.pdf", page: 1 });
        expect(result.flags.invalidCitations).toEqual([]);
        expect(result.timings.firstTokenMs).toBeGreaterThan(0);
        expect(result.timings.tokensPerSecond).toBeGreaterThan(0);
    });

    it("streams a sentence at a time, and stopping after the first keeps it, flagged as stopped", async () => {
        const controller = new AbortController();
        const streamed: string[] = [];
        const result = await new Answerer(model).answer(
            "What is the user fee for an installment agreement reinstated through an online payment agreement?",
            hits,
            {
                maxTokens: 64,
                // With the default of one, the first sentence would end the answer anyway.
                maxSentences: 3,
                temperature: 0,
                signal: controller.signal,
                onToken: (text) => {
                    streamed.push(text);
                    controller.abort();
                },
            },
        );
        // The first sentence, cited; after the stop, at most the few words already generated follow.
        expect(streamed[0]).toMatch(/\$10\b.*\[3\]\.$/u);
        expect(streamed.length).toBeLessThanOrEqual(2);
        expect(result.timings.tokens).toBeLessThan(64);
        expect(result.notices).toContain(STOPPED_NOTICE);
        expect(result.flags.stopped).toBe(true);
        expect(result.answer).toBe(streamed.join("").trim());
        expect(result.citations[0]).toMatchObject({ n: 3, docId: "i9465.pdf" });
    });

    it("says not found for a question the passages do not answer", async () => {
        const result = await new Answerer(model).answer("Who won the 2018 FIFA World Cup?", hits, { maxTokens: 64, temperature: 0 });
        report("unanswerable", result);
        expect(result).toMatchObject({ found: false, answer: NOT_FOUND_ANSWER, citations: [] });
        expect(result.sources).toHaveLength(3);
    });
});
