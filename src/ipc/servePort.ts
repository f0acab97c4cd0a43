import type { EnclaveApi } from "../core/api/contract.js";
import { invokeMethod } from "../core/api/invokeMethod.js";
import { isApiMethodName } from "../core/api/methods.js";
import { EnclaveError } from "../core/errors.js";
import { errorBody } from "../server/httpStatus.js";
import { listenToPort, type MessagePortLike } from "./messagePort.js";
import type { CallMessage, EngineMessage } from "./messages.js";
import { parseCallerMessage } from "./parseCallerMessage.js";

/** A port the API is served on. */
export interface ServedPort {
    /** Aborts the port's running calls and resolves once each has answered. */
    close(): Promise<void>;
    /** Resolves when the other end has gone (its page closed or reloaded) or `close()` was called. */
    readonly closed: Promise<void>;
}

/**
 * Serves the API contract on one end of a message channel: each call is dispatched through the method table
 * (validated there), its stream forwarded as data messages, its outcome sent once. A cancel message, or the
 * other end going away, aborts the call through its AbortSignal, as a disconnecting HTTP client does.
 */
export function servePort(api: EnclaveApi, port: MessagePortLike): ServedPort {
    const running = new Map<string, { controller: AbortController; answered: Promise<void> }>();
    const send = (message: EngineMessage) => port.postMessage(message);
    let markClosed = () => {};
    const closed = new Promise<void>((resolve) => (markClosed = resolve));

    async function answer(call: CallMessage, signal: AbortSignal): Promise<void> {
        try {
            if (!isApiMethodName(call.method)) throw new EnclaveError("METHOD_NOT_FOUND", `There is no API method "${call.method}".`);
            const value = await invokeMethod(api, call.method, call.argument, {
                signal,
                emit: (_event, data) => send({ type: "data", id: call.id, data }),
            });
            // A call that still returns once aborted (an answer stopped mid-way) reports what it kept.
            send({ type: "result", id: call.id, value });
        } catch (error) {
            send({ type: "error", id: call.id, error: errorBody(signal.aborted ? signal.reason : error).error });
        }
    }

    function start(call: CallMessage): void {
        if (running.has(call.id)) {
            send({ type: "error", id: call.id, error: { code: "BAD_MESSAGE", message: `A call with id ${call.id} is already running.` } });
            return;
        }
        const controller = new AbortController();
        const answered = answer(call, controller.signal).finally(() => running.delete(call.id));
        running.set(call.id, { controller, answered });
    }

    async function close(): Promise<void> {
        const calls = [...running.values()];
        for (const call of calls) call.controller.abort(new EnclaveError("CANCELLED", "The connection to the engine closed."));
        markClosed();
        await Promise.all(calls.map((call) => call.answered));
    }

    listenToPort(
        port,
        (data) => {
            const message = parseCallerMessage(data);
            if (message?.type === "call") start(message);
            else if (message?.type === "cancel") running.get(message.id)?.controller.abort(new EnclaveError("ABORTED", "The call was cancelled."));
        },
        () => void close(),
    );
    return { close, closed };
}
