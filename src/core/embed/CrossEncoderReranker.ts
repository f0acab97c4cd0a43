import path from "node:path";
import {
    AutoModelForSequenceClassification,
    AutoTokenizer,
    type PreTrainedModel,
    type PreTrainedTokenizer,
    type Tensor,
} from "@huggingface/transformers";
import { EnclaveError } from "../errors.js";
import { cpuThreads } from "../system/hardware.js";
import { localModelOptions, localModelPath } from "./localTransformers.js";
import { modelMaxLength, readModelConfig } from "./modelFolder.js";
import { DEFAULT_QUANTIZED_CACHE_DIR, resolveOnnxWeights, type ModelDtype } from "./onnxWeights.js";
import type { Reranker } from "./types.js";

export interface CrossEncoderRerankerOptions {
    /** Intra-op threads for onnxruntime. Default: cpuThreads() */
    threads?: number;
    /** (query, passage) pairs per inference call. Default: 16 */
    batchSize?: number;
    /** Max tokens per pair; the passage end is cut first. Default: min(tokenizer model_max_length, max_position_embeddings, 512) */
    maxLength?: number;
    /** Which ONNX weights to run, as for TransformersEmbedder. Default: "auto" */
    dtype?: ModelDtype;
    /** Where int8 copies go when the model folder is read-only. Default: DEFAULT_QUANTIZED_CACHE_DIR (under the OS temp folder) */
    quantizedCacheDir?: string;
    /** Map logits through a sigmoid to (0, 1); the order is the same either way. Default: false */
    sigmoid?: boolean;
}

/**
 * A cross-encoder (e.g. ms-marco-MiniLM-L-6-v2) from a local transformers.js folder. The score is the logit of
 * the last label: the only one for single-logit rerankers, "relevant" for two-label ones.
 */
export class CrossEncoderReranker implements Reranker {
    private constructor(
        readonly id: string,
        private readonly tokenizer: PreTrainedTokenizer,
        private readonly model: PreTrainedModel,
        private readonly batchSize: number,
        private readonly maxLength: number,
        private readonly sigmoid: boolean,
    ) {}

    static async load(modelDir: string, options: CrossEncoderRerankerOptions = {}): Promise<CrossEncoderReranker> {
        const dir = localModelPath(modelDir);
        const { config } = readModelConfig(dir);
        const weights = resolveOnnxWeights(dir, options.dtype ?? "auto", options.quantizedCacheDir ?? DEFAULT_QUANTIZED_CACHE_DIR);
        try {
            const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
            const model = await AutoModelForSequenceClassification.from_pretrained(
                dir,
                localModelOptions(options.threads ?? cpuThreads(), weights),
            );
            return new CrossEncoderReranker(
                path.basename(dir),
                tokenizer,
                model,
                options.batchSize ?? 16,
                options.maxLength ?? modelMaxLength(dir, config),
                options.sigmoid ?? false,
            );
        } catch (error) {
            throw new EnclaveError("MODEL_LOAD_FAILED", `Could not load the reranker in ${dir}: ${String(error)}`, { cause: error });
        }
    }

    async score(query: string, passages: string[]): Promise<number[]> {
        const scores: number[] = [];
        for (let start = 0; start < passages.length; start += this.batchSize) {
            const batch = passages.slice(start, start + this.batchSize);
            const inputs = this.tokenizer(batch.map(() => query), {
                text_pair: batch,
                padding: true,
                truncation: true,
                max_length: this.maxLength,
            });
            const { logits } = (await this.model(inputs)) as { logits: Tensor };
            const [rows, labels] = logits.dims as [number, number];
            const data = logits.data as Float32Array;
            for (let row = 0; row < rows; row++) {
                const logit = data[row * labels + labels - 1]!;
                scores.push(this.sigmoid ? 1 / (1 + Math.exp(-logit)) : logit);
            }
        }
        return scores;
    }

    async dispose(): Promise<void> {
        await this.model.dispose();
    }
}
