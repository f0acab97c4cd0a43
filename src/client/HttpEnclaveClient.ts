/**
 * The API contract over HTTP + server-sent events, for the browser UI and end-to-end tests. Plain `fetch`
 * and web streams only: it runs in browsers and in Node alike (no Node imports here).
 */
import type { DocumentFile, DocumentRequest, EnclaveApi } from "../core/api/contract.js";
import { API_METHODS, type ApiMethodName, type MethodStream } from "../core/api/methods.js";
import { EnclaveError } from "../core/errors.js";
import { CALL_ID_HEADER, CANCEL_PATH } from "../server/httpProtocol.js";
import { parseEventStream } from "./parseEventStream.js";

export interface HttpEnclaveClientOptions {
    /** The server's origin, e.g. "http://127.0.0.1:5123". */
    origin: string;
    /** The server's per-launch access token. */
    token: string;
}

/** What any method's second argument may hold: the stream callback its table entry names, and a signal. */
type CallHandlers = Partial<Record<MethodStream["handler"], (data: unknown) => void>> & { signal?: AbortSignal };

/** The contract's methods, which the constructor assigns: one per entry of the method table but `readDocument`. */
export interface HttpEnclaveClient extends Omit<EnclaveApi, "dispose" | "readDocument"> {}

/**
 * Every method is a POST to `/api/<method>`, answered as JSON or, for methods the table marks as streaming, as
 * server-sent events; only `readDocument` differs (a GET of the file's bytes). Every method is made from the
 * method table, so a method added to the contract reaches HTTP clients with no code here.
 */
export class HttpEnclaveClient implements EnclaveApi {
    constructor(private readonly options: HttpEnclaveClientOptions) {
        for (const method of Object.keys(API_METHODS) as ApiMethodName[]) {
            if (method !== "readDocument") Object.defineProperty(this, method, { value: this.remote(method) });
        }
    }

    async readDocument(request: DocumentRequest): Promise<DocumentFile> {
        const url = `${this.options.origin}/api/files/${encodeURIComponent(request.collection)}/${encodeURIComponent(request.docId)}`;
        const response = await this.send(url, { method: "GET" });
        return {
            contentType: response.headers.get("Content-Type") ?? "application/octet-stream",
            bytes: new Uint8Array(await response.arrayBuffer()),
        };
    }

    /** The engine belongs to the server; a client holds nothing to release. */
    async dispose(): Promise<void> {}

    /** A method of the contract as an HTTP call, streaming through the handler its table entry names. */
    private remote(method: ApiMethodName): (argument?: unknown, handlers?: CallHandlers) => Promise<unknown> {
        const stream = API_METHODS[method].stream;
        return (argument, handlers = {}) =>
            stream ? this.stream(method, argument, handlers[stream.handler], handlers.signal) : this.call(method, argument, handlers.signal);
    }

    private async call(method: ApiMethodName, argument: unknown, signal: AbortSignal | undefined): Promise<unknown> {
        const response = await this.post(method, argument, signal);
        return response.json();
    }

    /**
     * Calls a streaming method: each progress or token event goes to `onData`, the `result` event resolves.
     * Aborting asks the server to stop the call by its id and keeps reading, so a method that answers with
     * what it kept (a stopped chat answer) still delivers it; the connection is dropped only if the server
     * cannot be asked.
     */
    private async stream(
        method: ApiMethodName,
        argument: unknown,
        onData: ((data: unknown) => void) | undefined,
        signal: AbortSignal | undefined,
    ): Promise<unknown> {
        if (signal?.aborted) throw abortedError();
        const callId = crypto.randomUUID();
        const connection = new AbortController();
        const stop = () => void this.cancel(callId).then((cancelled) => cancelled || connection.abort(), () => connection.abort());
        signal?.addEventListener("abort", stop, { once: true });
        try {
            const response = await this.post(method, argument, connection.signal, { [CALL_ID_HEADER]: callId });
            if (!response.body) throw new EnclaveError("CONNECTION_LOST", "The server sent no event stream.");
            for await (const { event, data } of parseEventStream(response.body)) {
                const value = JSON.parse(data) as unknown;
                if (event === "result") return value;
                if (event === "error") throw toEnclaveError(value);
                onData?.(value);
            }
            throw new EnclaveError("CONNECTION_LOST", `The server closed the stream of ${method} before its result.`);
        } catch (error) {
            throw connection.signal.aborted ? abortedError() : error;
        } finally {
            signal?.removeEventListener("abort", stop);
        }
    }

    private async cancel(callId: string): Promise<boolean> {
        const response = await this.send(`${this.options.origin}${CANCEL_PATH}${callId}`, { method: "POST" });
        return ((await response.json()) as { cancelled: boolean }).cancelled;
    }

    private post(method: ApiMethodName, argument: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): Promise<Response> {
        return this.send(`${this.options.origin}/api/${method}`, {
            method: "POST",
            headers: { "Content-Type": "application/json", ...headers },
            body: JSON.stringify(argument ?? null),
            signal,
        });
    }

    /** Sends an authorised request; an error answer becomes the EnclaveError the server reported. */
    private async send(url: string, init: RequestInit): Promise<Response> {
        const response = await fetch(url, { ...init, headers: { ...init.headers, Authorization: `Bearer ${this.options.token}` } });
        if (response.ok) return response;
        const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
        throw toEnclaveError(body?.error ?? { code: "HTTP_ERROR", message: `The server answered ${response.status} ${response.statusText}.` });
    }
}

function abortedError(): EnclaveError {
    return new EnclaveError("ABORTED", "The call was cancelled.");
}

function toEnclaveError(error: unknown): EnclaveError {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return new EnclaveError(typeof code === "string" ? code : "INTERNAL", typeof message === "string" ? message : "Unknown server error.");
}
