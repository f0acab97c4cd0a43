import type { ApiMethodName } from "../core/api/methods.js";

/**
 * Every API method, as a set: a method of the contract missing here, or a name that is not one, fails to
 * compile. The sandboxed preload is built from this rather than from the method table, which would bring
 * the request schemas (and zod) into it.
 */
const LISTED: Readonly<Record<ApiMethodName, true>> = {
    collections: true,
    removeCollection: true,
    ingest: true,
    documents: true,
    readDocument: true,
    openDocument: true,
    search: true,
    ask: true,
    reembed: true,
    evalRetrieval: true,
    evalQa: true,
    models: true,
    importModel: true,
    doctor: true,
    settings: true,
    updateSettings: true,
    setWatching: true,
    removeFolder: true,
    browse: true,
    chats: true,
    chat: true,
    createChat: true,
    renameChat: true,
    removeChat: true,
    askInChat: true,
    chatMarkdown: true,
};

export const API_METHOD_NAMES = Object.keys(LISTED) as ApiMethodName[];
