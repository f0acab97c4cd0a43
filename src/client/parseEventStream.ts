/** One server-sent event: its name (default "message") and its data lines joined by "\n". */
export interface ServerSentEvent {
    event: string;
    data: string;
}

/**
 * Parses a `text/event-stream` body as the HTML standard defines it (fields `event` and `data`; comments,
 * `id` and `retry` ignored). For streamed `fetch` bodies: EventSource cannot send an Authorization header.
 */
export async function* parseEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffered = "";
    let event = "";
    let data: string[] = [];
    try {
        for (;;) {
            const { done, value } = await reader.read();
            // An event the stream ends without a blank line after is dropped, as the standard says.
            if (done) return;
            buffered += decoder.decode(value, { stream: true });
            // A trailing "\r" may be the first half of "\r\n": keep it until the next chunk decides.
            const lines = buffered.split(/\r\n|\r(?!$)|\n/);
            buffered = lines.pop() ?? "";
            for (const line of lines) {
                if (line === "") {
                    if (data.length > 0) yield { event: event || "message", data: data.join("\n") };
                    event = "";
                    data = [];
                    continue;
                }
                const colon = line.indexOf(":");
                if (colon === 0) continue;
                const field = colon < 0 ? line : line.slice(0, colon);
                const fieldValue = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
                if (field === "event") event = fieldValue;
                else if (field === "data") data.push(fieldValue);
            }
        }
    } finally {
        await reader.cancel().catch(() => undefined);
    }
}
