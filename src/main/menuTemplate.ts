import type { MenuItemConstructorOptions } from "electron";

export interface MenuSettings {
    /** macOS keeps About and Quit in the application menu. */
    isMac: boolean;
    /** Adds Reload and Toggle DevTools. */
    isDevelopment: boolean;
}

/** The application menu: standard roles only, so every item behaves as the platform's users expect. */
export function menuTemplate({ isMac, isDevelopment }: MenuSettings): MenuItemConstructorOptions[] {
    const edit: MenuItemConstructorOptions = {
        label: "Edit",
        submenu: [{ role: "undo" }, { role: "redo" }, { type: "separator" }, { role: "cut" }, { role: "copy" }, { role: "paste" }, { role: "selectAll" }],
    };
    const development: MenuItemConstructorOptions[] = isDevelopment ? [{ role: "reload" }, { role: "toggleDevTools" }, { type: "separator" }] : [];
    const view: MenuItemConstructorOptions = {
        label: "View",
        submenu: [...development, { role: "resetZoom" }, { role: "zoomIn" }, { role: "zoomOut" }, { type: "separator" }, { role: "togglefullscreen" }],
    };
    if (isMac) {
        return [
            { role: "appMenu", submenu: [{ role: "about" }, { type: "separator" }, { role: "hide" }, { role: "hideOthers" }, { role: "unhide" }, { type: "separator" }, { role: "quit" }] },
            edit,
            view,
            { role: "windowMenu" },
        ];
    }
    return [{ label: "File", submenu: [{ role: "quit" }] }, edit, view, { label: "Help", submenu: [{ role: "about" }] }];
}
