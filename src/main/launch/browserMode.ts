import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { abortOnInterrupt } from "../../cli/abortOnInterrupt.js";
import { PACKAGE_ROOT } from "../../core/config/paths.js";
import { LoopbackServer } from "../../server/LoopbackServer.js";
import { openEnclave } from "../openEnclave.js";
import { BrowserAppWindow } from "./BrowserAppWindow.js";
import { findChromium } from "./findChromium.js";

export interface BrowserModeOptions {
    /** Why the desktop app is not used; printed first. */
    reason: string;
    /** Opens the UI in an installed Chromium, Chrome or Edge. Default: true */
    open?: boolean;
}

/**
 * The app without Electron: the engine and the loopback server in this process, the UI in a browser window.
 * Runs until Ctrl+C, then stops the server and releases the engine.
 */
export async function runBrowserMode({ reason, open = true }: BrowserModeOptions): Promise<void> {
    const write = (line: string) => process.stdout.write(`${line}\n`);
    write(`Starting in browser mode: ${reason}.`);
    const uiRoot = path.join(PACKAGE_ROOT, "renderer", "dist");
    const enclave = await openEnclave();
    const server = new LoopbackServer(enclave, { staticDir: uiRoot });
    await server.start();
    // The token travels in the fragment, which browsers never send to a server.
    const url = `${server.origin}/#token=${server.token}`;
    write(`Enclave is running at ${url}`);
    if (!fs.existsSync(path.join(uiRoot, "index.html"))) write("The UI is not built (renderer/dist is missing): run `npm run build:ui`. The API answers meanwhile.");
    const browser = open ? findChromium() : null;
    if (open && !browser) write("No Chromium, Chrome or Edge was found: open the address above in a browser.");
    const window = browser ? BrowserAppWindow.open(browser, url, path.join(enclave.dataDir, "browser-profile")) : null;
    write("Press Ctrl+C to stop.");

    await once(abortOnInterrupt(), "abort");
    window?.close();
    await server.close();
    await enclave.dispose();
}
