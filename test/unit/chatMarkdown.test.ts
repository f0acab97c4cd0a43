import { describe, expect, it } from "vitest";
import type { Chat, ChatTurn } from "../../src/core/api/contract.js";
import { chatToMarkdown, markdownFileName } from "../../src/core/chats/chatMarkdown.js";
import { NOT_FOUND_ANSWER } from "../../src/core/generate/citations.js";
import type { AnswerResult, Citation } from "../../src/core/types.js";

function citation(n: number, path: string, page: number, pageEnd: number, excerpt: string): Citation {
    return { n, path, page, pageEnd, text: `${excerpt} More text.`, excerpt, score: 1, chunkId: `c${n}`, docId: `d${n}`, headingPath: [], charStart: 0, charEnd: 10 };
}

function answer(text: string, citations: Citation[], found = citations.length > 0): AnswerResult {
    return {
        answer: text,
        found,
        citations,
        sources: citations,
        model: null,
        mode: "extractive",
        flags: { uncited: false, invalidCitations: [], stopped: false },
        notices: [],
        timings: { retrievalMs: 0, totalMs: 0 },
    };
}

function turn(id: string, question: string, result: AnswerResult, stopped = false): ChatTurn {
    return { id, question, askedAt: "2025-01-01T00:00:00.000Z", answer: result, stopped };
}

const deadline = turn(
    "t1",
    "When is the amended return due?",
    answer("File within 3 years [1], or 2 years after paying [2].", [
        citation(1, "/docs/irs/i1040x.pdf", 4, 5, "You must file Form 1040-X within 3 years.\nAfter the original return."),
        citation(2, "/docs/notes.md", 1, 1, "Or within 2 years after you paid the tax."),
    ]),
);
const unknown = turn("t2", "Who audits the office?", answer(NOT_FOUND_ANSWER, [], false));
const chat: Chat = { id: "abc", title: "Tax deadlines", collection: "irs", createdAt: "", updatedAt: "", turns: [deadline, unknown] };

describe("chatToMarkdown", () => {
    it("writes one turn: question heading, answer with its markers, then each cited source with pages and the quoted excerpt", () => {
        const { fileName, markdown } = chatToMarkdown(chat, "t1");
        expect(fileName).toBe("when-is-the-amended-return-due.md");
        expect(markdown).toBe(
            [
                "# When is the amended return due?",
                "",
                "File within 3 years [1], or 2 years after paying [2].",
                "",
                "## Sources",
                "",
                "- [1] i1040x.pdf, p. 4–5",
                "",
                "    > You must file Form 1040-X within 3 years.",
                "    > After the original return.",
                "",
                "- [2] notes.md, p. 1",
                "",
                "    > Or within 2 years after you paid the tax.",
                "",
            ].join("\n"),
        );
    });

    it("writes the whole chat under its title, and says when an answer was not found", () => {
        const { fileName, markdown } = chatToMarkdown(chat);
        expect(fileName).toBe("tax-deadlines.md");
        expect(markdown.startsWith("# Tax deadlines\n\n## When is the amended return due?\n")).toBe(true);
        expect(markdown).toContain("### Sources");
        expect(markdown).toMatch(/## Who audits the office\?\n\nNot found in your documents\.\n$/);
    });

    it("marks stopped answers, partial or empty", () => {
        const partial = turn("t3", "Deadline?", { ...deadline.answer, answer: "File within 3 years [1]." }, true);
        const empty = turn("t4", "Deadline?", answer("", [], false), true);
        expect(chatToMarkdown({ ...chat, turns: [partial] }, "t3").markdown).toContain("File within 3 years [1].\n\n_Stopped: the answer may be incomplete._");
        const stoppedEarly = chatToMarkdown({ ...chat, turns: [empty] }, "t4").markdown;
        expect(stoppedEarly).toContain("_Stopped before an answer was written._");
        expect(stoppedEarly).not.toContain(NOT_FOUND_ANSWER);
    });

    it("refuses a turn the chat does not hold", () => {
        expect(() => chatToMarkdown(chat, "nope")).toThrow(expect.objectContaining({ code: "TURN_NOT_FOUND" }));
    });
});

describe("markdownFileName", () => {
    it.each([
        ["Tax deadlines?", "tax-deadlines.md"],
        ["  Café crème / été  ", "cafe-creme-ete.md"],
        ["../../etc/passwd", "etc-passwd.md"],
        ["東京の人口は？", "東京の人口は.md"],
        ["???", "chat.md"],
        ["a".repeat(80), `${"a".repeat(60)}.md`],
        ["word ".repeat(30), `${Array(12).fill("word").join("-")}.md`],
    ])("%j → %s", (title, expected) => {
        expect(markdownFileName(title)).toBe(expected);
    });
});
