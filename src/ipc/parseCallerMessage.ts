import type { CallerMessage } from "./messages.js";

const CALL_ID = /^[\w-]{1,64}$/;

/**
 * The caller's message if it is well-formed, else null. A port only ever hears from its own preload, so a
 * malformed message means a bug or a tampered page: it is dropped, never allowed to throw in the engine.
 */
export function parseCallerMessage(value: unknown): CallerMessage | null {
    if (typeof value !== "object" || value === null) return null;
    const { type, id, method, argument } = value as Record<string, unknown>;
    if (typeof id !== "string" || !CALL_ID.test(id)) return null;
    if (type === "cancel") return { type, id };
    if (type === "call" && typeof method === "string") return { type, id, method, argument };
    return null;
}
