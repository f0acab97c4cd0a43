import { EmbedderWorker } from "../embed/EmbedderWorker.js";
import { CrossEncoderReranker } from "../embed/CrossEncoderReranker.js";
import { LlamaRanker } from "../embed/LlamaRanker.js";
import type { Reranker, TextEmbedder } from "../embed/types.js";
import { ChatModel, type ChatModelOptions } from "../generate/ChatModel.js";
import type { InstalledModel } from "../models/ModelRegistry.js";

/** A chat model loaded with one set of options, and how many calls are using it now. */
interface LoadedChatModel {
    key: string;
    loading: Promise<ChatModel>;
    users: number;
    /** Replaced by a model loaded with other options: disposed once its last user is done. */
    retired: boolean;
}

/**
 * Loaded models, kept for the life of the engine: loading a chat model or an embedder costs seconds, so
 * consecutive requests share them. Loads of the same model are deduplicated; `dispose()` frees them all.
 * One chat model is kept at a time (it is by far the largest): asking for another model, or the same one with
 * other threads, GPU layers, context size or LoRA adapter, loads it and frees the previous one once unused.
 */
export class ModelPool {
    private readonly loaded = new Map<string, Promise<{ dispose(): Promise<void> }>>();
    private readonly chatModels = new Set<LoadedChatModel>();

    embedder(modelDir: string): Promise<TextEmbedder> {
        return this.get(`embedder:${modelDir}`, () => EmbedderWorker.start(modelDir));
    }

    reranker(model: InstalledModel): Promise<Reranker> {
        return this.get<Reranker>(`reranker:${model.path}`, () =>
            model.format === "gguf" ? LlamaRanker.load(model.path) : CrossEncoderReranker.load(model.path),
        );
    }

    /** Runs `use` with the chat model at `modelPath` loaded with `options`; the model stays loaded for later calls. */
    async useChatModel<T>(modelPath: string, options: ChatModelOptions, use: (model: ChatModel) => Promise<T>): Promise<T> {
        const entry = this.chatModel(modelPath, options);
        entry.users++;
        try {
            return await use(await entry.loading);
        } finally {
            entry.users--;
            if (entry.retired && entry.users === 0) await this.disposeChatModel(entry);
        }
    }

    async dispose(): Promise<void> {
        const all = await Promise.allSettled(this.loaded.values());
        this.loaded.clear();
        await Promise.all(all.map((entry) => (entry.status === "fulfilled" ? entry.value.dispose() : undefined)));
        await Promise.all([...this.chatModels].map((entry) => this.disposeChatModel(entry)));
    }

    private chatModel(modelPath: string, options: ChatModelOptions): LoadedChatModel {
        const { threads, gpuLayers = "auto", contextSize = "auto", lora } = options;
        const key = JSON.stringify([modelPath, threads ?? "auto", gpuLayers, contextSize, lora?.filePath ?? null, lora?.scale ?? 1]);
        const current = [...this.chatModels].find((entry) => !entry.retired);
        if (current?.key === key) return current;
        if (current) current.retired = true;
        // An unused model is freed before the next one loads, so that the two never need memory at once.
        const freed = current && current.users === 0 ? this.disposeChatModel(current).catch(() => undefined) : Promise.resolve();
        const entry: LoadedChatModel = { key, loading: freed.then(() => ChatModel.load(modelPath, options)), users: 0, retired: false };
        this.chatModels.add(entry);
        // A failed load is not kept: the user may fix the file and retry.
        entry.loading.catch(() => this.chatModels.delete(entry));
        return entry;
    }

    private async disposeChatModel(entry: LoadedChatModel): Promise<void> {
        if (!this.chatModels.delete(entry)) return;
        const model = await entry.loading.catch(() => null);
        await model?.dispose();
    }

    private get<T extends { dispose(): Promise<void> }>(key: string, load: () => Promise<T>): Promise<T> {
        let entry = this.loaded.get(key);
        if (!entry) {
            entry = load();
            this.loaded.set(key, entry);
            // A failed load is not kept: the user may fix the file and retry.
            entry.catch(() => this.loaded.delete(key));
        }
        return entry as Promise<T>;
    }
}
