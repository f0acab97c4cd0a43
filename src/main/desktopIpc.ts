import { BrowserWindow, dialog, ipcMain, MessageChannelMain, type IpcMainInvokeEvent } from "electron";
import { EnclaveError } from "../core/errors.js";
import { DESKTOP_CHANNELS } from "../ipc/desktopChannels.js";
import type { EngineHost } from "./EngineHost.js";
import { parseFileFilters } from "./fileFilters.js";
import { isTrustedSender } from "./trustedSender.js";

/**
 * The main process's only IPC: a port to the engine for each page load (the API travels over it, not over
 * IPC), and the native dialogs of `window.enclaveHost`.
 */
export function handleDesktopIpc(engine: EngineHost): void {
    ipcMain.on(DESKTOP_CHANNELS.connect, (event) => {
        if (!isTrustedSender(event)) return;
        const { port1, port2 } = new MessageChannelMain();
        engine.connect(port1);
        event.sender.postMessage(DESKTOP_CHANNELS.port, null, [port2]);
    });
    ipcMain.handle(DESKTOP_CHANNELS.pickFolders, async (event): Promise<string[]> => {
        const picked = await dialog.showOpenDialog(ownerWindow(event), { properties: ["openDirectory", "multiSelections"] });
        return picked.canceled ? [] : picked.filePaths;
    });
    ipcMain.handle(DESKTOP_CHANNELS.pickFile, async (event, filters: unknown): Promise<string | null> => {
        const picked = await dialog.showOpenDialog(ownerWindow(event), { properties: ["openFile"], filters: parseFileFilters(filters) });
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
    });
}

/** The window a dialog belongs to, for a trusted page only. */
function ownerWindow(event: IpcMainInvokeEvent): BrowserWindow {
    const window = BrowserWindow.fromWebContents(event.sender);
    if (!window || !isTrustedSender(event)) throw new EnclaveError("FORBIDDEN", "Only the app's own page may open dialogs.");
    return window;
}
