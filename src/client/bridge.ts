/**
 * What the Electron preload exposes to the renderer through `contextBridge`: every API contract method, by
 * name, and nothing else. Functions and structured-cloneable data are all that cross the bridge, so
 * cancellation is by call id and errors travel as data (an Error's `code` would be lost in transit).
 */
import type { ApiMethodName } from "../core/api/methods.js";

export interface BridgeHandlers {
    /** Receives each progress object or answer token of a streaming method. */
    onData?: (data: unknown) => void;
    /** Names the call so that `cancel(callId)` can stop it. Default: not cancellable */
    callId?: string;
}

export type BridgeOutcome = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export type EnclaveBridge = {
    readonly [Method in ApiMethodName]: (argument: unknown, handlers?: BridgeHandlers) => Promise<BridgeOutcome>;
} & {
    /** Stops a running call started with this `callId`; it then settles with an ABORTED error. */
    readonly cancel: (callId: string) => void;
};

/** Native dialogs, offered by the desktop app only; browser mode uses the in-app chooser (`browse`). */
export interface DesktopHost {
    pickFolders(): Promise<string[]>;
    pickFile(filters: { name: string; extensions: string[] }[]): Promise<string | null>;
}

declare global {
    interface Window {
        /** Present in the desktop app (set by the preload); absent in browser mode. */
        enclaveBridge?: EnclaveBridge;
        enclaveHost?: DesktopHost;
    }
}
