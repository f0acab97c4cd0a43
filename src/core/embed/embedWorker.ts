/**
 * Child-process entry for EmbedderWorker: owns one TransformersEmbedder and answers one request at a time
 * (onnxruntime already uses every thread it was given, so concurrency here would only contend).
 * Started as `node embedWorker.js <EmbedWorkerData as JSON>` with an IPC channel.
 */
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

const send = (reply: EmbedReply): void => void process.send!(reply);

function errorCode(error: unknown): string | undefined {
    return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

// The parent owns this process: when it goes away (or disposes us), so do we.
process.on("disconnect", () => process.exit(0));

const { modelDir, options } = JSON.parse(process.argv[2]!) as EmbedWorkerData;
try {
    const embedder = await TransformersEmbedder.load(modelDir, options);
    let queue = Promise.resolve();
    process.on("message", (request: EmbedRequest) => {
        queue = queue.then(() => answer(embedder, request));
    });
    send({ kind: "ready", identity: embedder.identity });
} catch (error) {
    send({ kind: "loadFailed", message: errorMessage(error), code: errorCode(error) });
}

async function answer(embedder: TransformersEmbedder, request: EmbedRequest): Promise<void> {
    try {
        send({ kind: "result", id: request.id, vectors: await perform(embedder, request) });
    } catch (error) {
        send({ kind: "failed", id: request.id, message: errorMessage(error), code: errorCode(error) });
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
