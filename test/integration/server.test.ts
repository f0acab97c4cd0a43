/**
 * The loopback server and the HTTP client over a real Enclave: the API contract end to end (streamed
 * ingest, search, answers, documents and files, cancellation), and the server's defences.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpEnclaveClient } from "../../src/client/HttpEnclaveClient.js";
import { Enclave } from "../../src/core/api/Enclave.js";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";
import { EnclaveError } from "../../src/core/errors.js";
import type { IngestEvent } from "../../src/core/types.js";
import { LoopbackServer, type RequestLogEntry } from "../../src/server/LoopbackServer.js";
import { UI_CONTENT_SECURITY_POLICY as STATIC_CSP } from "../../src/core/security/contentSecurityPolicy.js";
import { ensureTinyLlama, IRS_DIR, makeTempDir } from "../helpers/assets.js";
import { writeTinyGguf } from "../helpers/tinyGguf.js";

interface RawResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
}

const PDF = path.join(IRS_DIR, "i1040x.pdf");

describe("LoopbackServer with HttpEnclaveClient", () => {
    const docs = makeTempDir("server-docs");
    const uiRoot = makeTempDir("server-ui");
    const staticDir = path.join(uiRoot, "dist");
    const log: RequestLogEntry[] = [];
    const opened: string[] = [];
    let modelName: string;
    let enclave: Enclave;
    let server: LoopbackServer;
    let client: HttpEnclaveClient;

    beforeAll(async () => {
        fs.copyFileSync(PDF, path.join(docs, "i1040x.pdf"));
        fs.writeFileSync(path.join(docs, "notes.md"), "# Notes\n\nThe office is closed on public holidays.\n");
        fs.writeFileSync(path.join(docs, "broken.pdf"), "not a pdf at all");
        fs.mkdirSync(staticDir);
        fs.writeFileSync(path.join(staticDir, "index.html"), "<!doctype html><title>Enclave</title>");
        fs.writeFileSync(path.join(staticDir, "app.js"), "console.log('ui');");
        fs.writeFileSync(path.join(uiRoot, "secret.txt"), "SECRET-OUTSIDE-THE-UI");
        fs.symlinkSync(path.join(uiRoot, "secret.txt"), path.join(staticDir, "link.txt"));

        const tinyLlama = await ensureTinyLlama();
        const modelsDir = makeTempDir("server-models");
        modelName = path.basename(tinyLlama);
        fs.symlinkSync(tinyLlama, path.join(modelsDir, modelName));

        enclave = new Enclave({
            dataDir: makeTempDir("server-data"),
            env: { ENCLAVE_MODELS_DIR: modelsDir },
            openFile: async (filePath) => void opened.push(filePath),
        });
        server = new LoopbackServer(enclave, { staticDir, onRequest: (entry) => log.push(entry) });
        await server.start();
        client = new HttpEnclaveClient({ origin: server.origin, token: server.token });
    });

    afterAll(async () => {
        await server?.close();
        await enclave?.dispose();
    });

    /** A request with exactly these path and headers (fetch would normalise both). */
    function raw(options: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer; chunked?: boolean }): Promise<RawResponse> {
        return new Promise((resolve, reject) => {
            const request = http.request(
                { host: "127.0.0.1", port: server.port, path: options.path, method: options.method ?? "GET", headers: options.headers, agent: false },
                (response) => {
                    const chunks: Buffer[] = [];
                    response.on("data", (chunk: Buffer) => chunks.push(chunk));
                    response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString() }));
                },
            );
            request.on("error", reject);
            if (options.chunked && options.body) {
                // Written in pieces without a Content-Length: the limit must hold while reading, too.
                const body = Buffer.from(options.body);
                for (let start = 0; start < body.length; start += 64 * 1024) request.write(body.subarray(start, start + 64 * 1024));
                request.end();
            } else request.end(options.body);
        });
    }

    const auth = () => ({ Authorization: `Bearer ${server.token}` });

    async function waitForLog(match: (entry: RequestLogEntry) => boolean): Promise<RequestLogEntry> {
        for (let waited = 0; waited < 60_000; waited += 50) {
            const entry = log.find(match);
            if (entry) return entry;
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error("no such request was logged");
    }

    it("listens on 127.0.0.1 only, with a 32-byte hex token", async () => {
        expect(new URL(server.origin).hostname).toBe("127.0.0.1");
        expect(server.token).toMatch(/^[0-9a-f]{64}$/);
        const external = Object.values(os.networkInterfaces())
            .flat()
            .find((address) => address && !address.internal && address.family === "IPv4");
        if (external) {
            const refused = await new Promise<boolean>((resolve) => {
                const socket = net.connect(server.port, external.address);
                socket.on("connect", () => (socket.destroy(), resolve(false)));
                socket.on("error", () => resolve(true));
            });
            expect(refused).toBe(true);
        }
    });

    it("ingests a folder, streaming progress events before the report", async () => {
        const events: IngestEvent[] = [];
        const report = await client.ingest({ collection: "irs", folders: [docs], embedder: "none" }, { onEvent: (event) => events.push(event) });
        expect(report).toMatchObject({ collection: "irs", files: 3, pages: 13, skipped: 0, embedder: null });
        expect(report.failed).toEqual([{ path: path.join(docs, "broken.pdf"), reason: expect.stringMatching(/PDF/i) }]);
        expect(events[0]).toMatchObject({ type: "scan", filesTotal: 3, toProcess: 3 });
        expect(events.filter((event) => event.type === "file-done").map((event) => path.basename((event as { path: string }).path)).sort()).toEqual(["i1040x.pdf", "notes.md"]);
        expect(events.some((event) => event.type === "progress")).toBe(true);
        expect(events.some((event) => event.type === "file-failed")).toBe(true);
    });

    it("lists collections and the indexed documents of one", async () => {
        expect(await client.collections()).toEqual([expect.objectContaining({ name: "irs", documents: 2, pages: 13, embedder: null })]);
        const documents = await client.documents("irs");
        expect(documents.map((document) => document.path)).toEqual([path.join(docs, "i1040x.pdf"), path.join(docs, "notes.md")]);
        expect(documents[0]).toMatchObject({ fileType: "pdf", pages: 12, size: fs.statSync(PDF).size, docId: expect.any(String) });
        expect(documents[0]!.chunks).toBeGreaterThan(12);
        expect(documents[1]).toMatchObject({ fileType: "md", pages: 1, title: "Notes" });
        expect(Date.parse(documents[0]!.indexedAt)).not.toBeNaN();
        await expect(client.documents("nope")).rejects.toMatchObject({ code: "COLLECTION_NOT_FOUND" });
    });

    it("searches with provenance and answers extractively with citations", async () => {
        const result = await client.search({ collection: "irs", query: "amended return for a deceased taxpayer", k: 3 });
        expect(result.mode).toBe("bm25");
        expect(result.hits).toHaveLength(3);
        for (const hit of result.hits) {
            expect(hit).toMatchObject({ path: path.join(docs, "i1040x.pdf"), fileType: "pdf", pageStart: expect.any(Number) });
            expect(hit.charEnd).toBeGreaterThan(hit.charStart);
        }
        const answer = await client.ask({ collection: "irs", question: "When must you file Form 1040-X to claim a refund?", model: "none" });
        expect(answer).toMatchObject({ found: true, mode: "extractive", model: null });
        expect(answer.citations[0]).toMatchObject({ path: path.join(docs, "i1040x.pdf"), page: expect.any(Number) });
    });

    it("streams an indexed file's bytes with its content type, and refuses anything not indexed", async () => {
        const [pdf] = await client.documents("irs");
        const file = await client.readDocument({ collection: "irs", docId: pdf!.docId });
        expect(file.contentType).toBe("application/pdf");
        expect(Buffer.from(file.bytes).equals(fs.readFileSync(PDF))).toBe(true);

        const response = await raw({ path: `/api/files/irs/${encodeURIComponent(pdf!.docId)}`, headers: auth() });
        expect(response.status).toBe(200);
        expect(response.headers["content-type"]).toBe("application/pdf");
        expect(response.headers["content-security-policy"]).toMatch(/sandbox/);

        await expect(client.readDocument({ collection: "irs", docId: "not-a-document" })).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
        await expect(client.readDocument({ collection: "irs", docId: PDF })).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
        await expect(client.readDocument({ collection: "nope", docId: pdf!.docId })).rejects.toMatchObject({ code: "COLLECTION_NOT_FOUND" });
        for (const probe of [`/api/files/irs/${encodeURIComponent("../../../../etc/passwd")}`, "/api/files/irs/..%2F..%2Fsecret", "/api/files/..%2Firs/x"]) {
            const refused = await raw({ path: probe, headers: auth() });
            expect([400, 404]).toContain(refused.status);
            expect(JSON.parse(refused.body).error.code).toMatch(/NOT_FOUND|BAD_REQUEST/);
        }
    });

    it("serves the app methods: settings, chats with their answers and Markdown, open original, browsing", async () => {
        expect(await client.updateSettings({ chatModel: "none" })).toMatchObject({ chatModel: "none", sources: 4 });
        expect(await client.settings()).toMatchObject({ chatModel: "none" });
        const question = "When must you file Form 1040-X to claim a refund?";
        const chat = await client.createChat({ collection: "irs" });
        const turn = await client.askInChat({ chatId: chat.id, question });
        expect(turn).toMatchObject({ question, stopped: false, answer: { found: true, mode: "extractive" } });
        expect(await client.chat(chat.id)).toMatchObject({ title: question, turns: [turn] });
        expect((await client.chats()).map((summary) => summary.id)).toEqual([chat.id]);
        expect((await client.chatMarkdown({ chatId: chat.id })).markdown).toMatch(/\[1\] i1040x\.pdf, p\. \d+/);
        await expect(client.chat("no-such-chat")).rejects.toMatchObject({ code: "CHAT_NOT_FOUND" });
        expect((await raw({ path: "/api/chat", method: "POST", headers: auth(), body: '"no-such-chat"' })).status).toBe(404);
        expect(await client.removeChat(chat.id)).toBe(true);

        const [pdf] = await client.documents("irs");
        await client.openDocument({ collection: "irs", docId: pdf!.docId });
        expect(opened).toEqual([pdf!.path]);
        await expect(client.openDocument({ collection: "irs", docId: "not-indexed" })).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
        expect(opened).toHaveLength(1);

        const listing = await client.browse({ path: docs });
        expect(listing.entries.map((entry) => [entry.name, entry.supported])).toEqual([["broken.pdf", true], ["i1040x.pdf", true], ["notes.md", true]]);
        expect(await client.collections()).toEqual([expect.objectContaining({ name: "irs", folders: [docs], watching: false, indexing: false })]);
    });

    it("streams a model import's progress before its result", async () => {
        const file = await writeTinyGguf(path.join(makeTempDir("server-import"), "tiny-import.gguf"));
        const progress: Array<{ bytesDone: number; bytesTotal: number }> = [];
        const imported = await client.importModel({ path: file }, { onProgress: (report) => progress.push(report) });
        expect(imported).toMatchObject({ kind: "chat", name: "tiny-import.gguf", verification: "unknown" });
        expect(progress.at(-1)).toEqual({ bytesDone: fs.statSync(file).size, bytesTotal: fs.statSync(file).size });
    });

    it("answers bad requests with {error: {code, message}} and the matching status", async () => {
        const error = await client.search({ collection: "irs", query: "  " }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(EnclaveError);
        expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/query/) });
        const badJson = await raw({ path: "/api/search", method: "POST", headers: auth(), body: "{not json" });
        expect(badJson.status).toBe(400);
        expect(JSON.parse(badJson.body)).toEqual({ error: { code: "BAD_REQUEST", message: expect.any(String) } });
        expect((await raw({ path: "/api/nothing", method: "POST", headers: auth() })).status).toBe(404);
        expect((await raw({ path: "/api/collections", headers: auth() })).status).toBe(405);
        expect((await raw({ path: "/api/search", method: "POST", headers: auth(), body: '{"collection":"missing","query":"x"}' })).status).toBe(404);
    });

    it("cancels an ingest when the client aborts: the server stops, what was committed stays", async () => {
        const controller = new AbortController();
        const attempt = client.ingest(
            { collection: "irs-all", folders: [IRS_DIR], embedder: "none" },
            { signal: controller.signal, onEvent: (event) => event.type === "file-done" && controller.abort() },
        );
        await expect(attempt).rejects.toMatchObject({ code: "ABORTED" });
        const entry = await waitForLog((logged) => logged.path === "/api/ingest" && logged.cancelled);
        expect(entry.status).toBe(200);
        const indexed = await client.documents("irs-all");
        expect(indexed.length).toBeGreaterThan(0);
        expect(indexed.length).toBeLessThan(fs.readdirSync(IRS_DIR).filter((name) => name.endsWith(".pdf")).length);
    });

    it("streams a generative answer's text before its result", async () => {
        const tokens: Array<{ text: string; at: number }> = [];
        const answer = await client.ask(
            { collection: "irs", question: "When must you file Form 1040-X to claim a refund?", model: modelName, k: 1, maxTokens: 48, temperature: 0 },
            { onToken: (text) => tokens.push({ text, at: performance.now() }) },
        );
        const resultAt = performance.now();
        expect(answer).toMatchObject({ mode: "generative", model: modelName });
        console.log(`[server] TinyLlama over HTTP: ${tokens.length} pieces, found=${answer.found}, answer=${JSON.stringify(answer.answer)}`);
        expect(tokens.length).toBeGreaterThan(0);
        expect(tokens.every((token) => token.at < resultAt)).toBe(true);
        if (answer.found) expect(tokens.map((token) => token.text).join("")).toBe(answer.answer);
    }, 300_000);

    it("stops a generative answer mid-way when the client aborts, and still delivers what was written", async () => {
        const controller = new AbortController();
        const startedAt = performance.now();
        let abortedAt = 0;
        const attempt = client.ask(
            // More than one sentence: with the default of one, the first sentence would end the answer anyway.
            { collection: "irs", question: "When must you file Form 1040-X to claim a refund?", model: modelName, k: 1, maxTokens: 400, sentences: 3, temperature: 0 },
            {
                signal: controller.signal,
                onToken: () => {
                    abortedAt = performance.now();
                    controller.abort();
                },
            },
        );
        const stopped = await attempt;
        expect(stopped.notices.join(" ")).toMatch(/stopped/i);
        const entry = await waitForLog((logged) => logged.path === "/api/ask" && logged.cancelled);
        const windDownMs = performance.now() - abortedAt;
        console.log(`[server] ask cancelled; the server's call ended within ${windDownMs.toFixed(0)} ms of the abort (call ${entry.durationMs.toFixed(0)} ms)`);
        // The first sentence took retrieval, the prompt and a sentence of decoding; stopping must take far less.
        expect(windDownMs).toBeLessThan((abortedAt - startedAt) / 2);
    }, 300_000);

    describe("defences", () => {
        it("requires the token on every API request", async () => {
            expect((await raw({ path: "/api/collections", method: "POST" })).status).toBe(401);
            expect((await raw({ path: "/api/collections", method: "POST", headers: { Authorization: `Bearer ${"0".repeat(64)}` } })).status).toBe(401);
            expect((await raw({ path: "/api/collections", method: "POST", headers: { Authorization: server.token } })).status).toBe(401);
            expect((await raw({ path: `/api/files/irs/x`, headers: { Authorization: "Bearer abc" } })).status).toBe(401);
            const wrongClient = new HttpEnclaveClient({ origin: server.origin, token: "f".repeat(64) });
            await expect(wrongClient.collections()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
            expect((await raw({ path: "/api/collections", method: "POST", headers: auth() })).status).toBe(200);
        });

        it("refuses a Host header that does not name this server (DNS rebinding)", async () => {
            for (const host of ["evil.example", `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, "127.0.0.1"]) {
                const response = await raw({ path: "/api/collections", method: "POST", headers: { ...auth(), Host: host } });
                expect(response.status).toBe(403);
                expect(JSON.parse(response.body).error.code).toBe("FORBIDDEN_HOST");
            }
            expect((await raw({ path: "/", headers: { Host: "evil.example" } })).status).toBe(403);
            expect((await raw({ path: "/api/collections", method: "POST", headers: { ...auth(), Host: `localhost:${server.port}` } })).status).toBe(200);
        });

        it("sends no CORS headers, not even to a preflight", async () => {
            const preflight = await raw({
                path: "/api/collections",
                method: "OPTIONS",
                headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
            });
            const allowed = await raw({ path: "/api/collections", method: "POST", headers: { ...auth(), Origin: "http://evil.example" } });
            for (const response of [preflight, allowed]) expect(Object.keys(response.headers).filter((name) => name.startsWith("access-control-"))).toEqual([]);
        });

        it("refuses bodies over the limit with 413, with or without Content-Length", async () => {
            const body = JSON.stringify({ collection: "irs", query: "x".repeat(2 * 1024 * 1024) });
            for (const chunked of [false, true]) {
                const response = await raw({ path: "/api/search", method: "POST", headers: auth(), body, chunked });
                expect(response.status).toBe(413);
                expect(JSON.parse(response.body).error.code).toBe("PAYLOAD_TOO_LARGE");
            }
        });

        it("serves the UI with a strict CSP, and nothing outside its folder", async () => {
            const index = await raw({ path: "/" });
            expect(index.status).toBe(200);
            expect(index.body).toContain("<title>Enclave</title>");
            expect(index.headers["content-type"]).toBe("text/html; charset=utf-8");
            expect(index.headers["content-security-policy"]).toBe(STATIC_CSP);
            expect(STATIC_CSP).toContain("default-src 'self'");
            expect(STATIC_CSP).toContain("frame-ancestors 'none'");
            expect(index.headers["x-content-type-options"]).toBe("nosniff");
            expect(index.headers["referrer-policy"]).toBe("no-referrer");
            expect((await raw({ path: "/app.js" })).headers["content-type"]).toBe("text/javascript; charset=utf-8");
            for (const probe of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%5csecret.txt", "/link.txt", "/../dist/../secret.txt", "/%00"]) {
                const response = await raw({ path: probe });
                expect(response.status, probe).toBe(404);
                expect(response.body).not.toContain("SECRET");
            }
            expect((await raw({ path: "/missing.js" })).status).toBe(404);
            expect((await raw({ path: "/index.html", method: "POST" })).status).toBe(405);
        });
    });
});

describe("enclave serve", () => {
    it("prints the URL with the token, answers the client, and stops cleanly on Ctrl+C", async () => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(PACKAGE_ROOT, "src", "cli", "index.ts"), "serve", "--json"], {
            cwd: PACKAGE_ROOT,
            env: { ...process.env, ENCLAVE_DATA_DIR: makeTempDir("serve-data"), ENCLAVE_MODELS_DIR: makeTempDir("serve-models") },
        });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        while (!stdout.trimEnd().endsWith("}")) await once(child.stdout, "data");
        const printed = JSON.parse(stdout) as { url: string; origin: string; token: string };
        expect(printed.url).toBe(`${printed.origin}/#token=${printed.token}`);
        expect(new URL(printed.origin).hostname).toBe("127.0.0.1");
        expect(await new HttpEnclaveClient({ origin: printed.origin, token: printed.token }).collections()).toEqual([]);
        child.kill("SIGINT");
        const [code] = (await once(child, "exit")) as [number | null];
        expect(code).toBe(0);
    });
});
