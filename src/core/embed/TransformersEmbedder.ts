import path from "node:path";
import { AutoModel, AutoTokenizer, Tensor, type PreTrainedModel, type PreTrainedTokenizer } from "@huggingface/transformers";
import { EnclaveError } from "../errors.js";
import { cpuThreads } from "../system/hardware.js";
import { localModelOptions, localModelPath } from "./localTransformers.js";
import { modelFingerprint, modelMaxLength, promptPrefixes, readModelConfig, readPooling, type PromptPrefixes } from "./modelFolder.js";
import { DEFAULT_QUANTIZED_CACHE_DIR, resolveOnnxWeights, type ModelDtype } from "./onnxWeights.js";
import type { EmbedderIdentity, TextEmbedder } from "./types.js";

export interface TransformersEmbedderOptions {
    /** Intra-op threads for onnxruntime. Default: cpuThreads() */
    threads?: number;
    /**
     * Texts per inference call. Default: 8 (bench/embed.ts, MiniLM-L6 shape, 2 cores, sorted: 8 → 8.1k tokens/s,
     * 16 → 7.6k, 32 → 6.8k, 64 → 6.5k; small batches also keep the batch x length² attention buffers small).
     */
    batchSize?: number;
    /** Max tokens per text; longer texts are truncated. Default: min(tokenizer model_max_length, max_position_embeddings, 512) */
    maxLength?: number;
    /**
     * Which ONNX weights to run: "auto" runs a genuinely quantized export, else an int8 copy of the fp32 weights made
     * on first load (resolveOnnxWeights); "fp32", "q8", ... run that file as-is. Default: "auto"
     */
    dtype?: ModelDtype;
    /** Where int8 copies go when the model folder is read-only. Default: DEFAULT_QUANTIZED_CACHE_DIR (under the OS temp folder) */
    quantizedCacheDir?: string;
}

/** Sentence embeddings from a local transformers.js folder: mean or CLS pooling, L2-normalised. */
export class TransformersEmbedder implements TextEmbedder {
    private constructor(
        readonly identity: EmbedderIdentity,
        private readonly tokenizer: PreTrainedTokenizer,
        private readonly model: PreTrainedModel,
        private readonly prefixes: PromptPrefixes,
        private readonly batchSize: number,
        private readonly maxLength: number,
    ) {}

    static async load(modelDir: string, options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
        const dir = localModelPath(modelDir);
        const { text: configText, config } = readModelConfig(dir);
        if (!config.hidden_size) {
            throw new EnclaveError("MODEL_FOLDER_INVALID", `${dir}: config.json has no hidden_size, so the vector size is unknown.`);
        }
        const weights = resolveOnnxWeights(dir, options.dtype ?? "auto", options.quantizedCacheDir ?? DEFAULT_QUANTIZED_CACHE_DIR);
        let tokenizer: PreTrainedTokenizer;
        let model: PreTrainedModel;
        try {
            tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
            model = await AutoModel.from_pretrained(dir, localModelOptions(options.threads ?? cpuThreads(), weights));
        } catch (error) {
            throw new EnclaveError("MODEL_LOAD_FAILED", `Could not load the embedding model in ${dir}: ${String(error)}`, { cause: error });
        }
        const pooling = readPooling(dir);
        const identity: EmbedderIdentity = {
            id: path.basename(dir),
            dims: config.hidden_size,
            pooling,
            normalize: true,
            fingerprint: modelFingerprint(configText, weights.path),
        };
        const embedder = new TransformersEmbedder(
            identity,
            tokenizer,
            model,
            promptPrefixes(dir, config),
            options.batchSize ?? 8,
            options.maxLength ?? modelMaxLength(dir, config),
        );
        await embedder.verifyDimensions(dir);
        return embedder;
    }

    async embedDocuments(texts: string[]): Promise<Float32Array[]> {
        const encoded = texts.map((text) => this.encode(this.prefixes.passage + text));
        // Sequences of equal token length share a batch, so no compute goes to padding (13% faster than
        // sorting by characters on IRS chunks: 9.6k vs 8.5k tokens/s, MiniLM-L6 shape, 2 cores).
        const order = encoded.map((_, index) => index).sort((a, b) => encoded[b]!.length - encoded[a]!.length);
        const vectors = new Array<Float32Array>(texts.length);
        for (let start = 0; start < order.length; start += this.batchSize) {
            const indices = order.slice(start, start + this.batchSize);
            const batch = await this.embedTokenized(indices.map((index) => encoded[index]!));
            indices.forEach((index, position) => (vectors[index] = batch[position]!));
        }
        return vectors;
    }

    async embedQuery(text: string): Promise<Float32Array> {
        const [vector] = await this.embedTokenized([this.encode(this.prefixes.query + text)]);
        return vector!;
    }

    async dispose(): Promise<void> {
        await this.model.dispose();
    }

    /** Token ids with special tokens; a long text is cut to maxLength but keeps its closing token, as Python tokenizers do. */
    private encode(text: string): number[] {
        const ids = this.tokenizer.encode(text);
        return ids.length <= this.maxLength ? ids : [...ids.slice(0, this.maxLength - 1), ids.at(-1)!];
    }

    private async embedTokenized(sequences: number[][]): Promise<Float32Array[]> {
        const length = Math.max(...sequences.map((ids) => ids.length));
        const shape = [sequences.length, length];
        const inputIds = new BigInt64Array(sequences.length * length).fill(BigInt(this.tokenizer.pad_token_id ?? 0));
        const attentionMask = new BigInt64Array(sequences.length * length);
        sequences.forEach((ids, row) =>
            ids.forEach((id, column) => {
                inputIds[row * length + column] = BigInt(id);
                attentionMask[row * length + column] = 1n;
            }),
        );
        const outputs = (await this.model({
            input_ids: new Tensor("int64", inputIds, shape),
            // token_type_ids, for models that take them, are zero-filled by transformers.js.
            attention_mask: new Tensor("int64", attentionMask, shape),
        })) as Record<string, Tensor | undefined>;
        // Exports name the per-token output differently; transformers.js' feature-extraction pipeline checks the same names.
        const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits;
        if (!hidden) throw new EnclaveError("MODEL_OUTPUT_INVALID", `${this.identity.id} returned no token embeddings.`);
        return poolAndNormalize(hidden.data as Float32Array, attentionMask, hidden.dims as [number, number, number], this.identity.pooling);
    }

    /** The config's hidden_size is the identity's dims; a model whose output disagrees would poison a collection. */
    private async verifyDimensions(dir: string): Promise<void> {
        const probe = await this.embedQuery("dimension probe");
        if (probe.length !== this.identity.dims) {
            await this.dispose();
            throw new EnclaveError(
                "MODEL_OUTPUT_INVALID",
                `${dir}: config.json says hidden_size ${this.identity.dims} but the model outputs ${probe.length} dimensions.`,
            );
        }
    }
}

/** One L2-normalised vector per sequence of `hidden` [batch, tokens, dims], from masked mean or the CLS token. */
function poolAndNormalize(
    hidden: Float32Array,
    mask: BigInt64Array,
    [batch, tokens, dims]: [number, number, number],
    pooling: "mean" | "cls",
): Float32Array[] {
    const vectors: Float32Array[] = [];
    for (let sequence = 0; sequence < batch; sequence++) {
        const vector = new Float32Array(dims);
        const lastToken = pooling === "cls" ? 1 : tokens;
        for (let token = 0; token < lastToken; token++) {
            if (mask[sequence * tokens + token] === 0n) continue;
            const offset = (sequence * tokens + token) * dims;
            for (let dim = 0; dim < dims; dim++) vector[dim]! += hidden[offset + dim]!;
        }
        // Dividing by the token count is unnecessary: normalisation removes any uniform scale.
        let norm = 0;
        for (let dim = 0; dim < dims; dim++) norm += vector[dim]! * vector[dim]!;
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
        for (let dim = 0; dim < dims; dim++) vector[dim]! *= scale;
        vectors.push(vector);
    }
    return vectors;
}
