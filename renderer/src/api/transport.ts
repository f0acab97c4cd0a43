/**
 * Picks how the UI reaches the engine, once at startup: over the Electron preload bridge in the desktop app,
 * else over HTTP to the loopback server that served this page, with the per-launch token it put in the URL.
 */
import { BridgeEnclaveClient } from "../../../src/client/BridgeEnclaveClient.ts";
import type { DesktopHost } from "../../../src/client/bridge.ts";
import { HttpEnclaveClient } from "../../../src/client/HttpEnclaveClient.ts";
import type { EnclaveApi } from "../../../src/core/api/contract.ts";

export interface Transport {
    api: EnclaveApi;
    kind: "desktop" | "browser";
    /** Native dialogs; null in browser mode, where the in-app chooser (`browse`) is used. */
    host: DesktopHost | null;
}

const TOKEN_KEY = "enclave.token";

export function createTransport(): Transport {
    if (window.enclaveBridge)
        return { api: new BridgeEnclaveClient(window.enclaveBridge), kind: "desktop", host: window.enclaveHost ?? null };
    return { api: new HttpEnclaveClient({ origin: location.origin, token: takeToken() }), kind: "browser", host: null };
}

/**
 * The token from the URL fragment (`#token=…`), moved out of the address bar (and so out of history and
 * screenshots) into this tab's session storage, where a reload finds it again.
 */
function takeToken(): string {
    const token = new URLSearchParams(location.hash.slice(1)).get("token");
    if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
        history.replaceState(history.state, "", location.pathname + location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY) ?? "";
}
