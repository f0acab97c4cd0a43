import type { BridgeHandlers, EnclaveBridge } from "../client/bridge.js";
import type { ApiMethodName } from "../core/api/methods.js";
import type { PortClient } from "./PortClient.js";

/** The object the preload exposes as `window.enclaveBridge`: one function per API method, and `cancel`. */
export function createBridge(client: PortClient, methods: readonly ApiMethodName[]): EnclaveBridge {
    const bridge: Record<string, unknown> = { cancel: (callId: string) => client.cancel(callId) };
    for (const method of methods) bridge[method] = (argument: unknown, handlers?: BridgeHandlers) => client.call(method, argument, handlers);
    return bridge as EnclaveBridge;
}
