import fs from "node:fs";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Enclave } from "../core/api/Enclave.js";
import { invokeMethod } from "../core/api/invokeMethod.js";
import { API_METHODS, isApiMethodName, type ApiMethodName } from "../core/api/methods.js";
import { PACKAGE_ROOT } from "../core/config/paths.js";
import { EnclaveError } from "../core/errors.js";
import { newAccessToken, tokensMatch } from "./accessToken.js";
import { CALL_ID_HEADER, CANCEL_PATH } from "./httpProtocol.js";
import { EventStream } from "./EventStream.js";
import { errorBody, sendError, sendJson } from "./httpStatus.js";
import { readJsonBody } from "./readJsonBody.js";
import { StaticFiles } from "./StaticFiles.js";

export const LOOPBACK_HOST = "127.0.0.1";
const API_PREFIX = "/api/";
const FILES_PREFIX = "/api/files/";
const CALL_ID = /^[A-Za-z0-9-]{1,64}$/;

/** One request whose work has ended, for a log: no token, no body. */
export interface RequestLogEntry {
    method: string;
    path: string;
    status: number;
    durationMs: number;
    /** The call was aborted: its client went away before the response was complete, or the server closed. */
    cancelled: boolean;
}

export interface LoopbackServerOptions {
    /** Port on 127.0.0.1. Default: 0 (a free port chosen by the system) */
    port?: number;
    /** Folder of the built UI, served at "/"; without one only the API answers. Default: `<package>/renderer/dist` */
    staticDir?: string;
    /** Largest request body accepted, in bytes. Default: 1 MiB */
    maxBodyBytes?: number;
    /** Called once per request, when its work has ended. Default: none */
    onRequest?: (entry: RequestLogEntry) => void;
}

/**
 * The API contract over HTTP on 127.0.0.1, for the browser UI and end-to-end tests. Every API request needs
 * the per-launch token (`Authorization: Bearer`); the Host header must name this server (DNS rebinding);
 * no CORS headers are ever sent. Methods are dispatched through the contract's method table; streaming
 * methods answer as server-sent events, and a client that disconnects cancels its call.
 */
export class LoopbackServer {
    /** The secret every API request must present. */
    readonly token = newAccessToken();
    private readonly server = http.createServer((req, res) => this.track(this.handle(req, res)));
    private readonly staticFiles: StaticFiles;
    private readonly maxBodyBytes: number;
    private readonly running = new Set<AbortController>();
    /** Running calls by the id their client gave them: stopped on request, their result still delivered. */
    private readonly named = new Map<string, AbortController>();
    private readonly handling = new Set<Promise<void>>();

    constructor(
        private readonly enclave: Enclave,
        private readonly options: LoopbackServerOptions = {},
    ) {
        this.staticFiles = new StaticFiles(options.staticDir ?? path.join(PACKAGE_ROOT, "renderer", "dist"));
        this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    }

    /** Starts listening on 127.0.0.1 only. */
    async start(): Promise<void> {
        await new Promise<void>((resolve, reject) => {
            this.server.once("error", reject);
            this.server.listen(this.options.port ?? 0, LOOPBACK_HOST, () => {
                this.server.off("error", reject);
                resolve();
            });
        });
    }

    /** The port listened on (after `start()`). */
    get port(): number {
        return (this.server.address() as AddressInfo).port;
    }

    /** The server's origin, e.g. `http://127.0.0.1:5123`. */
    get origin(): string {
        return `http://${LOOPBACK_HOST}:${this.port}`;
    }

    /** Aborts running calls, drops every connection, stops listening and waits until the calls have stopped. */
    async close(): Promise<void> {
        for (const call of this.running) call.abort(new EnclaveError("SERVER_CLOSED", "The server is shutting down."));
        const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
        this.server.closeAllConnections();
        await Promise.all([closed, ...this.handling]);
    }

    private track(handling: Promise<void>): void {
        this.handling.add(handling);
        void handling.finally(() => this.handling.delete(handling));
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const started = performance.now();
        const pathname = (req.url ?? "/").split("?")[0] ?? "/";
        const call = new AbortController();
        let callId: string | null = null;
        this.running.add(call);
        res.on("close", () => {
            if (!res.writableFinished) call.abort(new EnclaveError("CANCELLED", "The client went away."));
        });
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        try {
            if (!this.isOwnHost(req.headers.host)) throw new EnclaveError("FORBIDDEN_HOST", "The Host header does not name this server.");
            if (pathname.startsWith(API_PREFIX)) {
                res.setHeader("Cache-Control", "no-store");
                this.authorize(req);
                callId = this.nameCall(req, call);
                await this.handleApi(req, res, pathname, call.signal);
            } else {
                await this.staticFiles.serve(req, res, pathname);
            }
        } catch (error) {
            // An error on a call whose client has gone has nobody to answer.
            if (!res.destroyed) sendError(res, error);
        } finally {
            // Logged once the work has stopped, so a cancelled call's duration includes its wind-down.
            this.running.delete(call);
            if (callId) this.named.delete(callId);
            const durationMs = performance.now() - started;
            this.options.onRequest?.({ method: req.method ?? "", path: pathname, status: res.statusCode, durationMs, cancelled: call.signal.aborted });
        }
    }

    /** Registers a call under the id its client gave it (header), so the client can stop it by name. */
    private nameCall(req: IncomingMessage, call: AbortController): string | null {
        const callId = req.headers[CALL_ID_HEADER];
        if (callId === undefined) return null;
        if (typeof callId !== "string" || !CALL_ID.test(callId) || this.named.has(callId))
            throw new EnclaveError("BAD_REQUEST", "The call id is malformed or already in use.");
        this.named.set(callId, call);
        return callId;
    }

    /** Only 127.0.0.1:<port> and localhost:<port>: a rebound DNS name reaching this port is refused. */
    private isOwnHost(host: string | undefined): boolean {
        const normalized = host?.toLowerCase();
        return normalized === `${LOOPBACK_HOST}:${this.port}` || normalized === `localhost:${this.port}`;
    }

    private authorize(req: IncomingMessage): void {
        const match = /^Bearer ([0-9a-f]+)$/i.exec(req.headers.authorization ?? "");
        if (!match?.[1] || !tokensMatch(match[1], this.token))
            throw new EnclaveError("UNAUTHORIZED", "A valid access token is required (Authorization: Bearer <token>).");
    }

    private async handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, signal: AbortSignal): Promise<void> {
        if (pathname.startsWith(FILES_PREFIX)) return this.sendDocument(req, res, pathname.slice(FILES_PREFIX.length), signal);
        if (pathname.startsWith(CANCEL_PATH)) return this.cancel(req, res, pathname.slice(CANCEL_PATH.length));
        const name = pathname.slice(API_PREFIX.length);
        if (!isApiMethodName(name) || API_METHODS[name].result === "file")
            throw new EnclaveError("METHOD_NOT_FOUND", `There is no API method "${name}".`);
        if (req.method !== "POST") throw new EnclaveError("METHOD_NOT_ALLOWED", "API methods are called with POST.");
        const argument = await readJsonBody(req, this.maxBodyBytes);
        if (API_METHODS[name].stream) await this.stream(res, name, argument, signal);
        else sendJson(res, 200, await invokeMethod(this.enclave, name, argument, { signal }));
    }

    /** `POST /api/cancel/<callId>`: stops a running call its client named. */
    private cancel(req: IncomingMessage, res: ServerResponse, callId: string): void {
        if (req.method !== "POST") throw new EnclaveError("METHOD_NOT_ALLOWED", "Calls are cancelled with POST.");
        const call = this.named.get(callId);
        // The call's stream stays open: it winds down and answers with what it kept (a stopped answer).
        call?.abort(new EnclaveError("ABORTED", "Stopped by the user."));
        sendJson(res, 200, { cancelled: Boolean(call) });
    }

    private async stream(res: ServerResponse, name: ApiMethodName, argument: unknown, signal: AbortSignal): Promise<void> {
        const events = new EventStream(res);
        try {
            const result = await invokeMethod(this.enclave, name, argument, { signal, emit: (event, data) => events.send(event, data) });
            events.end("result", result);
        } catch (error) {
            events.end("error", errorBody(error).error);
        }
    }

    /** `GET /api/files/<collection>/<docId>`: the bytes of an indexed file; the path comes from the index. */
    private async sendDocument(req: IncomingMessage, res: ServerResponse, rest: string, signal: AbortSignal): Promise<void> {
        if (req.method !== "GET") throw new EnclaveError("METHOD_NOT_ALLOWED", "Files are read with GET.");
        const segments = /^([^/]+)\/([^/]+)$/.exec(rest);
        if (!segments?.[1] || !segments[2]) throw new EnclaveError("BAD_REQUEST", "Use /api/files/<collection>/<docId>.");
        const located = await this.enclave.locateDocument({ collection: decodeSegment(segments[1]), docId: decodeSegment(segments[2]) });
        res.writeHead(200, {
            "Content-Type": located.contentType,
            "Content-Length": located.size,
            // Shown as data, never run as a page of this origin (an indexed HTML file may hold scripts).
            "Content-Security-Policy": "sandbox; default-src 'none'",
        });
        await pipeline(fs.createReadStream(located.path), res, { signal });
    }
}

function decodeSegment(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        throw new EnclaveError("BAD_REQUEST", "The path is not valid percent-encoding.");
    }
}
