import { describe, expect, it } from "vitest";
import type { ChatTurn } from "../../src/core/api/contract.js";
import { CHAT_MEMORY_TURNS, chatMemory } from "../../src/core/chats/chatMemory.js";
import type { AnswerResult } from "../../src/core/types.js";

function turn(n: number, answer: string): ChatTurn {
    const result = { answer, found: answer !== "" } as AnswerResult;
    return { id: `t${n}`, question: `Question ${n}?`, askedAt: "", answer: result, stopped: answer === "" };
}

describe("chatMemory", () => {
    it("keeps the last turns that said something, oldest first, as question and answer text", () => {
        const turns = [turn(1, "One [1]."), turn(2, "Two [1]."), turn(3, "Three [2]."), turn(4, "Four [1]."), turn(5, "")];
        expect(CHAT_MEMORY_TURNS).toBe(3);
        expect(chatMemory(turns)).toEqual([
            { question: "Question 2?", answer: "Two [1]." },
            { question: "Question 3?", answer: "Three [2]." },
            { question: "Question 4?", answer: "Four [1]." },
        ]);
        expect(chatMemory([])).toEqual([]);
    });
});
