import type { ChatTurn } from "../api/contract.js";

/** Earlier turns given to the model: more would crowd the sources out of a small model's context. */
export const CHAT_MEMORY_TURNS = 3;

/** The chat's last turns that said something, oldest first, as the answer path's `history`. */
export function chatMemory(turns: ChatTurn[]): Array<{ question: string; answer: string }> {
    return turns
        .filter((turn) => turn.answer.answer.trim() !== "")
        .slice(-CHAT_MEMORY_TURNS)
        .map((turn) => ({ question: turn.question, answer: turn.answer.answer }));
}
