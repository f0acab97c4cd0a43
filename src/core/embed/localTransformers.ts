/**
 * transformers.js, configured to read model folders from disk only. Enclave is offline by design: the hub is
 * never contacted, and a missing file is an error rather than a download.
 */
import path from "node:path";
import { env, type PretrainedModelOptions } from "@huggingface/transformers";
import type { OnnxWeights } from "./onnxWeights.js";

/**
 * Forbids remote models process-wide and returns the path to hand to `from_pretrained`. An absolute path is
 * never a valid hub id, so transformers.js reads `<dir>/<file>` as-is instead of joining `env.localModelPath`.
 */
export function localModelPath(modelDir: string): string {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    return path.resolve(modelDir);
}

/** Options for `from_pretrained` of a model: local files only, CPU, the chosen `weights`, `threads` intra-op threads. */
export function localModelOptions(threads: number, weights: OnnxWeights): PretrainedModelOptions {
    return {
        local_files_only: true,
        device: "cpu",
        dtype: weights.dtype,
        subfolder: weights.subfolder,
        // One inference at a time per session, so inter-op parallelism would only oversubscribe the cores.
        session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    };
}
