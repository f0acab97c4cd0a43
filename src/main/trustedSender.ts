import type { IpcMainEvent, IpcMainInvokeEvent } from "electron";
import { isAppUrl } from "./appOrigin.js";

/** IPC is answered only for the app's own page in a top-level frame: never a subframe, never another origin. */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
