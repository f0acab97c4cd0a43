import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import readline from "node:readline";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";

export interface ServedApp {
    /** The UI's address with the access token in its fragment. */
    url: string;
    origin: string;
    token: string;
    /** Stops the server as Ctrl+C would and waits for the process to exit; resolves to its exit code. */
    stop(): Promise<number | null>;
}

const CLI_SOURCE = path.join(PACKAGE_ROOT, "src", "cli", "index.ts");

/** Starts `enclave serve` as its own process (the UI is served from renderer/dist), as a user would. */
export async function serveApp(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServedApp> {
    const child = spawn(process.execPath, ["--import", "tsx", CLI_SOURCE, "--data", dataDir, "--json", "serve"], {
        cwd: PACKAGE_ROOT,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // `--json` prints one pretty-printed object once listening: read lines until they parse.
    const announced = await new Promise<string>((resolve, reject) => {
        child.once("error", reject);
        let text = "";
        const lines = readline.createInterface({ input: child.stdout! });
        lines.on("line", (line) => {
            text += `${line}\n`;
            if (line.startsWith("}")) {
                lines.close();
                // Closing readline pauses stdout; a paused pipe that fills would block the server on its next write.
                child.stdout!.resume();
                resolve(text);
            }
        });
        child.once("exit", (code) => reject(new Error(`enclave serve exited (${code}) before listening: ${stderr}`)));
    });
    let announcement: { url: string; origin: string; token: string };
    try {
        announcement = JSON.parse(announced) as typeof announcement;
    } catch (error) {
        await stopProcess(child);
        throw error;
    }
    const { url, origin, token } = announcement;
    return { url, origin, token, stop: () => stopProcess(child) };
}

async function stopProcess(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null) return child.exitCode;
    const exited = once(child, "exit");
    child.kill("SIGINT");
    const [code] = (await exited) as [number | null];
    return code;
}
