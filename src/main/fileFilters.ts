import { z } from "zod";
import { parseRequest } from "../core/api/parseRequest.js";

/** What a page may ask the native file dialog to filter by, e.g. `{ name: "Models", extensions: ["gguf"] }`. */
const fileFilters = z
    .array(
        z.object({
            name: z.string().trim().min(1).max(100),
            extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, "an extension without the dot, or *")).min(1).max(20),
        }),
    )
    .max(10);

export type FileFilters = z.infer<typeof fileFilters>;

/** Validates the filters a page sent for `pickFile`; a BAD_REQUEST error names what is wrong. */
export function parseFileFilters(value: unknown): FileFilters {
    return parseRequest(fileFilters, value);
}
