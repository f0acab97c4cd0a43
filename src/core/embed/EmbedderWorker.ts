import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
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
 * A TransformersEmbedder in its own process, so long embedding jobs never block the caller's event loop.
 * A child process rather than a worker thread: onnxruntime-node 1.21 keeps one process-wide OrtEnv, and tearing
 * down any worker thread that loaded it corrupts the heap (free(): invalid pointer, seen here in 2 of 3 runs).
 * Same results as the in-process embedder; `dispose()` frees the model and ends the process.
 */
export class EmbedderWorker implements TextEmbedder {
    private readonly pending = new Map<number, PendingCall>();
    private nextId = 0;
    private stoppedError: Error | null = null;

    private constructor(
        private readonly child: ChildProcess,
        readonly identity: EmbedderIdentity,
    ) {
        child.on("message", (reply: EmbedReply) => this.settle(reply));
        child.on("error", (error) => this.failAll(error));
        child.on("exit", (code, signal) =>
            this.failAll(new EnclaveError("EMBEDDER_STOPPED", `The embedding process exited (${signal ?? `code ${code}`}).`)),
        );
    }

    static async start(modelDir: string, options: TransformersEmbedderOptions = {}): Promise<EmbedderWorker> {
        const child = spawnEmbedWorker({ modelDir, options });
        try {
            return new EmbedderWorker(child, await waitUntilLoaded(child));
        } catch (error) {
            child.kill();
            throw error;
        }
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
        if (this.stoppedError) return;
        // Let the child release the onnxruntime session, then close the channel: the child exits on disconnect.
        await this.call({ kind: "dispose" });
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.disconnect();
        await exited;
    }

    private call(body: RequestBody): Promise<Float32Array[]> {
        if (this.stoppedError) return Promise.reject(this.stoppedError);
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.child.send({ id, ...body } satisfies EmbedRequest);
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
        this.stoppedError ??= error;
        for (const call of this.pending.values()) call.reject(error);
        this.pending.clear();
    }
}

/** The child's first message: the model's identity, or why it could not load. */
function waitUntilLoaded(child: ChildProcess): Promise<EmbedderIdentity> {
    return new Promise((resolve, reject) => {
        const onExit = (code: number | null): void =>
            finish(() => reject(new EnclaveError("EMBEDDER_STOPPED", `The embedding process exited (code ${code}) while loading.`)));
        const onError = (error: Error): void => finish(() => reject(error));
        const onMessage = (reply: EmbedReply): void => {
            if (reply.kind === "ready") finish(() => resolve(reply.identity));
            else if (reply.kind === "loadFailed") finish(() => reject(new EnclaveError(reply.code ?? "MODEL_LOAD_FAILED", reply.message)));
        };
        const finish = (settle: () => void): void => {
            child.off("message", onMessage).off("error", onError).off("exit", onExit);
            settle();
        };
        child.on("message", onMessage).on("error", onError).on("exit", onExit);
    });
}

/**
 * Forks embedWorker next to this module: `.js` in dist/; `.ts` when running from source (vitest, tsx), with tsx's
 * loader resolved from here so the caller's working directory does not matter. "advanced" serialization carries
 * Float32Arrays as typed arrays instead of JSON.
 */
function spawnEmbedWorker(data: EmbedWorkerData): ChildProcess {
    const fromSource = import.meta.url.endsWith(".ts");
    const entry = fileURLToPath(new URL(fromSource ? "./embedWorker.ts" : "./embedWorker.js", import.meta.url));
    const execArgv = fromSource ? ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href] : [];
    return fork(entry, [JSON.stringify(data)], { execArgv, serialization: "advanced" });
}
