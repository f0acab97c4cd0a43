import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export interface HashedCopyOptions {
    /** Called with the size of each piece copied. Default: none */
    onBytes?: (bytes: number) => void;
    /** Stops the copy; the partial target is left for the caller to remove. Default: none */
    signal?: AbortSignal;
}

/** Copies `source` to a new file `target` (never overwritten) and returns the sha256 of the bytes copied, read once. */
export async function copyFileHashed(source: string, target: string, options: HashedCopyOptions = {}): Promise<string> {
    const hash = createHash("sha256");
    const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
            hash.update(chunk);
            options.onBytes?.(chunk.length);
            done(null, chunk);
        },
    });
    await pipeline(createReadStream(source), hashing, createWriteStream(target, { flags: "wx" }), { signal: options.signal });
    return hash.digest("hex");
}
