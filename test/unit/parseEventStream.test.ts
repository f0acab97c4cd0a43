import { describe, expect, it } from "vitest";
import { parseEventStream, type ServerSentEvent } from "../../src/client/parseEventStream.js";

/** A byte stream delivering `text` cut at the given character offsets. */
function streamOf(text: string, cuts: number[]): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    const offsets = [0, ...cuts, bytes.length];
    return new ReadableStream({
        start(controller) {
            for (let index = 1; index < offsets.length; index++) controller.enqueue(bytes.slice(offsets[index - 1], offsets[index]));
            controller.close();
        },
    });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<ServerSentEvent[]> {
    const events: ServerSentEvent[] = [];
    for await (const event of parseEventStream(stream)) events.push(event);
    return events;
}

describe("parseEventStream", () => {
    const text = ': a comment\r\nevent: token\r\ndata: "Größe"\r\n\r\nevent: progress\ndata: {"a":1,\ndata: "b":2}\n\ndata: plain\rid: 7\r\rdata: unterminated';

    it("parses named events, multi-line data, comments and every line ending, dropping an unterminated event", async () => {
        expect(await collect(streamOf(text, []))).toEqual([
            { event: "token", data: '"Größe"' },
            { event: "progress", data: '{"a":1,\n"b":2}' },
            { event: "message", data: "plain" },
        ]);
    });

    it("gives the same events whatever the chunk boundaries (inside CRLF and inside a UTF-8 character)", async () => {
        const whole = await collect(streamOf(text, []));
        const bytes = new TextEncoder().encode(text).length;
        for (let cut = 1; cut < bytes; cut++) expect(await collect(streamOf(text, [cut]))).toEqual(whole);
        expect(await collect(streamOf(text, Array.from({ length: bytes - 1 }, (_, index) => index + 1)))).toEqual(whole);
    });
});
