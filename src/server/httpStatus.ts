import type { ServerResponse } from "node:http";
import { EnclaveError, errorMessage } from "../core/errors.js";

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
    UNAUTHORIZED: 401,
    FORBIDDEN_HOST: 403,
    METHOD_NOT_ALLOWED: 405,
    PAYLOAD_TOO_LARGE: 413,
};

/** HTTP status of an error code: BAD_* → 400, *_NOT_FOUND → 404, the transport's own codes, else 500. */
export function statusForCode(code: string): number {
    const status = STATUS_BY_CODE[code];
    if (status) return status;
    if (code.startsWith("BAD_")) return 400;
    if (code.endsWith("_NOT_FOUND")) return 404;
    return 500;
}

/** The `{error: {code, message}}` body every failure is answered with. */
export function errorBody(error: unknown): { error: { code: string; message: string } } {
    return { error: { code: error instanceof EnclaveError ? error.code : "INTERNAL", message: errorMessage(error) } };
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
    // A method that returns nothing (openDocument) answers `null`: JSON has no undefined.
    const body = JSON.stringify(value ?? null);
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
}

export function sendError(res: ServerResponse, error: unknown): void {
    const body = errorBody(error);
    if (res.headersSent) {
        res.destroy();
        return;
    }
    const status = statusForCode(body.error.code);
    // The rest of an oversized body is never read, so this connection cannot carry another request.
    if (status === 413) res.setHeader("Connection", "close");
    sendJson(res, status, body);
}
