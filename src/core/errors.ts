/** An error a user can act on: `code` is stable for programs, `message` is written for people. */
export class EnclaveError extends Error {
    constructor(
        readonly code: string,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        this.name = "EnclaveError";
    }
}

/** A file that could not be indexed; `reason` says why in plain words. */
export class FileError extends EnclaveError {
    constructor(
        readonly path: string,
        readonly reason: string,
        options?: { cause?: unknown },
    ) {
        super("FILE_ERROR", `${path}: ${reason}`, options);
        this.name = "FileError";
    }
}

export function errorMessage(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
