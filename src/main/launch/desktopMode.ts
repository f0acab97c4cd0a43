import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../../core/config/paths.js";

/** What the desktop app loads: its main process, engine process, preload and UI. */
const BUILD_OUTPUTS = ["dist/src/main/index.js", "dist/src/main/engineProcess.js", "dist/preload/index.cjs", "renderer/dist/index.html"];

/** Runs `npm run build` when part of the desktop app has not been built. */
export async function ensureBuilt(): Promise<void> {
    const missing = BUILD_OUTPUTS.filter((output) => !fs.existsSync(path.join(PACKAGE_ROOT, output)));
    if (missing.length === 0) return;
    process.stdout.write(`Building the app first (${missing.join(", ")} missing)…\n`);
    // npm is a .cmd script on Windows, which only a shell can start.
    const exitCode = await waitForExit(spawn("npm", ["run", "build"], { cwd: PACKAGE_ROOT, stdio: "inherit", shell: process.platform === "win32" }));
    if (exitCode !== 0) throw new Error(`npm run build failed (exit code ${exitCode}).`);
}

/** Runs the desktop app until it quits; resolves with its exit code. Ctrl+C reaches it directly (same terminal). */
export async function runDesktopApp(electron: string): Promise<number> {
    const env = { ...process.env };
    // Set by some tools, it would make Electron behave as plain Node.
    delete env.ELECTRON_RUN_AS_NODE;
    const app = spawn(electron, [PACKAGE_ROOT], { stdio: "inherit", env });
    const ignoreInterrupt = () => {};
    const forwardTermination = () => app.kill("SIGTERM");
    // Ctrl+C goes to the whole process group: the app quits on it, and this process waits for it to finish.
    process.on("SIGINT", ignoreInterrupt);
    process.on("SIGTERM", forwardTermination);
    try {
        return await waitForExit(app);
    } finally {
        process.off("SIGINT", ignoreInterrupt);
        process.off("SIGTERM", forwardTermination);
    }
}

function waitForExit(child: ReturnType<typeof spawn>): Promise<number> {
    return new Promise((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code) => resolve(code ?? 1));
    });
}
