import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTinyLlama, IRS_DIR, makeTempDir } from "../helpers/assets.js";
import { canUnshareNetwork, runCli } from "../helpers/runCli.js";

/**
 * The offline guarantee: ingest and ask work in a network namespace with no interface but loopback. Where
 * namespaces are not permitted, the same runs rely on the CLI's own guard, under which any outbound
 * connection or DNS lookup throws.
 */
describe(`offline ingest + ask (${canUnshareNetwork ? "unshare -n" : "network guard only"})`, () => {
    const dataDir = makeTempDir("offline");
    const modelsDir = makeTempDir("offline-models");
    const docs = makeTempDir("offline-docs");
    const env = { ENCLAVE_DATA_DIR: dataDir, ENCLAVE_MODELS_DIR: modelsDir, HF_ENDPOINT: "http://203.0.113.7" };

    beforeAll(async () => {
        fs.symlinkSync(await ensureTinyLlama(), path.join(modelsDir, "tinyllama.gguf"));
        fs.copyFileSync(path.join(IRS_DIR, "p463.pdf"), path.join(docs, "p463.pdf"));
    });

    it("ingests and answers with a citation without any network", async () => {
        const ingest = await runCli(["ingest", docs, "-c", "travel", "--json"], { env, isolateNetwork: canUnshareNetwork });
        expect(ingest.stderr).not.toMatch(/offline by design/);
        expect(ingest.code).toBe(0);
        expect(JSON.parse(ingest.stdout)).toMatchObject({ files: 1, pages: 61, failed: [] });

        const ask = await runCli(
            ["ask", "What is the standard meal allowance used for?", "-c", "travel", "--max-tokens", "80", "--json"],
            { env, isolateNetwork: canUnshareNetwork },
        );
        expect(ask.stderr).not.toMatch(/offline by design/);
        expect(ask.code).toBe(0);
        const answer = JSON.parse(ask.stdout);
        expect(answer.model).toBe("tinyllama.gguf");
        expect(answer.sources.length).toBeGreaterThan(0);
        expect(answer.sources[0].path).toBe(path.join(docs, "p463.pdf"));
    }, 300_000);
});
