import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";

/** Debian's Chromium, run with nothing that could reach the network on its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

export const SCREENSHOT_DIR = path.join(PACKAGE_ROOT, "test", ".artifacts", "screenshots");

export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    });
}

/** Saves a full-window PNG as a test artifact (test/.artifacts/screenshots/<name>.png). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}
