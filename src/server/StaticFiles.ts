import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { EnclaveError } from "../core/errors.js";

/** The UI may load only its own scripts and styles, and talk only to this server. */
export const STATIC_CSP =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".map": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    ".txt": "text/plain; charset=utf-8",
};

/** Serves the files of one folder (the built UI); nothing outside it, symbolic links included, is reachable. */
export class StaticFiles {
    constructor(private readonly root: string) {}

    async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
        if (req.method !== "GET" && req.method !== "HEAD") throw new EnclaveError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here.`);
        const file = await this.resolve(pathname);
        const stat = await fs.promises.stat(file);
        res.writeHead(200, {
            "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
            "Content-Length": stat.size,
            "Content-Security-Policy": STATIC_CSP,
            "Cache-Control": "no-cache",
        });
        if (req.method === "HEAD") res.end();
        else await pipeline(fs.createReadStream(file), res);
    }

    /** The real path of a regular file inside the root, else NOT_FOUND (a path outside looks the same as a missing one). */
    private async resolve(pathname: string): Promise<string> {
        const notFound = new EnclaveError("FILE_NOT_FOUND", `${pathname} not found.`);
        let relative: string;
        try {
            relative = decodeURIComponent(pathname);
        } catch {
            throw new EnclaveError("BAD_REQUEST", "The path is not valid percent-encoding.");
        }
        if (relative.includes("\0")) throw notFound;
        if (relative.endsWith("/")) relative += "index.html";
        const root = await fs.promises.realpath(this.root).catch(() => null);
        if (!root) throw notFound;
        const real = await fs.promises.realpath(path.join(root, relative)).catch(() => null);
        if (!real || !real.startsWith(root + path.sep)) throw notFound;
        if (!(await fs.promises.stat(real)).isFile()) throw notFound;
        return real;
    }
}
