/**
 * The desktop app's main process (Electron). It owns windows, menus and dialogs only: the engine runs in a
 * utility process (EngineHost), and each page talks to it over its own MessagePort. The UI is served from
 * `app://enclave/` (renderer/dist), and nothing else can be loaded: see requestPolicy.ts.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { app, BrowserWindow, Menu, protocol, session } from "electron";
import { PACKAGE_ROOT, resolveDataDir } from "../core/config/paths.js";
import { APP_ENTRY_URL, APP_SCHEME } from "./appOrigin.js";
import { handleDesktopIpc } from "./desktopIpc.js";
import { EngineHost } from "./EngineHost.js";
import { guardWebContents } from "./guardWebContents.js";
import { hardenSession } from "./hardenSession.js";
import { menuTemplate } from "./menuTemplate.js";
import { browserWindowOptions } from "./windowOptions.js";

const PRELOAD = path.join(PACKAGE_ROOT, "dist", "preload", "index.cjs");
const UI_ROOT = path.join(PACKAGE_ROOT, "renderer", "dist");
const isDevelopment = !app.isPackaged;
const engine = new EngineHost(fileURLToPath(new URL("./engineProcess.js", import.meta.url)));
let engineStopped = false;

// Before `ready`, while this module runs: how Chromium starts, and where it keeps its data (the same data
// folder as the CLI's; Chromium's own files in a subfolder of it).
app.enableSandbox();
app.setName("Enclave");
const dataDir = resolveDataDir();
app.setPath("userData", dataDir);
app.setPath("sessionData", path.join(dataDir, "desktop-session"));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

if (app.requestSingleInstanceLock()) {
    app.on("web-contents-created", (_event, contents) => guardWebContents(contents));
    app.on("second-instance", focusWindow);
    app.on("window-all-closed", () => {
        if (process.platform !== "darwin") app.quit();
    });
    app.on("activate", () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.on("will-quit", (event) => {
        if (engineStopped) return;
        // Quit once the engine has released its models and indexes.
        event.preventDefault();
        void engine.stop().finally(() => {
            engineStopped = true;
            app.quit();
        });
    });
    void app.whenReady().then(() => {
        hardenSession(session.defaultSession, UI_ROOT);
        handleDesktopIpc(engine);
        Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === "darwin", isDevelopment })));
        openWindow();
    });
} else {
    // Another instance runs; it is told through "second-instance" and shows its window.
    app.quit();
}

function openWindow(): void {
    const window = new BrowserWindow(browserWindowOptions(PRELOAD, { devTools: isDevelopment }));
    window.once("ready-to-show", () => window.show());
    void window.loadURL(APP_ENTRY_URL);
}

function focusWindow(): void {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
}
