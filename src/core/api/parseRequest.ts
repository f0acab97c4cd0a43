import type { z } from "zod";
import { EnclaveError } from "../errors.js";

/** Validates a request at the API boundary; the error names each bad field in plain words. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, request: unknown): z.infer<Schema> {
    const parsed = schema.safeParse(request);
    if (parsed.success) return parsed.data;
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`);
    throw new EnclaveError("BAD_REQUEST", problems.join("; "));
}
