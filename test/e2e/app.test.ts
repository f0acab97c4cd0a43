/**
 * The whole app as a user meets it: `enclave serve` (real engine, LanceDB, pdf-parse, the bundled TinyLlama)
 * driven through the built UI in Debian's Chromium. Each main screen is saved as a screenshot artifact in
 * test/.artifacts/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/core/config/paths.js";
import { IRS_DIR, makeTempDir } from "../helpers/assets.js";
import { CHROMIUM_PATH, hasChromium, launchChromium, saveScreenshot } from "../helpers/browser.js";
import { serveApp, type ServedApp } from "../helpers/serveProcess.js";

const UI_BUILD = path.join(PACKAGE_ROOT, "renderer", "dist", "index.html");
// Generation on 2 CPU cores: loading TinyLlama plus an answer takes tens of seconds (minutes on a busy machine).
const ANSWER_TIMEOUT = 240_000;
const ANSWER_TEST_TIMEOUT = ANSWER_TIMEOUT + 60_000;
// The UI answers within a second on an idle machine; the suite's other files may keep both cores busy.
const POLL = { timeout: 30_000 };

describe("desktop UI in browser mode", () => {
    let dataDir: string;
    let docsDir: string;
    let app: ServedApp;
    let browser: Browser;
    let page: Page;
    const byTestId = (id: string) => page.getByTestId(id);

    beforeAll(async () => {
        if (!hasChromium) throw new Error(`Chromium is required for the end-to-end tests: ${CHROMIUM_PATH} not found (apt-get install chromium).`);
        if (!fs.existsSync(UI_BUILD)) throw new Error(`The UI is not built: ${UI_BUILD} is missing (npm run build).`);
        dataDir = makeTempDir("e2e-data");
        docsDir = makeTempDir("e2e-docs");
        for (const name of ["i8821.pdf", "i8814.pdf"]) fs.copyFileSync(path.join(IRS_DIR, name), path.join(docsDir, name));
        fs.writeFileSync(path.join(docsDir, "broken.pdf"), "This is a text file wearing a .pdf extension.\n");
        app = await serveApp(dataDir);
        browser = await launchChromium();
        page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(app.url);
    });

    afterAll(async () => {
        await browser?.close();
        await app?.stop();
    });

    it("explains on first run where data lives and which models were found", async () => {
        await expect.poll(() => byTestId("welcome").isVisible(), POLL).toBe(true);
        expect(await byTestId("data-dir").textContent()).toContain(dataDir);
        expect(await byTestId("model-row").first().getAttribute("data-kind")).toBe("chat");
        await saveScreenshot(page, "01-welcome");
    });

    it("creates a collection from a folder of PDFs and shows indexing and the file it could not read", async () => {
        await byTestId("create-first-collection").click();
        await byTestId("new-collection-name").fill("tax guidance");
        expect(await byTestId("new-collection-name-help").textContent()).toMatch(/letters, digits/);
        await byTestId("new-collection-name").fill("tax-guidance");
        await byTestId("add-folder-button").click();
        // Typing a path can race the chooser's first listing on a busy machine (seen in full-suite runs from a
        // fresh clone, never alone); go to the folder again until it is listed. See the closing note.
        await expect
            .poll(async () => {
                await byTestId("folder-chooser-path").fill(docsDir);
                await byTestId("folder-chooser-path").press("Enter");
                await page.waitForTimeout(2_000);
                return byTestId("folder-chooser-entry").count();
            }, POLL)
            .toBe(3);
        await saveScreenshot(page, "02-folder-chooser");
        await byTestId("folder-chooser-confirm").click();
        expect(await byTestId("folder-item").getAttribute("data-path")).toBe(docsDir);
        await byTestId("new-collection-submit").click();

        await byTestId("collection-view").waitFor();
        await byTestId("last-ingest").waitFor({ timeout: 120_000 });
        const failed = byTestId("failed-file");
        expect(await failed.count()).toBe(1);
        expect(await failed.getAttribute("data-path")).toBe(path.join(docsDir, "broken.pdf"));
        expect(await byTestId("document-row").count()).toBe(2);
        expect(await byTestId("collection-stats").textContent()).toMatch(/8\s*pages/i);
        await saveScreenshot(page, "03-collection");
    });

    it("streams an answer with citation chips", async () => {
        await byTestId("collection-new-chat").click();
        await byTestId("chat-input").fill("What is Form 8821 used for?");
        await byTestId("chat-input").press("Enter");
        await byTestId("chat-turn-pending").waitFor();
        // Text appears inside the pending turn before the turn is stored: the answer streams.
        await page.waitForFunction(
            () => (document.querySelector('[data-testid="chat-turn-pending"] [data-testid="answer-text"]')?.textContent ?? "").trim().length > 0,
            undefined,
            { timeout: ANSWER_TIMEOUT },
        );
        await saveScreenshot(page, "04-streaming");
        const turn = byTestId("chat-turn").last();
        await turn.waitFor({ timeout: ANSWER_TIMEOUT });
        expect(await turn.getAttribute("data-found")).toBe("true");
        expect(await turn.getByTestId("citation-chip").count()).toBeGreaterThan(0);
        expect(await turn.getByTestId("cited-source").first().textContent()).toMatch(/i88(21|14)\.pdf/);
        await saveScreenshot(page, "05-answer");
    }, ANSWER_TEST_TIMEOUT);

    it("opens a citation on its PDF page with the passage highlighted", async () => {
        const chip = byTestId("chat-turn").last().getByTestId("citation-chip").first();
        await chip.click();
        const panel = byTestId("source-panel");
        await panel.waitFor();
        expect(await byTestId("source-file-name").textContent()).toMatch(/i88(21|14)\.pdf/);
        const citedPage = Number((await byTestId("source-page").textContent())?.match(/\d+/)?.[0]);
        await byTestId("pdf-page-canvas").waitFor({ timeout: 60_000 });
        expect(Number(await byTestId("pdf-page").getAttribute("data-page"))).toBe(citedPage);
        await expect.poll(() => byTestId("highlighted-passage").count(), POLL).toBeGreaterThan(0);
        expect(await byTestId("source-excerpt").textContent()).not.toBe("");
        await saveScreenshot(page, "06-source-viewer");
        await byTestId("source-close").click();
    });

    it("stops a generation with Esc and keeps the stopped turn", async () => {
        const turnsBefore = await byTestId("chat-turn").count();
        await byTestId("chat-input").fill("Who can be named as a designee on Form 8821?");
        await byTestId("chat-input").press("Enter");
        await byTestId("stop-button").waitFor();
        await byTestId("chat-input").press("Escape");
        await expect.poll(() => byTestId("chat-turn").count(), { timeout: ANSWER_TIMEOUT }).toBe(turnsBefore + 1);
        expect(await byTestId("chat-turn").last().getAttribute("data-stopped")).toBe("true");
        await byTestId("stopped-badge").last().waitFor();
        await saveScreenshot(page, "07-stopped");
    }, ANSWER_TEST_TIMEOUT);

    it("says when the documents do not hold the answer", async () => {
        await byTestId("chat-input").fill("What is the capital of Mongolia?");
        await byTestId("send-button").click();
        await byTestId("not-found").waitFor({ timeout: ANSWER_TIMEOUT });
        expect(await byTestId("chat-turn").last().getAttribute("data-found")).toBe("false");
        await saveScreenshot(page, "08-not-found");
    }, ANSWER_TEST_TIMEOUT);

    it("shows the retrieval inspector and the settings", async () => {
        const turn = byTestId("chat-turn").first();
        await turn.getByTestId("retrieval-inspector").locator("summary, button").first().click();
        await expect.poll(() => turn.getByTestId("inspector-source").count(), POLL).toBeGreaterThan(0);
        await turn.getByTestId("retrieval-inspector").scrollIntoViewIfNeeded();
        await saveScreenshot(page, "09-inspector");
        await byTestId("open-settings").click();
        await byTestId("settings-form").waitFor();
        expect(await byTestId("settings-sources").inputValue()).toBe("4");
        await saveScreenshot(page, "10-settings");
        await byTestId("settings-cancel").click();
    });

    it("finds the chat history again after the server restarts", async () => {
        const chatTitle = (await byTestId("chat-title").textContent())?.trim();
        expect(await app.stop()).toBe(0);
        app = await serveApp(dataDir);
        await page.goto(app.url);
        const entry = byTestId("chat-history-item").filter({ hasText: chatTitle ?? "" });
        await entry.waitFor();
        await entry.click();
        await expect.poll(() => byTestId("chat-turn").count(), POLL).toBe(3);
        expect(await byTestId("chat-turn").nth(1).getAttribute("data-stopped")).toBe("true");
        await saveScreenshot(page, "11-history");
    });
});
