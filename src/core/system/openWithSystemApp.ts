import { spawn } from "node:child_process";
import { EnclaveError } from "../errors.js";

/**
 * The command that opens a file in the system's default app. On Windows, explorer.exe rather than
 * `cmd /c start`: cmd would parse `&` and `%VAR%` in a file name as syntax.
 */
export function systemOpenCommand(filePath: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
    if (platform === "win32") return { command: "explorer.exe", args: [filePath] };
    if (platform === "darwin") return { command: "open", args: [filePath] };
    return { command: "xdg-open", args: [filePath] };
}

/** Opens a file in the system's default app, detached, so the app outlives this process; resolves once started. */
export function openWithSystemApp(filePath: string): Promise<void> {
    const { command, args } = systemOpenCommand(filePath);
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { detached: true, stdio: "ignore" });
        child.once("error", (error: NodeJS.ErrnoException) =>
            reject(new EnclaveError("OPEN_FAILED", `Could not open ${filePath}: ${command} did not start (${error.code ?? error.message}).`, { cause: error })),
        );
        child.once("spawn", () => {
            child.unref();
            resolve();
        });
    });
}
