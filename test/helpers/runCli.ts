import { execFile, spawnSync } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

const CLI_SOURCE = path.join(PACKAGE_ROOT, "src", "cli", "index.ts");

/** Whether this machine lets us run a process in a network namespace with nothing but a loopback interface. */
export const canUnshareNetwork = spawnSync("unshare", ["-n", "true"]).status === 0;

/**
 * Runs the `enclave` CLI from source (so tests never see a stale build), optionally inside `unshare -n`:
 * a network namespace whose only interface is a down loopback — no route anywhere.
 */
export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; isolateNetwork?: boolean } = {}): Promise<CliRun> {
    const command = [process.execPath, "--import", "tsx", CLI_SOURCE, ...args];
    const [file, ...argv] = options.isolateNetwork ? ["unshare", "-n", ...command] : command;
    try {
        const { stdout, stderr } = await promisify(execFile)(file!, argv, {
            cwd: PACKAGE_ROOT,
            env: { ...process.env, ...options.env },
            maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
    } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
    }
}
