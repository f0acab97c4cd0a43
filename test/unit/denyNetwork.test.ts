import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { denyNetwork, isLoopbackHost } from "../../src/core/system/denyNetwork.js";

describe("denyNetwork", () => {
    let server: http.Server;
    let port = 0;

    beforeAll(async () => {
        denyNetwork();
        server = http.createServer((_request, response) => response.end("local ok"));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        port = (server.address() as net.AddressInfo).port;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("recognises loopback hosts", () => {
        for (const host of ["localhost", "127.0.0.1", "127.8.9.10", "::1", "app.localhost"]) expect(isLoopbackHost(host)).toBe(true);
        for (const host of ["example.com", "10.0.0.1", "192.168.1.1", "huggingface.co", "8.8.8.8"]) expect(isLoopbackHost(host)).toBe(false);
    });

    it("refuses fetch to a remote host before any packet leaves", async () => {
        const error = await fetch("http://203.0.113.7:8080/").catch((caught: unknown) => caught as Error);
        expect(error).toBeInstanceOf(Error);
        expect(String((error as Error & { cause?: unknown }).cause ?? error)).toMatch(/offline by design/);
    });

    it("refuses raw sockets and DNS lookups of remote names", async () => {
        const socketError = await new Promise<Error>((resolve) => net.connect(443, "203.0.113.7").on("error", resolve));
        expect(socketError.message).toMatch(/offline by design.*203\.0\.113\.7/);
        const dns = await import("node:dns");
        await expect(dns.promises.lookup("example.com")).rejects.toThrow(/offline by design/);
    });

    it("still allows loopback connections (the local UI server)", async () => {
        const response = await fetch(`http://127.0.0.1:${port}/`);
        expect(await response.text()).toBe("local ok");
    });
});
