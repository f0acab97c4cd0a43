import { getLlama, Llama, LlamaLogLevel } from "node-llama-cpp";

let llamaLoad: Promise<Llama> | undefined;
let nativeErrors: string[] = [];

/**
 * The one llama.cpp binding of this process, loaded on first use. It lives as long as the process: every
 * model shares it, and node-llama-cpp releases it on exit.
 */
export function sharedLlama(): Promise<Llama> {
    llamaLoad ??= loadLlama();
    return llamaLoad;
}

/**
 * The first error llama.cpp logged since the last call, and forgets them all. Its exceptions only say
 * "Failed to load model"; the reason (truncated file, unknown architecture) is only in the log, which
 * reaches JavaScript shortly after the exception.
 */
export async function takeNativeError(): Promise<string | null> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [first = null] = nativeErrors;
    nativeErrors = [];
    return first;
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
    if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) nativeErrors = [...nativeErrors.slice(-9), message.trim()];
    Llama.defaultConsoleLogger(level, message);
}
