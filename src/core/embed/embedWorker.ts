/**
 * Worker-thread entry for EmbedderWorker: owns one TransformersEmbedder and answers one request at a time
 * (onnxruntime already uses every thread it was given, so concurrency here would only contend).
 */
import { parentPort, workerData } from "node:worker_threads";
import { errorMessage } from "../errors.js";
import { TransformersEmbedder, type TransformersEmbedderOptions } from "./TransformersEmbedder.js";
import type { EmbedderIdentity } from "./types.js";

export interface EmbedWorkerData {
    modelDir: string;
    options: TransformersEmbedderOptions;
}

export type EmbedRequest =
    | { id: number; kind: "documents"; texts: string[] }
    | { id: number; kind: "query"; text: string }
    | { id: number; kind: "dispose" };

export type EmbedReply =
    | { kind: "ready"; identity: EmbedderIdentity }
    | { kind: "loadFailed"; message: string; code?: string }
    | { kind: "result"; id: number; vectors: Float32Array[] }
    | { kind: "failed"; id: number; message: string; code?: string };

const port = parentPort!;
const { modelDir, options } = workerData as EmbedWorkerData;

function errorCode(error: unknown): string | undefined {
    return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

try {
    const embedder = await TransformersEmbedder.load(modelDir, options);
    let queue = Promise.resolve();
    port.on("message", (request: EmbedRequest) => {
        queue = queue.then(() => answer(embedder, request));
    });
    port.postMessage({ kind: "ready", identity: embedder.identity } satisfies EmbedReply);
} catch (error) {
    port.postMessage({ kind: "loadFailed", message: errorMessage(error), code: errorCode(error) } satisfies EmbedReply);
}

async function answer(embedder: TransformersEmbedder, request: EmbedRequest): Promise<void> {
    try {
        const vectors = await perform(embedder, request);
        const reply: EmbedReply = { kind: "result", id: request.id, vectors };
        // Each vector owns its buffer, so handing the buffers over avoids copying them back.
        port.postMessage(reply, vectors.map((vector) => vector.buffer as ArrayBuffer));
    } catch (error) {
        port.postMessage({ kind: "failed", id: request.id, message: errorMessage(error), code: errorCode(error) } satisfies EmbedReply);
    }
}

async function perform(embedder: TransformersEmbedder, request: EmbedRequest): Promise<Float32Array[]> {
    switch (request.kind) {
        case "documents":
            return embedder.embedDocuments(request.texts);
        case "query":
            return [await embedder.embedQuery(request.text)];
        case "dispose":
            await embedder.dispose();
            return [];
    }
}
