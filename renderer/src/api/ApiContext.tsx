/**
 * Gives every component the one EnclaveApi client, and watches its calls: a call that cannot reach the engine
 * marks the connection lost (the banner offers a retry); any call that gets through marks it back.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { DesktopHost } from "../../../src/client/bridge.ts";
import type { EnclaveApi } from "../../../src/core/api/contract.ts";
import { isConnectionError } from "./errors.ts";
import type { Transport } from "./transport.ts";

interface ApiContextValue {
    api: EnclaveApi;
    host: DesktopHost | null;
    transport: Transport["kind"];
}

interface ConnectionContextValue {
    lost: boolean;
    /** Bumped when the connection comes back, so that views reload what they show. */
    epoch: number;
    retry: () => Promise<void>;
}

const ApiContext = createContext<ApiContextValue | null>(null);
const ConnectionContext = createContext<ConnectionContextValue | null>(null);

export function ApiProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
    const [lost, setLost] = useState(false);
    const [epoch, setEpoch] = useState(0);
    const lostRef = useRef(false);
    const report = useCallback((reached: boolean) => {
        if (lostRef.current !== reached) return;
        lostRef.current = !reached;
        setLost(!reached);
        if (reached) setEpoch((value) => value + 1);
    }, []);
    const api = useMemo(() => watchConnection(transport.api, report), [transport.api, report]);
    const retry = useCallback(async () => {
        await api.doctor().catch(() => undefined);
    }, [api]);
    const apiValue = useMemo(() => ({ api, host: transport.host, transport: transport.kind }), [api, transport]);
    const connection = useMemo(() => ({ lost, epoch, retry }), [lost, epoch, retry]);
    return (
        <ApiContext.Provider value={apiValue}>
            <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>
        </ApiContext.Provider>
    );
}

export function useApi(): ApiContextValue {
    const value = useContext(ApiContext);
    if (!value) throw new Error("useApi outside ApiProvider");
    return value;
}

export function useConnection(): ConnectionContextValue {
    const value = useContext(ConnectionContext);
    if (!value) throw new Error("useConnection outside ApiProvider");
    return value;
}

/**
 * The same client, reporting after each call whether the engine was reached. The proxy's target is a blank
 * object, not the client: a client's methods may be read-only own properties (BridgeEnclaveClient defines
 * them so), which a proxy of the client itself could not replace.
 */
function watchConnection(api: EnclaveApi, report: (reached: boolean) => void): EnclaveApi {
    return new Proxy({} as EnclaveApi, {
        get(_blank, property) {
            const value: unknown = Reflect.get(api, property);
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
                const result: unknown = value.apply(api, args);
                if (result instanceof Promise)
                    result.then(
                        () => report(true),
                        (error: unknown) => report(!isConnectionError(error)),
                    );
                return result;
            };
        },
    });
}
