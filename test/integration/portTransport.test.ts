/**
 * The desktop app's transport without Electron: a real Enclave served on one end of a worker_threads
 * MessageChannel (servePort, as the engine process does), called from the other end through the code the
 * preload runs (PortClient, createBridge) and the renderer's BridgeEnclaveClient.
 */
import fs from "node:fs";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BridgeEnclaveClient } from "../../src/client/BridgeEnclaveClient.js";
import type { EnclaveBridge } from "../../src/client/bridge.js";
import { Enclave } from "../../src/core/api/Enclave.js";
import { API_METHODS } from "../../src/core/api/methods.js";
import { EnclaveError } from "../../src/core/errors.js";
import type { IngestEvent } from "../../src/core/types.js";
import { API_METHOD_NAMES } from "../../src/ipc/apiMethodNames.js";
import { createBridge } from "../../src/ipc/createBridge.js";
import { PortClient } from "../../src/ipc/PortClient.js";
import { servePort, type ServedPort } from "../../src/ipc/servePort.js";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";

const PDF = path.join(IRS_DIR, "i1040x.pdf");
const IRS_PDFS = fs.readdirSync(IRS_DIR).filter((name) => name.endsWith(".pdf")).length;

/** A page's connection: the engine's end served, the preload's end wrapped as the preload does. */
function connect(enclave: Enclave): { served: ServedPort; portClient: PortClient; bridge: EnclaveBridge; client: BridgeEnclaveClient; channel: MessageChannel } {
    const channel = new MessageChannel();
    const served = servePort(enclave, channel.port1);
    const portClient = new PortClient(Promise.resolve(channel.port2));
    const bridge = createBridge(portClient, API_METHOD_NAMES);
    return { served, portClient, bridge, client: new BridgeEnclaveClient(bridge), channel };
}

describe("servePort with the preload's client and BridgeEnclaveClient", () => {
    const docs = makeTempDir("port-docs");
    let enclave: Enclave;
    let page: ReturnType<typeof connect>;

    beforeAll(() => {
        fs.copyFileSync(PDF, path.join(docs, "i1040x.pdf"));
        fs.writeFileSync(path.join(docs, "notes.md"), "# Notes\n\nThe office is closed on public holidays.\n");
        enclave = new Enclave({ dataDir: makeTempDir("port-data"), env: { ENCLAVE_MODELS_DIR: makeTempDir("port-models") } });
        page = connect(enclave);
    });

    afterAll(async () => {
        await page?.served.close();
        page?.channel.port1.close();
        await enclave?.dispose();
    });

    it("bridges every API method, and cancel, and nothing else", () => {
        expect(Object.keys(page.bridge).sort()).toEqual([...Object.keys(API_METHODS), "cancel"].sort());
    });

    it("ingests a folder, streaming progress events before the report", async () => {
        const events: IngestEvent[] = [];
        const lateEvents: IngestEvent[] = [];
        let reported = false;
        const report = await page.client.ingest(
            { collection: "irs", folders: [docs], embedder: "none" },
            { onEvent: (event) => (reported ? lateEvents : events).push(event) },
        );
        reported = true;
        expect(report).toMatchObject({ collection: "irs", files: 2, pages: 13, skipped: 0, embedder: null, failed: [] });
        expect(events[0]).toMatchObject({ type: "scan", filesTotal: 2, toProcess: 2 });
        expect(events.filter((event) => event.type === "file-done")).toHaveLength(2);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(lateEvents).toEqual([]);
    });

    it("lists collections and documents, searches, and reads a document's bytes", async () => {
        expect(await page.client.collections()).toEqual([expect.objectContaining({ name: "irs", documents: 2, pages: 13 })]);
        const documents = await page.client.documents("irs");
        expect(documents.map((document) => document.path)).toEqual([path.join(docs, "i1040x.pdf"), path.join(docs, "notes.md")]);

        const result = await page.client.search({ collection: "irs", query: "amended return for a deceased taxpayer", k: 3 });
        expect(result.hits).toHaveLength(3);
        expect(result.hits[0]).toMatchObject({ path: path.join(docs, "i1040x.pdf"), fileType: "pdf", pageStart: expect.any(Number) });

        const file = await page.client.readDocument({ collection: "irs", docId: documents[0]!.docId });
        expect(file.contentType).toBe("application/pdf");
        expect(file.bytes).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(file.bytes).equals(fs.readFileSync(PDF))).toBe(true);
    });

    it("turns errors into EnclaveErrors with their codes", async () => {
        const invalid = await page.client.search({ collection: "irs", query: "  " }).catch((caught: unknown) => caught);
        expect(invalid).toBeInstanceOf(EnclaveError);
        expect(invalid).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/query/) });
        await expect(page.client.documents("missing")).rejects.toMatchObject({ code: "COLLECTION_NOT_FOUND" });
        await expect(page.client.search({ collection: "bad name!", query: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    });

    it("answers an unknown method or an unsendable argument with an error outcome, and survives malformed messages", async () => {
        expect(await page.portClient.call("dropEverything", null)).toEqual({ ok: false, error: { code: "METHOD_NOT_FOUND", message: expect.any(String) } });
        expect(await page.portClient.call("search", { collection: "irs", query: () => "x" })).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
        for (const garbage of ["hello", null, 42, { type: "call" }, { type: "call", id: "1 2", method: "collections" }, { type: "call", id: "x", method: 7 }, { type: "reset", id: "x" }])
            page.channel.port2.postMessage(garbage);
        expect(await page.client.collections()).toHaveLength(1);
    });

    it("cancels a streaming call: the engine stops, what it committed stays", async () => {
        const controller = new AbortController();
        const attempt = page.client.ingest(
            { collection: "irs-all", folders: [IRS_DIR], embedder: "none" },
            { signal: controller.signal, onEvent: (event) => event.type === "file-done" && controller.abort() },
        );
        // The outcome is sent only once the engine's call has ended.
        await expect(attempt).rejects.toMatchObject({ code: "ABORTED" });
        const indexed = await page.client.documents("irs-all");
        expect(indexed.length).toBeGreaterThan(0);
        expect(indexed.length).toBeLessThan(IRS_PDFS);
        await expect(page.client.collections()).resolves.toHaveLength(2);
        await expect(page.client.ingest({ collection: "irs", folders: [docs] }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: "ABORTED" });
    });

    it("stops a page's running calls when its port closes (the page went away)", async () => {
        const leaving = connect(enclave);
        const attempt = leaving.client.ingest(
            { collection: "irs-closed", folders: [IRS_DIR], embedder: "none" },
            { onEvent: (event) => event.type === "file-done" && leaving.channel.port2.close() },
        );
        await expect(attempt).rejects.toMatchObject({ code: "CONNECTION_LOST" });
        await leaving.served.closed;
        // Resolves once the aborted ingest has wound down.
        await leaving.served.close();
        expect((await page.client.documents("irs-closed")).length).toBeLessThan(IRS_PDFS);
        await expect(leaving.client.collections()).rejects.toMatchObject({ code: "CONNECTION_LOST" });
    });
});
