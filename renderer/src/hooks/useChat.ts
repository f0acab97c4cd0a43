/**
 * One chat: its stored turns, the question being answered (streamed token by token), and stop. A chat that
 * does not exist yet (`chatId` null) is created on its first question. The engine stores every turn,
 * stopped ones included, so after each question the chat is read back from it.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Chat, EnclaveApi } from "../../../src/core/api/contract.ts";
import { useApi } from "../api/ApiContext.tsx";
import { isAborted, toUserError, type UserError } from "../api/errors.ts";
import { useLoad } from "./useLoad.ts";

export interface PendingTurn {
    question: string;
    /** The answer so far. */
    text: string;
    /** "searching" until the first token arrives. */
    phase: "searching" | "writing";
    stopping: boolean;
}

export interface FailedQuestion {
    question: string;
    error: UserError;
}

interface UseChatOptions {
    chatId: string | null;
    collection: string;
    /** A new chat was created for the first question. */
    onCreated: (chat: Chat) => void;
    /** A turn was added: titles and order of the chat list may have changed. */
    onTurn: () => void;
}

/** A stopped turn is stored once the engine notices the stop; it is looked for this many times. */
const STORED_TURN_TRIES = 6;
const STORED_TURN_WAIT_MS = 250;

export function useChat({ chatId, collection, onCreated, onTurn }: UseChatOptions) {
    const { api } = useApi();
    const loaded = useLoad(async () => (chatId ? api.chat(chatId) : null), [api, chatId]);
    const { setData } = loaded;
    const [pending, setPending] = useState<PendingTurn | null>(null);
    const [failure, setFailure] = useState<FailedQuestion | null>(null);
    const controller = useRef<AbortController | null>(null);
    const chat = loaded.data ?? null;
    const chatRef = useRef(chat);
    chatRef.current = chat;

    const stop = useCallback(() => {
        if (!controller.current) return;
        controller.current.abort();
        setPending((turn) => turn && { ...turn, stopping: true });
    }, []);

    const ask = useCallback(
        async (question: string) => {
            if (controller.current) return;
            const abort = new AbortController();
            controller.current = abort;
            setFailure(null);
            setPending({ question, text: "", phase: "searching", stopping: false });
            let current = chatRef.current;
            const turnsBefore = current?.turns.length ?? 0;
            try {
                if (!current) {
                    current = await api.createChat({ collection });
                    setData(current);
                    onCreated(current);
                }
                const onToken = (token: string) =>
                    setPending((turn) => turn && { ...turn, text: turn.text + token, phase: "writing" });
                await api.askInChat({ chatId: current.id, question }, { onToken, signal: abort.signal });
                setData(await api.chat(current.id));
            } catch (error) {
                if (current && isAborted(error)) {
                    const stored = await storedAfterStop(api, current.id, turnsBefore).catch(() => null);
                    if (stored) setData(stored);
                } else setFailure({ question, error: toUserError(error) });
            } finally {
                controller.current = null;
                setPending(null);
                onTurn();
            }
        },
        [api, collection, onCreated, onTurn, setData],
    );

    // Leaving the chat stops its answer.
    useEffect(() => () => controller.current?.abort(), []);

    return { chat, loading: loaded.loading && !chat, error: loaded.error, pending, failure, ask, stop, dismissFailure: () => setFailure(null) };
}

/** The chat once the engine has stored the stopped turn (or as it stands after a while, if it never does). */
async function storedAfterStop(api: EnclaveApi, chatId: string, turnsBefore: number): Promise<Chat> {
    let stored = await api.chat(chatId);
    for (let tries = 1; tries < STORED_TURN_TRIES && stored.turns.length <= turnsBefore; tries++) {
        await new Promise((resolve) => window.setTimeout(resolve, STORED_TURN_WAIT_MS));
        stored = await api.chat(chatId);
    }
    return stored;
}
