import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";
import { Enclave } from "../../src/core/api/Enclave.js";
import { CollectionStore } from "../../src/core/index/CollectionStore.js";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";

/** Starts an ingest in a child process and SIGKILLs it once `killAfter` files are done. */
function ingestAndKill(dataDir: string, modelsDir: string, killAfter: number): Promise<number> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(PACKAGE_ROOT, "test/helpers/ingestChild.ts"), dataDir, IRS_DIR, modelsDir], {
            cwd: PACKAGE_ROOT,
            stdio: ["ignore", "pipe", "inherit"],
        });
        let filesDone = 0;
        child.stdout.setEncoding("utf8").on("data", (data: string) => {
            filesDone += data.split("\n").filter((line) => line === "file-done").length;
            if (filesDone >= killAfter) child.kill("SIGKILL");
        });
        child.on("error", reject);
        child.on("exit", () => resolve(filesDone));
    });
}

describe("a crash in the middle of an ingest", () => {
    const dataDir = makeTempDir("crash");
    const modelsDir = makeTempDir("no-models");
    const enclave = new Enclave({ dataDir, env: { ENCLAVE_MODELS_DIR: modelsDir } });
    afterAll(() => enclave.dispose());

    it("leaves a consistent index that the next run completes", async () => {
        const filesDoneBeforeKill = await ingestAndKill(dataDir, modelsDir, 20);
        expect(filesDoneBeforeKill).toBeGreaterThanOrEqual(20);
        expect(filesDoneBeforeKill).toBeLessThan(52);

        // The interrupted collection opens and answers queries.
        const partial = await enclave.collections();
        expect(partial.map((c) => c.name)).toEqual(["crash"]);
        expect(partial[0]!.documents).toBeLessThan(52);
        await enclave.search({ collection: "crash", query: "standard deduction" });

        const report = await enclave.ingest({ collection: "crash", folders: [IRS_DIR] });
        expect(report.failed).toEqual([]);
        expect(report.skipped + (report.files - report.skipped)).toBe(52);
        const [info] = await enclave.collections();
        expect(info).toMatchObject({ documents: 52, pages: 1519 });

        // Every stored chunk belongs to a committed document version: none duplicated, none orphaned.
        const store = await CollectionStore.open(path.join(dataDir, "collections", "crash"), "crash");
        const documents = await store.listDocuments();
        const expectedChunks = documents.reduce((sum, doc) => sum + doc.chunks, 0);
        expect((await store.stats()).chunks).toBe(expectedChunks);
        store.close();
    }, 600_000);
});
