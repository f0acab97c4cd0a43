import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Writes a file through a temporary name and a rename, so a crash leaves the old file or the new one, whole. */
export async function writeFileAtomic(filePath: string, data: string): Promise<void> {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    // A unique temporary name: two writes of the same file never share one.
    const temporary = `${filePath}.${randomUUID()}.tmp`;
    try {
        await fs.writeFile(temporary, data);
        await fs.rename(temporary, filePath);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
    }
}
