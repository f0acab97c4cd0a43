/**
 * The API contract over HTTP + server-sent events, for the browser UI and end-to-end tests. Plain `fetch`
 * and web streams only: it runs in browsers and in Node alike (no Node imports here).
 */
import type {
    AskHandlers,
    AskRequest,
    CollectionInfo,
    DoctorReport,
    DocumentFile,
    DocumentInfo,
    DocumentRequest,
    EnclaveApi,
    EvalHandlers,
    EvalQaRequest,
    EvalRetrievalRequest,
    IngestHandlers,
    IngestRequest,
    QaEvalReport,
    ReembedRequest,
    RetrievalEvalReport,
    SearchRequest,
} from "../core/api/contract.js";
import type { ApiMethodName } from "../core/api/methods.js";
import { EnclaveError } from "../core/errors.js";
import type { InstalledModel } from "../core/models/ModelRegistry.js";
import type { AnswerResult, IngestReport, SearchResult } from "../core/types.js";
import { parseEventStream } from "./parseEventStream.js";

export interface HttpEnclaveClientOptions {
    /** The server's origin, e.g. "http://127.0.0.1:5123". */
    origin: string;
    /** The server's per-launch access token. */
    token: string;
}

export class HttpEnclaveClient implements EnclaveApi {
    constructor(private readonly options: HttpEnclaveClientOptions) {}

    collections(): Promise<CollectionInfo[]> {
        return this.call("collections");
    }

    removeCollection(name: string): Promise<boolean> {
        return this.call("removeCollection", name);
    }

    ingest(request: IngestRequest, handlers: IngestHandlers = {}): Promise<IngestReport> {
        return this.stream("ingest", request, handlers.onEvent, handlers.signal);
    }

    documents(collection: string): Promise<DocumentInfo[]> {
        return this.call("documents", collection);
    }

    async readDocument(request: DocumentRequest): Promise<DocumentFile> {
        const url = `${this.options.origin}/api/files/${encodeURIComponent(request.collection)}/${encodeURIComponent(request.docId)}`;
        const response = await this.send(url, { method: "GET" });
        return {
            contentType: response.headers.get("Content-Type") ?? "application/octet-stream",
            bytes: new Uint8Array(await response.arrayBuffer()),
        };
    }

    search(request: SearchRequest): Promise<SearchResult> {
        return this.call("search", request);
    }

    ask(request: AskRequest, handlers: AskHandlers = {}): Promise<AnswerResult> {
        return this.stream("ask", request, handlers.onToken, handlers.signal);
    }

    reembed(request: ReembedRequest, handlers: IngestHandlers = {}): Promise<CollectionInfo> {
        return this.stream("reembed", request, handlers.onEvent, handlers.signal);
    }

    evalRetrieval(request: EvalRetrievalRequest, handlers: EvalHandlers = {}): Promise<RetrievalEvalReport> {
        return this.stream("evalRetrieval", request, handlers.onProgress, handlers.signal);
    }

    evalQa(request: EvalQaRequest, handlers: EvalHandlers = {}): Promise<QaEvalReport> {
        return this.stream("evalQa", request, handlers.onProgress, handlers.signal);
    }

    models(): Promise<InstalledModel[]> {
        return this.call("models");
    }

    doctor(): Promise<DoctorReport> {
        return this.call("doctor");
    }

    /** The engine belongs to the server; a client holds nothing to release. */
    async dispose(): Promise<void> {}

    private async call<Result>(method: ApiMethodName, argument?: unknown): Promise<Result> {
        const response = await this.post(method, argument);
        return (await response.json()) as Result;
    }

    /** Calls a streaming method: each progress or token event goes to `onData`, the `result` event resolves. */
    private async stream<Data, Result>(
        method: ApiMethodName,
        argument: unknown,
        onData: ((data: Data) => void) | undefined,
        signal: AbortSignal | undefined,
    ): Promise<Result> {
        const response = await this.post(method, argument, signal);
        if (!response.body) throw new EnclaveError("CONNECTION_LOST", "The server sent no event stream.");
        for await (const { event, data } of parseEventStream(response.body)) {
            const value = JSON.parse(data) as unknown;
            if (event === "result") return value as Result;
            if (event === "error") throw toEnclaveError(value);
            onData?.(value as Data);
        }
        throw new EnclaveError("CONNECTION_LOST", `The server closed the stream of ${method} before its result.`);
    }

    private post(method: ApiMethodName, argument: unknown, signal?: AbortSignal): Promise<Response> {
        return this.send(`${this.options.origin}/api/${method}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
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

function toEnclaveError(error: unknown): EnclaveError {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    return new EnclaveError(typeof code === "string" ? code : "INTERNAL", typeof message === "string" ? message : "Unknown server error.");
}
