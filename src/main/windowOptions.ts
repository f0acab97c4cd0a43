import type { BrowserWindowConstructorOptions } from "electron";

export interface WindowOptionsSettings {
    /** Whether DevTools can be opened at all. Default: false (packaged builds) */
    devTools?: boolean;
}

/**
 * The main window: a sandboxed, context-isolated renderer without Node, which sees only what the preload
 * exposes. Each flag is spelled out, even where it is Electron's default, so a change of default cannot
 * loosen it unnoticed.
 */
export function browserWindowOptions(preloadPath: string, settings: WindowOptionsSettings = {}): BrowserWindowConstructorOptions {
    return {
        title: "Enclave",
        width: 1280,
        height: 820,
        minWidth: 800,
        minHeight: 560,
        // Shown once painted, so the window never flashes empty.
        show: false,
        webPreferences: {
            preload: preloadPath,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            nodeIntegrationInWorker: false,
            nodeIntegrationInSubFrames: false,
            webSecurity: true,
            allowRunningInsecureContent: false,
            webviewTag: false,
            // Chromium's spellchecker downloads dictionaries.
            spellcheck: false,
            // A file dropped on the window would otherwise be opened as a page.
            navigateOnDragDrop: false,
            enableWebSQL: false,
            safeDialogs: true,
            devTools: settings.devTools ?? false,
        },
    };
}
