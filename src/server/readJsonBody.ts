import type { IncomingMessage } from "node:http";
import { EnclaveError } from "../core/errors.js";

/** Reads and parses a JSON request body of at most `maxBytes`; an empty body is `undefined`. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
    const tooLarge = () => new EnclaveError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`);
    if (Number(req.headers["content-length"] ?? 0) > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    if (text.trim() === "") return undefined;
    try {
        return JSON.parse(text) as unknown;
    } catch {
        throw new EnclaveError("BAD_REQUEST", "The request body is not valid JSON.");
    }
}
