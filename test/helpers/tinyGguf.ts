import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { SHARED_DIR } from "./assets.js";

/**
 * Writes a tiny llama-architecture GGUF with random weights (about 0.5 MB; it loads and generates gibberish in
 * node-llama-cpp) to `outPath`. A different `seed` gives different bytes of the same shape.
 */
export async function writeTinyGguf(outPath: string, options: { seed?: number; contextLength?: number } = {}): Promise<string> {
    await promisify(execFile)(process.execPath, [
        path.join(SHARED_DIR, "tools", "gen-tiny-gguf.mjs"),
        outPath,
        "--seed",
        String(options.seed ?? 1),
        "--ctx",
        String(options.contextLength ?? 4096),
    ]);
    return outPath;
}
