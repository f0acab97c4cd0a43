import { EmbedderWorker } from "../embed/EmbedderWorker.js";
import { CrossEncoderReranker } from "../embed/CrossEncoderReranker.js";
import { LlamaRanker } from "../embed/LlamaRanker.js";
import type { Reranker, TextEmbedder } from "../embed/types.js";
import { ChatModel } from "../generate/ChatModel.js";
import type { InstalledModel } from "../models/ModelRegistry.js";

/**
 * Loaded models, kept for the life of the engine: loading a chat model or an embedder costs seconds, so
 * consecutive requests share them. Loads of the same model are deduplicated; `dispose()` frees them all.
 */
export class ModelPool {
    private readonly loaded = new Map<string, Promise<{ dispose(): Promise<void> }>>();

    embedder(modelDir: string): Promise<TextEmbedder> {
        return this.get(`embedder:${modelDir}`, () => EmbedderWorker.start(modelDir));
    }

    reranker(model: InstalledModel): Promise<Reranker> {
        return this.get<Reranker>(`reranker:${model.path}`, () =>
            model.format === "gguf" ? LlamaRanker.load(model.path) : CrossEncoderReranker.load(model.path),
        );
    }

    chatModel(modelPath: string, loraPath?: string): Promise<ChatModel> {
        return this.get(`chat:${modelPath}:${loraPath ?? ""}`, () =>
            ChatModel.load(modelPath, loraPath ? { lora: { filePath: loraPath } } : {}),
        );
    }

    async dispose(): Promise<void> {
        const all = await Promise.allSettled(this.loaded.values());
        this.loaded.clear();
        await Promise.all(all.map((entry) => (entry.status === "fulfilled" ? entry.value.dispose() : undefined)));
    }

    private get<T extends { dispose(): Promise<void> }>(key: string, load: () => Promise<T>): Promise<T> {
        let entry = this.loaded.get(key);
        if (!entry) {
            entry = load();
            this.loaded.set(key, entry);
            // A failed load is not cached: the user may fix the file and retry.
            entry.catch(() => this.loaded.delete(key));
        }
        return entry as Promise<T>;
    }
}
