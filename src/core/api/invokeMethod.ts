import type { EnclaveApi } from "./contract.js";
import { API_METHODS, type ApiMethod, type ApiMethodName, type MethodStream } from "./methods.js";
import { parseRequest } from "./parseRequest.js";

export interface InvokeOptions {
    /** Receives what a streaming method reports, named by its transport event. Default: dropped */
    emit?: (event: MethodStream["event"], data: unknown) => void;
    /** Cancels the call (e.g. when the transport's client goes away). Default: none */
    signal?: AbortSignal;
}

/**
 * Calls an API method by name with an argument received from a transport: validated against the method's
 * schema, its stream mapped onto `emit`. Every transport dispatches through this, so none routes by hand.
 */
export async function invokeMethod(api: EnclaveApi, name: ApiMethodName, argument: unknown, options: InvokeOptions = {}): Promise<unknown> {
    const method: ApiMethod = API_METHODS[name];
    const call = api[name] as (argument?: unknown, handlers?: Record<string, unknown>) => Promise<unknown>;
    const handlers: Record<string, unknown> = { signal: options.signal };
    const stream = method.stream;
    if (stream && options.emit) {
        const emit = options.emit;
        handlers[stream.handler] = (data: unknown) => emit(stream.event, data);
    }
    if (method.request === null) return call.call(api);
    return call.call(api, parseRequest(method.request, argument), handlers);
}
