import os from "node:os";

/**
 * Threads for CPU-bound native work (llama.cpp, onnxruntime). Sized from the machine: node-llama-cpp's
 * default of 4 is ~50x slower than 2 on a 2-core machine because of oversubscription.
 */
export function cpuThreads(): number {
    return Math.max(1, os.availableParallelism());
}

export function totalMemoryBytes(): number {
    return os.totalmem();
}

export function freeMemoryBytes(): number {
    return os.freemem();
}
