import path from "node:path";
import { getLlama, type Llama, type LlamaModel, type LlamaRankingContext } from "node-llama-cpp";
import { EnclaveError, errorMessage } from "../errors.js";
import { cpuThreads } from "../system/hardware.js";
import type { Reranker } from "./types.js";

export interface LlamaRankerOptions {
    /** Threads for llama.cpp. Default: cpuThreads() */
    threads?: number;
    /** Tokens per (query, passage) evaluation; longer passages are split and score as their best chunk. Default: 2048 */
    contextSize?: number;
    /** The process's llama.cpp binding, when the caller already has one. Default: getLlama() */
    llama?: Llama;
}

/** A GGUF reranker (e.g. bge-reranker-v2-m3, Qwen3-Reranker) through node-llama-cpp; scores are in (0, 1). */
export class LlamaRanker implements Reranker {
    private constructor(
        readonly id: string,
        private readonly model: LlamaModel,
        private readonly context: LlamaRankingContext,
    ) {}

    static async load(modelPath: string, options: LlamaRankerOptions = {}): Promise<LlamaRanker> {
        const llama = options.llama ?? (await getLlama());
        const model = await llama.loadModel({ modelPath });
        try {
            const context = await model.createRankingContext({
                threads: options.threads ?? cpuThreads(),
                contextSize: options.contextSize ?? 2048,
            });
            return new LlamaRanker(path.basename(modelPath, ".gguf"), model, context);
        } catch (error) {
            await model.dispose();
            // llama.cpp ranks only with a classification head (cls.weight / cls.output.weight) in the file.
            throw new EnclaveError("MODEL_NOT_RERANKER", `${modelPath} cannot be used as a reranker: ${errorMessage(error)}`, {
                cause: error,
            });
        }
    }

    score(query: string, passages: string[]): Promise<number[]> {
        return this.context.rankAll(query, passages, { onOverflow: "maxChunk" });
    }

    async dispose(): Promise<void> {
        await this.context.dispose();
        await this.model.dispose();
    }
}
