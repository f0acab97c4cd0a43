import fs from "node:fs/promises";
import { settingsSchema, type Settings, type SettingsUpdate } from "../api/contract.js";
import { parseRequest } from "../api/parseRequest.js";
import { EnclaveError, errorMessage } from "../errors.js";
import { writeFileAtomic } from "../system/writeFileAtomic.js";

/** What the app uses until the user changes it (see `settingsSchema` for each field). */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
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

/**
 * The settings in one JSON file, read once and rewritten whole through a rename. A file that cannot be used is
 * never overwritten in place: it is kept beside as `<file>.bad`, the defaults apply, and `recovery` says so.
 */
export class SettingsStore {
    /** Why the file was set aside for the defaults; null when it was read, or did not exist. */
    recovery: string | null = null;
    private current: Promise<Settings> | null = null;
    // Updates are applied one after another, so that none is lost to a concurrent one.
    private updating: Promise<unknown> = Promise.resolve();

    constructor(readonly filePath: string) {}

    async read(): Promise<Settings> {
        if (!this.current) {
            this.current = this.load();
            // An unreadable file is retried on the next read.
            this.current.catch(() => (this.current = null));
        }
        return { ...(await this.current) };
    }

    update(update: SettingsUpdate): Promise<Settings> {
        const changes = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
        const updated = this.updating.then(async () => {
            const settings = parseRequest(settingsSchema, { ...(await this.read()), ...changes });
            await writeFileAtomic(this.filePath, `${JSON.stringify(settings, null, 4)}\n`);
            this.current = Promise.resolve(settings);
            return { ...settings };
        });
        this.updating = updated.catch(() => undefined);
        return updated;
    }

    private async load(): Promise<Settings> {
        let text: string;
        try {
            text = await fs.readFile(this.filePath, "utf8");
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ...DEFAULT_SETTINGS };
            throw new EnclaveError("SETTINGS_UNREADABLE", `Cannot read the settings file ${this.filePath}: ${errorMessage(error)}`, { cause: error });
        }
        const parsed = parseSettings(text);
        if (parsed.settings) return parsed.settings;
        const kept = `${this.filePath}.bad`;
        await fs.rename(this.filePath, kept);
        this.recovery = `The settings file ${this.filePath} could not be used (${parsed.problem}); it was kept as ${kept} and the default settings apply.`;
        process.emitWarning(this.recovery, "EnclaveSettingsWarning");
        return { ...DEFAULT_SETTINGS };
    }
}

/** The settings in a file's text, missing fields (from an older version) taken from the defaults; else what is wrong. */
function parseSettings(text: string): { settings: Settings; problem?: undefined } | { settings?: undefined; problem: string } {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        return { problem: `not valid JSON: ${errorMessage(error)}` };
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) return { problem: "not a JSON object" };
    try {
        return { settings: parseRequest(settingsSchema, { ...DEFAULT_SETTINGS, ...json }) };
    } catch (error) {
        return { problem: errorMessage(error) };
    }
}
