/**
 * Locates a worker script next to the calling module. From compiled JS the worker is `name.js`; when the caller
 * runs from TypeScript source (tests, `tsx`), the worker is `name.ts` and needs tsx's loader in the thread.
 */
export interface WorkerEntry {
    filename: string;
    execArgv: string[];
}

export function workerEntry(callerUrl: string, baseName: string): WorkerEntry {
    const fromSource = callerUrl.endsWith(".ts");
    return {
        filename: new URL(`./${baseName}.${fromSource ? "ts" : "js"}`, callerUrl).href,
        execArgv: fromSource ? ["--import", "tsx"] : [],
    };
}
