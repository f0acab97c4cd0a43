/**
 * `npm start` in browser mode (`node bin/start.js --browser --no-open`), as a user runs it: the printed
 * address serves the UI (when built) and the API with its token, and Ctrl+C stops it cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";
import { UI_CONTENT_SECURITY_POLICY } from "../../src/core/security/contentSecurityPolicy.js";
import { makeTempDir } from "../helpers/assets.js";

/** Resolves with the first match in `child`'s output, or rejects (with what it printed) when it exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
        let output = "";
        let errors = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            const match = pattern.exec(output);
            if (match) resolve(match);
        });
        child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`exited (${code}) before printing ${pattern}:\n${output}${errors}`)));
    });
}

describe("npm start in browser mode", () => {
    let start: ChildProcess;
    /** The reason printed, the origin and the token. */
    let running: Promise<RegExpExecArray>;

    beforeAll(() => {
        start = spawn(process.execPath, [path.join(PACKAGE_ROOT, "bin", "start.js"), "--browser", "--no-open"], {
            cwd: PACKAGE_ROOT,
            env: { ...process.env, ENCLAVE_DATA_DIR: makeTempDir("start-data"), ENCLAVE_MODELS_DIR: makeTempDir("start-models") },
            stdio: ["ignore", "pipe", "pipe"],
        });
        running = waitForOutput(start, /Starting in browser mode: (.+)\.\nEnclave is running at (http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]{64})\n/);
    });

    afterAll(() => {
        if (start?.exitCode === null) start.kill("SIGKILL");
    });

    it("prints the address with its token, and why browser mode was chosen", async () => {
        const [, reason] = await running;
        expect(reason).toMatch(/--browser/);
    });

    it("serves the UI at / (or a plain 404 while it is not built)", async () => {
        const [, , origin] = await running;
        const response = await fetch(`${origin}/`);
        if (fs.existsSync(path.join(PACKAGE_ROOT, "renderer", "dist", "index.html"))) {
            expect(response.status).toBe(200);
            expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
            expect(response.headers.get("Content-Security-Policy")).toBe(UI_CONTENT_SECURITY_POLICY);
        } else {
            expect(response.status).toBe(404);
            expect(await response.json()).toMatchObject({ error: { code: "FILE_NOT_FOUND" } });
        }
    });

    it("answers the API with the printed token only", async () => {
        const [, , origin, token] = await running;
        const collections = await fetch(`${origin}/api/collections`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
        expect(collections.status).toBe(200);
        expect(await collections.json()).toEqual([]);
        expect((await fetch(`${origin}/api/collections`, { method: "POST" })).status).toBe(401);
    });

    it("stops cleanly on Ctrl+C (exit code 0)", async () => {
        const [, , origin] = await running;
        const exited = once(start, "exit");
        start.kill("SIGINT");
        const [code] = await exited;
        expect(code).toBe(0);
        await expect(fetch(`${origin}/`)).rejects.toThrow();
    });
});
