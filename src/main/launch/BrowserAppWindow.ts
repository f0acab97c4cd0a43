import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Chromium switches for a window that is the app and nothing else: a profile of its own, nothing fetched in
 * the background, host names left unresolved, and every request not to this machine sent to a dead proxy
 * (loopback addresses always bypass the proxy).
 */
export function appWindowArguments(pageUrl: string, profileDir: string): string[] {
    return [
        `--app=${pageUrl}`,
        `--user-data-dir=${profileDir}`,
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--no-pings",
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ];
}

/** The UI in an installed Chromium-based browser, as an app window (browser mode). */
export class BrowserAppWindow {
    private constructor(
        private readonly browser: ChildProcess,
        private readonly launchPage: string,
    ) {}

    /**
     * Opens `url` with `browserPath`. The address holds the access token, so it goes through a page in the
     * profile folder that only this user can read, not through the command line, which every user can.
     */
    static open(browserPath: string, url: string, profileDir: string): BrowserAppWindow {
        fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
        const launchPage = path.join(profileDir, "open-enclave.html");
        // Removed first: the mode applies only to a file being created.
        fs.rmSync(launchPage, { force: true });
        fs.writeFileSync(launchPage, `<!doctype html><meta http-equiv="refresh" content="0; url=${url}">`, { mode: 0o600 });
        const browser = spawn(browserPath, appWindowArguments(pathToFileURL(launchPage).href, profileDir), { stdio: "ignore" });
        // A browser that fails to start leaves the address printed for the user; nothing else depends on it.
        browser.on("error", () => {});
        return new BrowserAppWindow(browser, launchPage);
    }

    /** Closes the window and removes the launch page, whose token dies with this server anyway. */
    close(): void {
        this.browser.kill();
        fs.rmSync(this.launchPage, { force: true });
    }
}
