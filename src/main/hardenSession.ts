import type { Session } from "electron";
import { APP_SCHEME } from "./appOrigin.js";
import { appFileResponse } from "./appFiles.js";
import { isPermissionGranted, isRequestAllowed, withContentSecurityPolicy } from "./requestPolicy.js";

/**
 * Serves the built UI on the app's scheme and applies the request policies to everything the session loads:
 * a request for anything but the app's own files is cancelled before it starts, every app response carries
 * the Content-Security-Policy, and permissions are refused (but for writing to the clipboard).
 */
export function hardenSession(session: Session, uiRoot: string): void {
    session.protocol.handle(APP_SCHEME, (request) => appFileResponse(uiRoot, request.url));
    session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url) }));
    session.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders) }),
    );
    session.setPermissionRequestHandler((_contents, permission, callback, details) =>
        callback(isPermissionGranted(permission, details.requestingUrl)),
    );
    session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
    session.setDevicePermissionHandler(() => false);
}
