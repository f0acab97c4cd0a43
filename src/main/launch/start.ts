/**
 * `npm start`: the desktop app when Electron's binary is installed (downloaded on demand), else browser
 * mode, the same UI served from 127.0.0.1 in a browser window.
 *   --browser (or ENCLAVE_BROWSER_MODE=1)  browser mode even when Electron is available
 *   --no-open                               browser mode without opening a browser
 */
import { parseArgs } from "node:util";
import { runBrowserMode } from "./browserMode.js";
import { ensureBuilt, runDesktopApp } from "./desktopMode.js";
import { downloadElectron, electronBinary, type ElectronDownload } from "./electronBinary.js";

const DOWNLOAD_TIMEOUT_MS = 60_000;

const { values } = parseArgs({ options: { browser: { type: "boolean", default: false }, "no-open": { type: "boolean", default: false } } });
const open = !values["no-open"];

if (values.browser || process.env.ENCLAVE_BROWSER_MODE === "1") {
    await runBrowserMode({ reason: "asked for (--browser or ENCLAVE_BROWSER_MODE=1)", open });
} else {
    const electron = await findOrDownloadElectron();
    if ("binary" in electron) {
        await ensureBuilt();
        process.exitCode = await runDesktopApp(electron.binary);
    } else {
        await runBrowserMode({ reason: `Electron's binary is not installed and could not be downloaded (${electron.failure})`, open });
    }
}

async function findOrDownloadElectron(): Promise<ElectronDownload> {
    const installed = electronBinary();
    if (installed) return { binary: installed };
    process.stdout.write("Electron's binary is not installed; trying to download it…\n");
    return downloadElectron(DOWNLOAD_TIMEOUT_MS);
}
