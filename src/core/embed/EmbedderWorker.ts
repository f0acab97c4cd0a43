import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { EnclaveError } from "../errors.js";
import type { EmbedReply, EmbedRequest, EmbedWorkerData } from "./embedWorker.js";
import type { TransformersEmbedderOptions } from "./TransformersEmbedder.js";
import type { EmbedderIdentity, TextEmbedder } from "./types.js";

type RequestBody = { kind: "documents"; texts: string[] } | { kind: "query"; text: string } | { kind: "dispose" };

interface PendingCall {
    resolve: (vectors: Float32Array[]) => void;
    reject: (error: Error) => void;
}

/**
 * A TransformersEmbedder running in a worker thread, so long embedding jobs never block the caller's event loop.
 * Same results as the in-thread embedder; `dispose()` frees the model and ends the thread.
 */
export class EmbedderWorker implements TextEmbedder {
    private readonly pending = new Map<number, PendingCall>();
    private nextId = 0;
    private exitError: Error | null = null;

    private constructor(
        private readonly worker: Worker,
        readonly identity: EmbedderIdentity,
    ) {
        worker.on("message", (reply: EmbedReply) => this.settle(reply));
        worker.on("error", (error) => this.failAll(error));
        worker.on("exit", (code) => this.failAll(new EnclaveError("EMBEDDER_STOPPED", `The embedding worker exited (code ${code}).`)));
    }

    static async start(modelDir: string, options: TransformersEmbedderOptions = {}): Promise<EmbedderWorker> {
        const worker = spawnEmbedWorker({ modelDir, options });
        const identity = await new Promise<EmbedderIdentity>((resolve, reject) => {
            worker.once("error", reject);
            worker.once("exit", (code) => reject(new EnclaveError("EMBEDDER_STOPPED", `The embedding worker exited (code ${code}) while loading.`)));
            worker.once("message", (reply: EmbedReply) => {
                if (reply.kind === "ready") resolve(reply.identity);
                else if (reply.kind === "loadFailed") reject(new EnclaveError(reply.code ?? "MODEL_LOAD_FAILED", reply.message));
            });
        }).catch(async (error: unknown) => {
            await worker.terminate();
            throw error;
        });
        worker.removeAllListeners();
        return new EmbedderWorker(worker, identity);
    }

    embedDocuments(texts: string[]): Promise<Float32Array[]> {
        if (texts.length === 0) return Promise.resolve([]);
        return this.call({ kind: "documents", texts });
    }

    async embedQuery(text: string): Promise<Float32Array> {
        const [vector] = await this.call({ kind: "query", text });
        return vector!;
    }

    async dispose(): Promise<void> {
        if (this.exitError) return;
        // Let the worker release the onnxruntime session before the thread goes away.
        await this.call({ kind: "dispose" });
        await this.worker.terminate();
    }

    private call(body: RequestBody): Promise<Float32Array[]> {
        if (this.exitError) return Promise.reject(this.exitError);
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.worker.postMessage({ id, ...body } satisfies EmbedRequest);
        });
    }

    private settle(reply: EmbedReply): void {
        if (reply.kind !== "result" && reply.kind !== "failed") return;
        const call = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.kind === "result") call?.resolve(reply.vectors);
        else call?.reject(new EnclaveError(reply.code ?? "EMBEDDING_FAILED", reply.message));
    }

    private failAll(error: Error): void {
        this.exitError ??= error;
        for (const call of this.pending.values()) call.reject(error);
        this.pending.clear();
    }
}

/**
 * Starts embedWorker next to this module: `.js` in dist/. From source (vitest, tsx) the thread must first register
 * tsx's hooks itself: on Node 20 `execArgv: ["--import", "tsx"]` does not apply them to a worker's entry module.
 */
function spawnEmbedWorker(workerData: EmbedWorkerData): Worker {
    if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./embedWorker.js", import.meta.url), { workerData });
    // The ESM build of "tsx/esm/api" (require.resolve only finds its CJS build, which cannot register from a worker).
    const tsxApi = new URL("./esm/api/index.mjs", pathToFileURL(createRequire(import.meta.url).resolve("tsx"))).href;
    const entry = new URL("./embedWorker.ts", import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(bootstrap, { eval: true, workerData });
}
