import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { EnclaveError } from "../core/errors.js";
import { UI_CONTENT_SECURITY_POLICY } from "../core/security/contentSecurityPolicy.js";
import { resolveUiFile, uiContentType } from "../core/security/uiAssets.js";

/** Serves the files of one folder (the built UI); nothing outside it, symbolic links included, is reachable. */
export class StaticFiles {
    constructor(private readonly root: string) {}

    async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
        if (req.method !== "GET" && req.method !== "HEAD") throw new EnclaveError("METHOD_NOT_ALLOWED", `${req.method} is not allowed here.`);
        const file = await this.resolve(pathname);
        const stat = await fs.promises.stat(file);
        res.writeHead(200, {
            "Content-Type": uiContentType(file),
            "Content-Length": stat.size,
            "Content-Security-Policy": UI_CONTENT_SECURITY_POLICY,
            "Cache-Control": "no-cache",
        });
        if (req.method === "HEAD") res.end();
        else await pipeline(fs.createReadStream(file), res);
    }

    /** The file a URL path names inside the root, else NOT_FOUND. */
    private async resolve(pathname: string): Promise<string> {
        let decoded: string;
        try {
            decoded = decodeURIComponent(pathname);
        } catch {
            throw new EnclaveError("BAD_REQUEST", "The path is not valid percent-encoding.");
        }
        const file = await resolveUiFile(this.root, decoded);
        if (!file) throw new EnclaveError("FILE_NOT_FOUND", `${pathname} not found.`);
        return file;
    }
}
