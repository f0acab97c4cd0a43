/**
 * The protocol between a page's preload (the caller) and the engine, over one MessagePort per page. The
 * caller starts and cancels calls; the engine answers each call with data messages while it runs (progress
 * or answer tokens), then exactly one result or error. Only structured-cloneable data crosses.
 */

/** An error as data: an Error's `code` would not survive structured cloning. */
export interface WireError {
    code: string;
    message: string;
}

export interface CallMessage {
    type: "call";
    /** Chosen by the caller, unique among its running calls. */
    id: string;
    method: string;
    argument: unknown;
}

export interface CancelMessage {
    type: "cancel";
    id: string;
}

export type CallerMessage = CallMessage | CancelMessage;

export interface DataMessage {
    type: "data";
    id: string;
    data: unknown;
}

export interface ResultMessage {
    type: "result";
    id: string;
    value: unknown;
}

export interface ErrorMessage {
    type: "error";
    id: string;
    error: WireError;
}

export type EngineMessage = DataMessage | ResultMessage | ErrorMessage;
