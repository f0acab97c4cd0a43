import type { ServerResponse } from "node:http";

/** A `text/event-stream` response: named events with one JSON value each. */
export class EventStream {
    constructor(private readonly res: ServerResponse) {
        res.writeHead(200, { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" });
        // Headers go out now, so the client sees the stream open before the first event.
        res.flushHeaders();
    }

    /** Sends one event; dropped once the client has gone. JSON keeps newlines escaped, so `data` is one line. */
    send(event: string, data: unknown): void {
        if (this.res.destroyed || this.res.writableEnded) return;
        this.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    }

    /** Sends the last event and ends the response. */
    end(event: string, data: unknown): void {
        this.send(event, data);
        if (!this.res.writableEnded) this.res.end();
    }
}
