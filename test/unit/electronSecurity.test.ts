/**
 * The desktop app's security decisions, as pure functions (Electron itself cannot run here): the window's
 * web preferences, the UI's Content-Security-Policy, which requests, navigations and permissions are
 * allowed, what the app protocol serves, and what a page may pass to the native dialogs.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MenuItemConstructorOptions } from "electron";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UI_CONTENT_SECURITY_POLICY } from "../../src/core/security/contentSecurityPolicy.js";
import { appFileResponse } from "../../src/main/appFiles.js";
import { APP_ENTRY_URL } from "../../src/main/appOrigin.js";
import { parseFileFilters } from "../../src/main/fileFilters.js";
import { menuTemplate } from "../../src/main/menuTemplate.js";
import { isNavigationAllowed, isPermissionGranted, isRequestAllowed, withContentSecurityPolicy } from "../../src/main/requestPolicy.js";
import { browserWindowOptions } from "../../src/main/windowOptions.js";

/** The CSP as directive → sources. */
function directives(policy: string): Map<string, string[]> {
    return new Map(
        policy
            .split(";")
            .map((directive) => directive.trim().split(/\s+/))
            .filter((tokens) => tokens[0])
            .map(([name, ...sources]) => [name as string, sources]),
    );
}

describe("browserWindowOptions", () => {
    const preload = "/app/dist/preload/index.cjs";

    it("runs the renderer sandboxed and isolated, without Node, with only the preload", () => {
        const preferences = browserWindowOptions(preload).webPreferences;
        expect(preferences).toMatchObject({
            preload,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            nodeIntegrationInWorker: false,
            nodeIntegrationInSubFrames: false,
            webSecurity: true,
            allowRunningInsecureContent: false,
            webviewTag: false,
            spellcheck: false,
            navigateOnDragDrop: false,
        });
    });

    it("offers DevTools only when asked to (development)", () => {
        expect(browserWindowOptions(preload).webPreferences?.devTools).toBe(false);
        expect(browserWindowOptions(preload, { devTools: true }).webPreferences?.devTools).toBe(true);
    });

    it("lists Reload and Toggle DevTools in the menu in development only", () => {
        const roles = (items: MenuItemConstructorOptions[]): string[] =>
            items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
        for (const isMac of [false, true]) {
            expect(roles(menuTemplate({ isMac, isDevelopment: true }))).toEqual(expect.arrayContaining(["reload", "toggleDevTools", "copy", "paste", "selectAll", "about", "quit"]));
            const packaged = roles(menuTemplate({ isMac, isDevelopment: false }));
            expect(packaged).toEqual(expect.arrayContaining(["copy", "paste", "selectAll", "zoomIn", "about", "quit"]));
            expect(packaged).not.toContain("toggleDevTools");
            expect(packaged).not.toContain("reload");
        }
    });
});

describe("the UI's Content-Security-Policy", () => {
    const policy = directives(UI_CONTENT_SECURITY_POLICY);
    const allSources = [...policy.values()].flat();

    it("allows only the app's own origin by default, no plugins, no framing, no base URL", () => {
        expect(policy.get("default-src")).toEqual(["'self'"]);
        expect(policy.get("object-src")).toEqual(["'none'"]);
        expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
        expect(policy.get("base-uri")).toEqual(["'none'"]);
        expect(policy.get("connect-src")).toEqual(["'self'"]);
    });

    it("runs no eval and no inline script; WebAssembly (pdf.js) is the only compilation allowed", () => {
        expect(allSources).not.toContain("'unsafe-eval'");
        expect(policy.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    });

    it("names no remote origin and no wildcard", () => {
        for (const source of allSources) expect(source).toMatch(/^('[a-z-]+'|data:|blob:)$/);
    });

    it("lets pdf.js run: its worker, embedded fonts and rendered images", () => {
        expect(policy.get("worker-src")).toEqual(["'self'", "blob:"]);
        expect(policy.get("font-src")).toEqual(["'self'", "data:"]);
        expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    });
});

describe("request, navigation and permission policy", () => {
    it("lets requests reach only the app's files, DevTools and in-page data", () => {
        for (const url of [APP_ENTRY_URL, "app://enclave/assets/index-3f2a.js", "devtools://devtools/bundled/devtools_app.html", "data:image/png;base64,AAAA", "blob:app://enclave/0b6c6a1e-7d3c"])
            expect(isRequestAllowed(url), url).toBe(true);
    });

    it("cancels every request that could leave the app: web, sockets, files, other app hosts", () => {
        for (const url of [
            "http://example.com/",
            "https://example.com/track.gif",
            "http://127.0.0.1:8080/api/collections",
            "ws://127.0.0.1:1234/",
            "wss://example.com/socket",
            "ftp://example.com/file",
            "file:///etc/passwd",
            "chrome-extension://abcdef/script.js",
            "app://evil/index.html",
            "app://enclave@evil/index.html",
            "not a url",
        ])
            expect(isRequestAllowed(url), url).toBe(false);
    });

    it("keeps navigation within the app", () => {
        expect(isNavigationAllowed("app://enclave/index.html#/chats")).toBe(true);
        for (const url of ["https://example.com/", "file:///home/user/report.pdf", "javascript:alert(1)", "about:blank", "app://other/"])
            expect(isNavigationAllowed(url), url).toBe(false);
    });

    it("forces the CSP onto the app's responses, replacing any other, and leaves DevTools' alone", () => {
        const headers = withContentSecurityPolicy(APP_ENTRY_URL, { "content-security-policy": ["default-src *"], "Content-Type": ["text/html"] });
        expect(headers).toEqual({ "Content-Security-Policy": [UI_CONTENT_SECURITY_POLICY], "Content-Type": ["text/html"] });
        const devtools = { "Content-Security-Policy": ["devtools' own"] };
        expect(withContentSecurityPolicy("devtools://devtools/bundled/devtools_app.html", devtools)).toBe(devtools);
    });

    it("grants no permission but writing to the clipboard, and that to the app only", () => {
        for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "display-capture", "openExternal", "fileSystem"])
            expect(isPermissionGranted(permission, APP_ENTRY_URL), permission).toBe(false);
        expect(isPermissionGranted("clipboard-sanitized-write", "app://enclave")).toBe(true);
        expect(isPermissionGranted("clipboard-sanitized-write", "https://example.com")).toBe(false);
    });
});

describe("appFileResponse (the app:// protocol)", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-app-files-"));
    const root = path.join(outside, "dist");

    beforeAll(() => {
        fs.mkdirSync(path.join(root, "assets"), { recursive: true });
        fs.writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Enclave</title>");
        fs.writeFileSync(path.join(root, "assets", "pdf.worker.mjs"), "self.onmessage = () => {};");
        fs.writeFileSync(path.join(outside, "secret.txt"), "SECRET-OUTSIDE-THE-UI");
        fs.symlinkSync(path.join(outside, "secret.txt"), path.join(root, "link.txt"));
    });

    afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

    it("serves the UI's files with their type and the CSP", async () => {
        const index = await appFileResponse(root, "app://enclave/");
        expect(index.status).toBe(200);
        expect(index.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
        expect(index.headers.get("Content-Security-Policy")).toBe(UI_CONTENT_SECURITY_POLICY);
        expect(await index.text()).toContain("<title>Enclave</title>");
        const worker = await appFileResponse(root, "app://enclave/assets/pdf.worker.mjs");
        expect(worker.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    });

    it("serves nothing outside its folder: no traversal, no symbolic link out, no other host", async () => {
        for (const url of ["app://enclave/%2e%2e/secret.txt", "app://enclave/..%2fsecret.txt", "app://enclave/link.txt", "app://enclave/assets", "app://enclave/missing.js", "app://other/index.html"]) {
            const response = await appFileResponse(root, url);
            expect(response.status, url).toBe(404);
            expect(response.headers.get("Content-Security-Policy")).toBe(UI_CONTENT_SECURITY_POLICY);
            expect(await response.text()).not.toContain("SECRET");
        }
    });
});

describe("parseFileFilters (the native file dialog's filters, from the page)", () => {
    it("accepts names with extensions", () => {
        const filters = [{ name: "Models", extensions: ["gguf", "onnx"] }, { name: "All files", extensions: ["*"] }];
        expect(parseFileFilters(filters)).toEqual(filters);
    });

    it("refuses anything else with BAD_REQUEST", () => {
        for (const value of [null, "gguf", [{ name: "Models", extensions: [".gguf"] }], [{ name: "x", extensions: ["../../etc"] }], [{ name: "", extensions: ["gguf"] }]])
            expect(() => parseFileFilters(value), JSON.stringify(value)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    });
});
