import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PACKAGE_ROOT } from "../config/paths.js";
import { sharedLlama } from "../generate/sharedLlama.js";
import type { ModelRegistry } from "../models/ModelRegistry.js";
import { cpuThreads } from "../system/hardware.js";
import type { CollectionInfo, DoctorReport } from "./contract.js";

const require = createRequire(import.meta.url);
const REPORTED_PACKAGES = ["node-llama-cpp", "@lancedb/lancedb", "@huggingface/transformers", "onnxruntime-node", "pdf-parse", "electron"];

/** Everything a user or supporter needs to know about this installation, without touching the network. */
export async function diagnose(dataDir: string, registry: ModelRegistry, collections: CollectionInfo[]): Promise<DoctorReport> {
    const [models, gpu] = await Promise.all([registry.list(), describeGpu()]);
    const notices: string[] = [];
    if (!models.some((model) => model.kind === "chat"))
        notices.push("No chat model installed: answers are extractive (best passages with matching sentences marked).");
    if (!models.some((model) => model.kind === "embedder"))
        notices.push("No embedder installed: search is keyword (BM25) only.");
    if (!models.some((model) => model.kind === "reranker")) notices.push("No reranker installed: results are not reranked.");

    return {
        versions: { enclave: packageVersion(path.join(PACKAGE_ROOT, "package.json")), node: process.versions.node, ...dependencyVersions() },
        platform: `${process.platform} ${process.arch} (${os.release()})`,
        cpu: { model: os.cpus()[0]?.model ?? "unknown", cores: os.availableParallelism(), threads: cpuThreads() },
        memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
        gpu,
        dataDir,
        modelSearchPath: registry.searchPath,
        models,
        collections,
        notices,
    };
}

async function describeGpu(): Promise<DoctorReport["gpu"]> {
    const llama = await sharedLlama();
    if (!llama.gpu) return { backend: false, devices: [], vramBytes: 0 };
    const [devices, vram] = await Promise.all([llama.getGpuDeviceNames(), llama.getVramState()]);
    return { backend: llama.gpu, devices, vramBytes: vram.total };
}

// Read from node_modules directly: several of these packages do not export their package.json.
function dependencyVersions(): Record<string, string> {
    const versions: Record<string, string> = {};
    for (const name of REPORTED_PACKAGES) {
        try {
            versions[name] = packageVersion(path.join(PACKAGE_ROOT, "node_modules", name, "package.json"));
        } catch {
            versions[name] = "not installed";
        }
    }
    return versions;
}

function packageVersion(packageJsonPath: string): string {
    return (require(packageJsonPath) as { version: string }).version;
}
