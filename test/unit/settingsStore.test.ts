import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, SettingsStore } from "../../src/core/settings/SettingsStore.js";
import { makeTempDir } from "../helpers/assets.js";

describe("SettingsStore", () => {
    let file: string;
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);

    beforeEach(() => {
        file = path.join(makeTempDir("settings"), "settings.json");
        warnings.length = 0;
        process.on("warning", onWarning);
    });
    afterEach(() => {
        process.off("warning", onWarning);
    });

    it("starts from the documented defaults without writing a file", async () => {
        expect(await new SettingsStore(file).read()).toEqual({
            chatModel: "default",
            embedder: "default",
            reranker: "none",
            lora: "none",
            threads: "auto",
            gpuLayers: "auto",
            contextSize: "auto",
            temperature: 0.1,
            sources: 4,
            answerSentences: 1,
            mode: "hybrid",
            rerank: false,
        });
        expect(fs.existsSync(file)).toBe(false);
    });

    it("persists an update whole, through a rename, and a new store reads it back", async () => {
        const store = new SettingsStore(file);
        const updated = await store.update({ chatModel: "none", sources: 6, threads: 2 });
        expect(updated).toEqual({ ...DEFAULT_SETTINGS, chatModel: "none", sources: 6, threads: 2 });
        expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(updated);
        expect(fs.readdirSync(path.dirname(file))).toEqual(["settings.json"]);
        expect(await new SettingsStore(file).read()).toEqual(updated);
    });

    it("applies concurrent updates one after another, losing none", async () => {
        const store = new SettingsStore(file);
        await Promise.all([store.update({ sources: 8 }), store.update({ rerank: true }), store.update({ mode: "bm25" })]);
        expect(await new SettingsStore(file).read()).toMatchObject({ sources: 8, rerank: true, mode: "bm25" });
    });

    it("refuses an invalid update, naming the field, and keeps what was stored", async () => {
        const store = new SettingsStore(file);
        await store.update({ sources: 5 });
        await expect(store.update({ sources: 50 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("sources") });
        expect(await store.read()).toMatchObject({ sources: 5 });
        expect(JSON.parse(fs.readFileSync(file, "utf8")).sources).toBe(5);
    });

    it("fills fields missing from an older file with the defaults", async () => {
        fs.writeFileSync(file, JSON.stringify({ chatModel: "qwen.gguf", temperature: 0.5 }));
        expect(await new SettingsStore(file).read()).toEqual({ ...DEFAULT_SETTINGS, chatModel: "qwen.gguf", temperature: 0.5 });
    });

    it.each([
        ["broken JSON", "{ chatModel: ", /not valid JSON/],
        ["a value out of range", JSON.stringify({ sources: 99 }), /sources/],
        ["not an object", "[1, 2]", /not a JSON object/],
    ])("sets aside a file holding %s as settings.json.bad, says so, and uses the defaults", async (_case, text, problem) => {
        fs.writeFileSync(file, text);
        const store = new SettingsStore(file);
        expect(await store.read()).toEqual(DEFAULT_SETTINGS);
        expect(fs.readFileSync(`${file}.bad`, "utf8")).toBe(text);
        expect(fs.existsSync(file)).toBe(false);
        expect(store.recovery).toMatch(problem);
        expect(store.recovery).toContain(`${file}.bad`);
        await new Promise((resolve) => setImmediate(resolve));
        expect(warnings).toEqual([store.recovery]);
    });
});
