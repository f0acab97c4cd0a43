/**
 * Every EnclaveApi method as data, so that each transport (loopback HTTP, Electron IPC) dispatches through
 * one table: a method added to the contract and listed here reaches every transport without new routing.
 */
import type { z } from "zod";
import {
    askRequest,
    browseRequest,
    chatAskRequest,
    chatIdRequest,
    chatMarkdownRequest,
    collectionRequest,
    createChatRequest,
    documentRequest,
    evalQaRequest,
    evalRetrievalRequest,
    importModelRequest,
    ingestRequest,
    reembedRequest,
    removeFolderRequest,
    renameChatRequest,
    searchRequest,
    settingsUpdate,
    watchRequest,
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
const TOKENS: MethodStream = { handler: "onToken", event: "token" };
const REPORTED: MethodStream = { handler: "onProgress", event: "progress" };

export const API_METHODS: Readonly<Record<ApiMethodName, ApiMethod>> = {
    collections: { request: null },
    removeCollection: { request: collectionRequest },
    ingest: { request: ingestRequest, stream: PROGRESS },
    documents: { request: collectionRequest },
    readDocument: { request: documentRequest, result: "file" },
    openDocument: { request: documentRequest },
    search: { request: searchRequest },
    ask: { request: askRequest, stream: TOKENS },
    reembed: { request: reembedRequest, stream: PROGRESS },
    evalRetrieval: { request: evalRetrievalRequest, stream: REPORTED },
    evalQa: { request: evalQaRequest, stream: REPORTED },
    models: { request: null },
    importModel: { request: importModelRequest, stream: REPORTED },
    doctor: { request: null },
    settings: { request: null },
    updateSettings: { request: settingsUpdate },
    setWatching: { request: watchRequest },
    removeFolder: { request: removeFolderRequest },
    browse: { request: browseRequest },
    chats: { request: null },
    chat: { request: chatIdRequest },
    createChat: { request: createChatRequest },
    renameChat: { request: renameChatRequest },
    removeChat: { request: chatIdRequest },
    askInChat: { request: chatAskRequest, stream: TOKENS },
    chatMarkdown: { request: chatMarkdownRequest },
};

export function isApiMethodName(name: string): name is ApiMethodName {
    return Object.hasOwn(API_METHODS, name);
}
