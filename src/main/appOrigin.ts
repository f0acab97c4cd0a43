/** The desktop UI is served from its own privileged scheme, never from file: URLs. */
export const APP_SCHEME = "app";
export const APP_HOST = "enclave";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Whether a URL belongs to the app's own origin (`app://enclave/…`, no credentials). */
export function isAppUrl(url: string): boolean {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    return parsed?.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && !parsed.username && !parsed.password;
}
