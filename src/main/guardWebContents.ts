import type { WebContents } from "electron";
import { isNavigationAllowed } from "./requestPolicy.js";

/**
 * Keeps a web contents (the app's window, or any other one that ever appears) on the app's origin: no
 * navigation or redirect away from it, no new windows, no <webview>.
 */
export function guardWebContents(contents: WebContents): void {
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
    contents.on("will-navigate", (event) => {
        if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on("will-redirect", (event) => {
        if (!isNavigationAllowed(event.url)) event.preventDefault();
    });
    contents.on("will-attach-webview", (event) => event.preventDefault());
}
