/**
 * What the desktop window may load, open and be granted: decisions as pure functions, so that they are
 * tested without Electron; src/main/hardenSession.ts and guardWebContents.ts apply them.
 */
import { UI_CONTENT_SECURITY_POLICY } from "../core/security/contentSecurityPolicy.js";
import { isAppUrl } from "./appOrigin.js";

/** Besides the app's origin: DevTools' own pages, and data the page made itself. None reaches the network. */
const LOCAL_SCHEMES = new Set(["devtools:", "data:", "blob:"]);

/** Whether a request may proceed; every other one is cancelled, so no request can leave the machine. */
export function isRequestAllowed(url: string): boolean {
    if (isAppUrl(url)) return true;
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();
    return scheme !== undefined && LOCAL_SCHEMES.has(scheme);
}

/** Whether a page may navigate (or be redirected) to a URL: only within the app. */
export function isNavigationAllowed(url: string): boolean {
    return isAppUrl(url);
}

/**
 * The response headers with the UI's Content-Security-Policy forced onto the app's responses, whatever the
 * response or a `<meta>` tag says; other responses are left as they are (DevTools has its own policy).
 */
export function withContentSecurityPolicy(url: string, headers: Record<string, string[]> = {}): Record<string, string[]> {
    if (!isAppUrl(url)) return headers;
    const others = Object.entries(headers).filter(([name]) => name.toLowerCase() !== "content-security-policy");
    return { ...Object.fromEntries(others), "Content-Security-Policy": [UI_CONTENT_SECURITY_POLICY] };
}

/**
 * Whether a page may use a permission. Only the app may, and only to write text to the clipboard (the
 * "copy answer" buttons); camera, microphone, location, notifications and all others are refused.
 */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
    return permission === "clipboard-sanitized-write" && isAppUrl(requestingUrl);
}
