/** Errors from any API call, turned into something a person can read and the UI can act on. */

export interface UserError {
    /** The engine's stable code (EnclaveError.code), or one of ABORTED, CONNECTION_LOST, INTERNAL. */
    code: string;
    message: string;
}

/** Codes whose engine message is written for developers; the UI says it in plain words instead. */
const PLAIN_MESSAGES: Readonly<Record<string, string>> = {
    UNAUTHORIZED: "This window is no longer signed in to Enclave. Open Enclave again from the link it printed when it started.",
    CONNECTION_LOST: "Enclave's engine cannot be reached. It may have been closed or restarted.",
};

export function toUserError(error: unknown): UserError {
    if (isAborted(error)) return { code: "ABORTED", message: "Stopped." };
    if (error instanceof TypeError && /fetch|network|load failed/iu.test(error.message)) return { code: "CONNECTION_LOST", message: PLAIN_MESSAGES.CONNECTION_LOST! };
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const stableCode = typeof code === "string" ? code : "INTERNAL";
    const text = PLAIN_MESSAGES[stableCode] ?? (typeof message === "string" && message ? message : String(error));
    return { code: stableCode, message: text };
}

/** A call ended because the user stopped it (fetch's AbortError, or the bridge's ABORTED). */
export function isAborted(error: unknown): boolean {
    if (error instanceof DOMException && error.name === "AbortError") return true;
    return (error as { code?: unknown } | null)?.code === "ABORTED";
}

/** The engine could not be reached at all, as opposed to answering with an error. */
export function isConnectionError(error: unknown): boolean {
    return toUserError(error).code === "CONNECTION_LOST";
}
