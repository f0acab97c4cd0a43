import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** What a download attempt came to: Electron's executable, or why there is none. */
export type ElectronDownload = { binary: string } | { failure: string };

/** The path of Electron's executable; null when the electron package is there without its binary. */
export function electronBinary(): string | null {
    try {
        // The package's main module is the executable's path, and throws when the binary was never downloaded.
        const binary = require("electron") as unknown;
        return typeof binary === "string" && fs.existsSync(binary) ? binary : null;
    } catch {
        return null;
    }
}

/** Runs the electron package's own installer (which downloads the binary), for at most `timeoutMs`. */
export async function downloadElectron(timeoutMs: number): Promise<ElectronDownload> {
    const installer = spawn(process.execPath, [require.resolve("electron/install.js")], { stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs });
    let output = "";
    installer.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
        installer.on("error", () => resolve(null));
        installer.on("close", (_code, closedBy) => resolve(closedBy));
    });
    const binary = electronBinary();
    if (binary) return { binary };
    if (signal) return { failure: "the download timed out" };
    if (/ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo/.test(output)) return { failure: "no network" };
    return { failure: "the download failed" };
}
