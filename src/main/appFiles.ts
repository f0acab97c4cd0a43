import fs from "node:fs/promises";
import { UI_CONTENT_SECURITY_POLICY } from "../core/security/contentSecurityPolicy.js";
import { resolveUiFile, uiContentType } from "../core/security/uiAssets.js";
import { isAppUrl } from "./appOrigin.js";

/**
 * Answers an `app://enclave/…` request with a file of the built UI, under the UI's Content-Security-Policy.
 * Only regular files inside `root` are served, symbolic links resolved first; anything else is a 404 that
 * looks the same as a missing file.
 */
export async function appFileResponse(root: string, url: string): Promise<Response> {
    const headers = { "Content-Security-Policy": UI_CONTENT_SECURITY_POLICY, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache" };
    const file = await resolveInside(root, url);
    if (!file) return new Response("Not found", { status: 404, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
    return new Response(await fs.readFile(file), { status: 200, headers: { ...headers, "Content-Type": uiContentType(file) } });
}

async function resolveInside(root: string, url: string): Promise<string | null> {
    if (!isAppUrl(url)) return null;
    try {
        return await resolveUiFile(root, decodeURIComponent(new URL(url).pathname));
    } catch {
        return null;
    }
}
