import fs from "node:fs/promises";
import path from "node:path";

/** Content types of the files a UI build holds; anything else is served as opaque bytes. */
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

export function uiContentType(file: string): string {
    return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * The real path of a regular file inside the UI build folder named by a decoded URL path ("/" means
 * index.html), or null: symbolic links are resolved first, so nothing outside `root` is ever reachable, and
 * a path outside looks the same as a missing one. Shared by the loopback server and the desktop app protocol.
 */
export async function resolveUiFile(root: string, decodedPath: string): Promise<string | null> {
    if (decodedPath.includes("\0")) return null;
    const relative = decodedPath.endsWith("/") ? `${decodedPath}index.html` : decodedPath;
    const realRoot = await fs.realpath(root).catch(() => null);
    const real = realRoot && (await fs.realpath(path.join(realRoot, relative)).catch(() => null));
    if (!realRoot || !real?.startsWith(realRoot + path.sep)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
}
