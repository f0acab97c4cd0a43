/** What every kind of port hands its message listeners. */
interface PortMessageEvent {
    data: unknown;
}

/** Electron's MessagePortMain (main and utility processes): a Node EventEmitter. */
export interface EmitterMessagePort {
    postMessage(message: unknown): void;
    on(event: "message", listener: (event: PortMessageEvent) => void): unknown;
    on(event: "close", listener: () => void): unknown;
    start(): void;
}

/** The web's MessagePort (a preload's) and Node's worker_threads MessagePort: EventTargets. */
export interface TargetMessagePort {
    postMessage(message: unknown): void;
    addEventListener(type: "message" | "close", listener: (event: PortMessageEvent) => void): void;
    start(): void;
}

/** One end of a message channel, whichever process holds it. */
export type MessagePortLike = EmitterMessagePort | TargetMessagePort;

/** Hands each incoming message's data to `onMessage` and the channel's end to `onClose`, then starts delivery. */
export function listenToPort(port: MessagePortLike, onMessage: (data: unknown) => void, onClose: () => void): void {
    if ("addEventListener" in port) {
        port.addEventListener("message", (event) => onMessage(event.data));
        port.addEventListener("close", onClose);
    } else {
        port.on("message", (event) => onMessage(event.data));
        port.on("close", onClose);
    }
    // Ports queue messages until started (a listener alone does not start a web MessagePort).
    port.start();
}
