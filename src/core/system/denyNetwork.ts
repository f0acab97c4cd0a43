import dns from "node:dns";
import net from "node:net";

/** What a refused connection or lookup fails with. */
export class NetworkDeniedError extends Error {
    readonly code = "ENCLAVE_NETWORK_DENIED";
    constructor(target: string) {
        super(`Enclave is offline by design: refused a network connection to ${target}`);
    }
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1"]);
let installed = false;

export function isLoopbackHost(host: string): boolean {
    return LOOPBACK_NAMES.has(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host) || host.toLowerCase().endsWith(".localhost");
}

/**
 * Refuses every outbound network connection and DNS lookup except to loopback, in this process. Enclave
 * never needs the network; this turns "never" from a promise into a guarantee, whatever a dependency tries.
 */
export function denyNetwork(): void {
    if (installed) return;
    installed = true;

    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
        const host = connectionHost(args);
        if (host !== null && !isLoopbackHost(host)) {
            const error = new NetworkDeniedError(host);
            process.nextTick(() => this.destroy(error));
            return this;
        }
        return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof connect;

    const lookup = dns.lookup;
    dns.lookup = function (hostname: string, ...rest: unknown[]) {
        const callback = rest.at(-1) as (error: Error) => void;
        if (!isLoopbackHost(hostname)) return process.nextTick(() => callback(new NetworkDeniedError(hostname)));
        return (lookup as (...a: unknown[]) => void).call(dns, hostname, ...rest);
    } as typeof dns.lookup;

    const promiseLookup = dns.promises.lookup;
    dns.promises.lookup = (async (hostname: string, ...rest: unknown[]) => {
        if (!isLoopbackHost(hostname)) throw new NetworkDeniedError(hostname);
        return (promiseLookup as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
    }) as typeof dns.promises.lookup;
}

/** The host a `Socket#connect` call targets; null for local (IPC/Unix socket) connections. */
function connectionHost(args: unknown[]): string | null {
    // net.connect() hands Socket#connect an already normalised [options, callback] array.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (typeof first === "object" && first !== null) {
        const options = first as { path?: string; host?: string };
        if (options.path) return null;
        return options.host ?? "localhost";
    }
    if (typeof first === "string" && Number.isNaN(Number(first))) return null; // a socket path
    return typeof args[1] === "string" ? args[1] : "localhost";
}
