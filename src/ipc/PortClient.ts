import type { BridgeHandlers, BridgeOutcome } from "../client/bridge.js";
import { errorMessage } from "../core/errors.js";
import { listenToPort, type MessagePortLike } from "./messagePort.js";
import type { CallerMessage, EngineMessage, WireError } from "./messages.js";

interface PendingCall {
    settle: (outcome: BridgeOutcome) => void;
    onData?: (data: unknown) => void;
}

const CONNECTION_LOST: WireError = { code: "CONNECTION_LOST", message: "The connection to the engine was lost; reload the window." };

/**
 * The caller's side of the port protocol, as the preload runs it. Every call settles with an outcome and
 * never rejects: errors cross the context bridge as data, keeping their code. Calls made before the port
 * arrives wait for it, in order.
 */
export class PortClient {
    private readonly pending = new Map<string, PendingCall>();
    /** The caller's own call ids (for cancel) → the ids on the wire. */
    private readonly wireIds = new Map<string, string>();
    private sequence = 0;
    private connected = true;

    constructor(private readonly port: Promise<MessagePortLike>) {
        void port.then((ready) => listenToPort(ready, (data) => this.receive(data), () => this.disconnect()));
    }

    async call(method: string, argument: unknown, handlers: BridgeHandlers = {}): Promise<BridgeOutcome> {
        if (!this.connected) return { ok: false, error: CONNECTION_LOST };
        const id = String(++this.sequence);
        const { callId, onData } = handlers;
        const outcome = new Promise<BridgeOutcome>((settle) => this.pending.set(id, { settle, onData }));
        if (callId !== undefined) this.wireIds.set(callId, id);
        try {
            this.post(await this.port, { type: "call", id, method, argument });
        } catch (error) {
            // Only structured-cloneable arguments can be sent (no functions, no DOM objects).
            this.settle(id, { ok: false, error: { code: "BAD_REQUEST", message: `The request cannot be sent: ${errorMessage(error)}` } });
        }
        try {
            return await outcome;
        } finally {
            if (callId !== undefined && this.wireIds.get(callId) === id) this.wireIds.delete(callId);
        }
    }

    /** Asks the engine to stop a running call; it then settles with an ABORTED error (or what it kept). */
    cancel(callId: string): void {
        const id = this.wireIds.get(callId);
        if (id !== undefined) void this.port.then((ready) => this.post(ready, { type: "cancel", id }));
    }

    private post(port: MessagePortLike, message: CallerMessage): void {
        port.postMessage(message);
    }

    private receive(data: unknown): void {
        const message = data as EngineMessage;
        const call = typeof message?.id === "string" ? this.pending.get(message.id) : undefined;
        if (!call) return;
        if (message.type === "data") call.onData?.(message.data);
        else if (message.type === "result") this.settle(message.id, { ok: true, value: message.value });
        else if (message.type === "error") this.settle(message.id, { ok: false, error: message.error });
    }

    private settle(id: string, outcome: BridgeOutcome): void {
        this.pending.get(id)?.settle(outcome);
        this.pending.delete(id);
    }

    private disconnect(): void {
        this.connected = false;
        for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, error: CONNECTION_LOST });
    }
}
