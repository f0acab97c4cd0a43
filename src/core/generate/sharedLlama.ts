import { getLlama, Llama, LlamaLogLevel } from "node-llama-cpp";

let llamaLoad: Promise<Llama> | undefined;
let lastNativeError: string | null = null;

/**
 * The one llama.cpp binding of this process, loaded on first use. It lives as long as the process: every
 * model shares it, and node-llama-cpp releases it on exit.
 */
export function sharedLlama(): Promise<Llama> {
    llamaLoad ??= loadLlama();
    return llamaLoad;
}

/**
 * The last error llama.cpp logged, then forgets it. Its exceptions only say "Failed to load model"; the
 * reason (truncated file, unknown architecture) is only in the log.
 */
export function takeLastNativeError(): string | null {
    const message = lastNativeError;
    lastNativeError = null;
    return message;
}

async function loadLlama(): Promise<Llama> {
    const options = {
        build: "never",
        progressLogs: false,
        logLevel: LlamaLogLevel.warn,
        logger: recordErrors,
    } as const;
    try {
        return await getLlama({ ...options, gpu: "auto" });
    } catch {
        // A broken GPU driver can make detection fail; the CPU binary always works.
        return await getLlama({ ...options, gpu: false });
    }
}

function recordErrors(level: LlamaLogLevel, message: string): void {
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) lastNativeError = message.trim();
    Llama.defaultConsoleLogger(level, message);
}
