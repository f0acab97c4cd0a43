/**
 * Reading a transformers.js model folder (config.json, tokenizer files, onnx/model*.onnx,
 * sentence-transformers' 1_Pooling/config.json) without loading any weights.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { EnclaveError } from "../errors.js";

/** ONNX weight variants we can pool directly (they all output float32 hidden states). */
export type OnnxDtype = "fp32" | "q8" | "int8" | "uint8" | "q4";

/** transformers.js' file naming: `onnx/model<suffix>.onnx` per dtype. */
const ONNX_SUFFIX: Record<OnnxDtype, string> = { fp32: "", q8: "_quantized", int8: "_int8", uint8: "_uint8", q4: "_q4" };

/** Tokenizer limits beyond this are placeholders (some configs say 1e30); BERT-family position tables stop at 512. */
const MAX_SUPPORTED_LENGTH = 512;

/** Encoder families whose ONNX export gives token embeddings we can pool into sentence vectors. */
const ENCODER_MODEL_TYPES = new Set([
    "bert", "roberta", "xlm-roberta", "distilbert", "mpnet", "electra", "deberta", "deberta-v2", "albert", "camembert",
    "nomic_bert", "modernbert", "jina_bert", "new",
]);

export interface ModelConfig {
    model_type?: string;
    architectures?: string[];
    hidden_size?: number;
    max_position_embeddings?: number;
    _name_or_path?: string;
}

export interface PromptPrefixes {
    query: string;
    passage: string;
}

export function onnxFilePath(dir: string, dtype: OnnxDtype): string {
    return path.join(dir, "onnx", `model${ONNX_SUFFIX[dtype]}.onnx`);
}

/** The config.json text and its parsed form; a clear error naming the folder when it is missing or broken. */
export function readModelConfig(dir: string): { text: string; config: ModelConfig } {
    const configPath = path.join(dir, "config.json");
    if (!fs.existsSync(configPath)) {
        throw new EnclaveError("MODEL_FOLDER_INVALID", `${dir} is not a model folder: config.json is missing.`);
    }
    const text = fs.readFileSync(configPath, "utf8");
    try {
        return { text, config: JSON.parse(text) as ModelConfig };
    } catch (error) {
        throw new EnclaveError("MODEL_FOLDER_INVALID", `${dir}: config.json is not valid JSON.`, { cause: error });
    }
}

/** Fails with a message naming the folder unless it holds config.json, a tokenizer and the ONNX file for `dtype`. */
export function assertModelFolder(dir: string, dtype: OnnxDtype): void {
    readModelConfig(dir);
    if (!fs.existsSync(path.join(dir, "tokenizer.json"))) {
        throw new EnclaveError("MODEL_FOLDER_INVALID", `${dir} is not a model folder: tokenizer.json is missing.`);
    }
    const onnxPath = onnxFilePath(dir, dtype);
    if (!fs.existsSync(onnxPath)) {
        throw new EnclaveError(
            "MODEL_FOLDER_INVALID",
            `${dir} has no ONNX weights for dtype "${dtype}": expected ${path.relative(dir, onnxPath)}.`,
        );
    }
}

/** sentence-transformers convention: `1_Pooling/config.json` says CLS or mean; mean when absent. */
export function readPooling(dir: string): "mean" | "cls" {
    const poolingPath = path.join(dir, "1_Pooling", "config.json");
    if (!fs.existsSync(poolingPath)) return "mean";
    const pooling = JSON.parse(fs.readFileSync(poolingPath, "utf8")) as { pooling_mode_cls_token?: boolean };
    return pooling.pooling_mode_cls_token === true ? "cls" : "mean";
}

/** min(tokenizer model_max_length, config max_position_embeddings, 512). */
export function modelMaxLength(dir: string, config: ModelConfig): number {
    const tokenizerConfigPath = path.join(dir, "tokenizer_config.json");
    const tokenizerMax = fs.existsSync(tokenizerConfigPath)
        ? (JSON.parse(fs.readFileSync(tokenizerConfigPath, "utf8")) as { model_max_length?: number }).model_max_length
        : undefined;
    return Math.min(tokenizerMax ?? Infinity, config.max_position_embeddings ?? Infinity, MAX_SUPPORTED_LENGTH);
}

/**
 * Prefixes the model was trained with, detected from the folder name or config `_name_or_path`:
 * - e5 (`e5-small-v2`, `multilingual-e5-base`, ...): "query: " / "passage: ".
 * - English bge v1.5 and older (`bge-small-en-v1.5`, ...): the retrieval instruction on queries only.
 *   bge-m3 and non-English bge models were trained without this English instruction, so they get none.
 * - anything else: no prefixes.
 */
export function promptPrefixes(dir: string, config: ModelConfig): PromptPrefixes {
    const name = `${path.basename(dir)} ${config._name_or_path ?? ""}`.toLowerCase();
    if (/(^|[^a-z0-9])e5([^a-z0-9]|$)/.test(name)) return { query: "query: ", passage: "passage: " };
    if (/bge-[a-z0-9-]*-en([^a-z]|$)/.test(name)) {
        return { query: "Represent this sentence for searching relevant passages: ", passage: "" };
    }
    return { query: "", passage: "" };
}

/** sha256 over config.json's text and the weights file's name and size: changes whenever the model does. */
export function modelFingerprint(configText: string, onnxPath: string): string {
    return createHash("sha256")
        .update(configText)
        .update("\0")
        .update(path.basename(onnxPath))
        .update("\0")
        .update(String(fs.statSync(onnxPath).size))
        .digest("hex");
}

/**
 * What a model folder holds, given it has onnx/model*.onnx weights: a cross-encoder (config architectures
 * "...ForSequenceClassification"), a sentence embedder (an encoder model_type), or neither (null).
 */
export function detectModelFolderKind(dir: string): "embedder" | "reranker" | null {
    let config: ModelConfig;
    try {
        config = readModelConfig(dir).config;
    } catch {
        return null;
    }
    const onnxDir = path.join(dir, "onnx");
    const hasOnnx = fs.existsSync(onnxDir) && fs.readdirSync(onnxDir).some((name) => /^model.*\.onnx$/.test(name));
    if (!hasOnnx) return null;
    if (config.architectures?.some((architecture) => architecture.endsWith("ForSequenceClassification"))) return "reranker";
    return ENCODER_MODEL_TYPES.has(config.model_type ?? "") ? "embedder" : null;
}
