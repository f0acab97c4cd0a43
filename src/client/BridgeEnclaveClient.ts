/**
 * The API contract over the desktop app's preload bridge (`window.enclaveBridge`), for the renderer. No
 * Node imports. Every method is made from the method table, so a method added to the contract reaches the
 * renderer with no code here.
 */
import type { EnclaveApi } from "../core/api/contract.js";
import { API_METHODS, type ApiMethodName, type MethodStream } from "../core/api/methods.js";
import { EnclaveError } from "../core/errors.js";
import type { BridgeOutcome, EnclaveBridge } from "./bridge.js";

/** The handlers any method may take: its stream callback, named as the method table says, and a signal. */
type CallHandlers = Partial<Record<MethodStream["handler"], (data: unknown) => void>> & { signal?: AbortSignal };

/** The contract's methods, which the constructor assigns: one per entry of the method table. */
export interface BridgeEnclaveClient extends Omit<EnclaveApi, "dispose"> {}

export class BridgeEnclaveClient implements EnclaveApi {
    constructor(private readonly bridge: EnclaveBridge) {
        for (const method of Object.keys(API_METHODS) as ApiMethodName[]) {
            Object.defineProperty(this, method, { value: (argument?: unknown, handlers?: CallHandlers) => this.invoke(method, argument, handlers) });
        }
    }

    /** The engine belongs to the desktop app; a client holds nothing to release. */
    async dispose(): Promise<void> {}

    private async invoke(method: ApiMethodName, argument: unknown, handlers: CallHandlers = {}): Promise<unknown> {
        const { signal } = handlers;
        if (signal?.aborted) throw new EnclaveError("ABORTED", "The call was cancelled.");
        const stream = API_METHODS[method].stream;
        // Only a call that can be aborted needs a name to cancel it by.
        const callId = signal ? crypto.randomUUID() : undefined;
        const cancel = () => callId && this.bridge.cancel(callId);
        signal?.addEventListener("abort", cancel, { once: true });
        try {
            return unwrap(await this.bridge[method](argument, { onData: stream && handlers[stream.handler], callId }));
        } finally {
            signal?.removeEventListener("abort", cancel);
        }
    }
}

function unwrap(outcome: BridgeOutcome): unknown {
    if (outcome.ok) return outcome.value;
    throw new EnclaveError(outcome.error.code, outcome.error.message);
}
