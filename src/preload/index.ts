/**
 * The desktop window's preload. It runs sandboxed, so it is bundled into one CommonJS file
 * (scripts/build-preload.mjs) and may require nothing but "electron". It exposes exactly two objects to the
 * page: `enclaveBridge` (the API, over this page's port to the engine) and `enclaveHost` (native dialogs);
 * never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from "electron";
import type { DesktopHost } from "../client/bridge.js";
import { API_METHOD_NAMES } from "../ipc/apiMethodNames.js";
import { createBridge } from "../ipc/createBridge.js";
import { DESKTOP_CHANNELS } from "../ipc/desktopChannels.js";
import type { MessagePortLike } from "../ipc/messagePort.js";
import { PortClient } from "../ipc/PortClient.js";

const port = new Promise<MessagePortLike>((resolve) => {
    ipcRenderer.once(DESKTOP_CHANNELS.port, (event) => resolve(event.ports[0] as MessagePortLike));
});
ipcRenderer.send(DESKTOP_CHANNELS.connect);

const host: DesktopHost = {
    pickFolders: () => ipcRenderer.invoke(DESKTOP_CHANNELS.pickFolders),
    pickFile: (filters) => ipcRenderer.invoke(DESKTOP_CHANNELS.pickFile, filters),
};

contextBridge.exposeInMainWorld("enclaveBridge", createBridge(new PortClient(port), API_METHOD_NAMES));
contextBridge.exposeInMainWorld("enclaveHost", host);
