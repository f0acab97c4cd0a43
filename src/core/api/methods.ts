/**
 * Every EnclaveApi method as data, so that each transport (loopback HTTP, Electron IPC) dispatches through
 * one table: a method added to the contract and listed here reaches every transport without new routing.
 */
import type { z } from "zod";
import {
    askRequest,
    collectionRequest,
    documentRequest,
    evalQaRequest,
    evalRetrievalRequest,
    ingestRequest,
    reembedRequest,
    searchRequest,
    type EnclaveApi,
} from "./contract.js";

/** What a streaming method reports while it runs: through which handler callback, as which transport event. */
export interface MethodStream {
    handler: "onEvent" | "onToken" | "onProgress";
    /** "progress": ingest or evaluation progress objects; "token": pieces of answer text. */
    event: "progress" | "token";
}

export interface ApiMethod {
    /** Validates the method's single argument; null when the method takes none. */
    request: z.ZodType | null;
    /** Default: none (the method answers once). */
    stream?: MethodStream;
    /** "file": the result is a document's bytes, which transports send as a file rather than JSON. Default: "json". */
    result?: "json" | "file";
}

export type ApiMethodName = Exclude<keyof EnclaveApi, "dispose">;

const PROGRESS: MethodStream = { handler: "onEvent", event: "progress" };

export const API_METHODS: Readonly<Record<ApiMethodName, ApiMethod>> = {
    collections: { request: null },
    removeCollection: { request: collectionRequest },
    ingest: { request: ingestRequest, stream: PROGRESS },
    documents: { request: collectionRequest },
    readDocument: { request: documentRequest, result: "file" },
    search: { request: searchRequest },
    ask: { request: askRequest, stream: { handler: "onToken", event: "token" } },
    reembed: { request: reembedRequest, stream: PROGRESS },
    evalRetrieval: { request: evalRetrievalRequest, stream: { handler: "onProgress", event: "progress" } },
    evalQa: { request: evalQaRequest, stream: { handler: "onProgress", event: "progress" } },
    models: { request: null },
    doctor: { request: null },
};

export function isApiMethodName(name: string): name is ApiMethodName {
    return Object.hasOwn(API_METHODS, name);
}
