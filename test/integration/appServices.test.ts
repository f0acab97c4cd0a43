/**
 * The app-facing services on a real Enclave (real LanceDB, real files, real models): chats and answers in them,
 * settings, model import with sha256 checks, collection folders, watching and "open original".
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Enclave } from "../../src/core/api/Enclave.js";
import { ModelPool } from "../../src/core/api/ModelPool.js";
import { STOPPED_NOTICE } from "../../src/core/generate/Answerer.js";
import type { ChatModel } from "../../src/core/generate/ChatModel.js";
import { readMeta } from "../../src/core/index/collectionMeta.js";
import { DEFAULT_SETTINGS } from "../../src/core/settings/SettingsStore.js";
import { sha256File } from "../../src/core/system/hashFile.js";
import { systemOpenCommand } from "../../src/core/system/openWithSystemApp.js";
import { ensureRandomBert, makeTempDir, SMALL_BERT } from "../helpers/assets.js";
import { writeTinyGguf } from "../helpers/tinyGguf.js";

/** Polls `check` until it holds; fails after `timeoutMs`. */
async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function writeDocs(dir: string): void {
    fs.writeFileSync(path.join(dir, "retention.md"), "# Retention policy\n\nClient files are kept for seven years after the engagement closes.\n");
    fs.writeFileSync(path.join(dir, "holidays.md"), "# Holidays\n\nThe office is closed on public holidays and between Christmas and New Year.\n");
    fs.writeFileSync(path.join(dir, "audit.txt"), "The quarterly audit is scheduled for the first Monday of March.\n");
}

describe("app services", () => {
    const dataDir = makeTempDir("app-data");
    const docs = makeTempDir("app-docs");
    const opened: string[] = [];
    let tinyModel: string;
    let enclave: Enclave;

    const indexedPaths = async () => (await enclave.documents("office")).map((document) => document.path);
    const office = async () => (await enclave.collections()).find((collection) => collection.name === "office")!;

    beforeAll(async () => {
        writeDocs(docs);
        tinyModel = await writeTinyGguf(path.join(makeTempDir("app-tiny"), "tiny-chat.gguf"));
        enclave = new Enclave({
            dataDir,
            env: { ENCLAVE_MODELS_DIR: makeTempDir("app-no-models") },
            watchDebounceMs: 200,
            openFile: async (filePath) => void opened.push(filePath),
        });
        await enclave.ingest({ collection: "office", folders: [docs, `${docs}/`], embedder: "none" });
    });

    afterAll(() => enclave?.dispose());

    describe("collection folders", () => {
        it("records the ingested folders (absolute, once) and the last ingest", async () => {
            expect(await office()).toMatchObject({
                documents: 3,
                folders: [docs],
                watching: false,
                indexing: false,
                lastIngest: { trigger: "manual", files: 3, chunks: 3, skipped: 0, removed: 0, failed: [], finishedAt: expect.any(String) },
            });
            const meta = readMeta(path.join(dataDir, "collections", "office"));
            expect(meta).toMatchObject({ folders: [docs], watching: false, lastIngest: { trigger: "manual" } });
        });

        it("reads a collection.json written before folders were recorded", () => {
            const dir = makeTempDir("app-old-meta");
            const { folders: _folders, watching: _watching, lastIngest: _lastIngest, ...old } = readMeta(path.join(dataDir, "collections", "office"))!;
            fs.writeFileSync(path.join(dir, "collection.json"), JSON.stringify(old));
            expect(readMeta(dir)).toEqual({ ...old, folders: [], watching: false, lastIngest: null });
        });

        it("runs one ingest per collection at a time: a second waits for the first, and `indexing` shows both", async () => {
            const order: string[] = [];
            const run = (name: string) =>
                enclave
                    .ingest({ collection: "office", folders: [docs] }, { onEvent: (event) => event.type === "scan" && order.push(`${name} scans`) })
                    .then(() => order.push(`${name} done`));
            const runs = [run("first"), run("second")];
            expect((await office()).indexing).toBe(true);
            await Promise.all(runs);
            expect(order).toEqual(["first scans", "first done", "second scans", "second done"]);
            expect((await office()).indexing).toBe(false);
        });

        it("removes a folder with its documents, keeping those of the other folders", async () => {
            const extra = makeTempDir("app-extra");
            fs.writeFileSync(path.join(extra, "minutes.md"), "# Minutes\n\nThe board approved the new canteen menu.\n");
            await enclave.ingest({ collection: "office", folders: [extra] });
            expect((await office()).folders).toEqual([docs, extra]);
            expect(await indexedPaths()).toContain(path.join(extra, "minutes.md"));

            const info = await enclave.removeFolder({ collection: "office", folder: `${extra}/` });
            expect(info).toMatchObject({ folders: [docs], documents: 3 });
            expect((await indexedPaths()).some((indexed) => indexed.startsWith(extra))).toBe(false);
            expect((await enclave.search({ collection: "office", query: "canteen menu" })).hits).toEqual([]);
            expect(fs.existsSync(path.join(extra, "minutes.md"))).toBe(true);
            await expect(enclave.removeFolder({ collection: "office", folder: extra })).rejects.toMatchObject({
                code: "FOLDER_NOT_FOUND",
                message: expect.stringContaining(extra),
            });
        });
    });

    describe("open original", () => {
        it("hands the located path of an indexed document to the opener, and refuses anything else without launching", async () => {
            const [document] = await enclave.documents("office");
            await enclave.openDocument({ collection: "office", docId: document!.docId });
            expect(opened).toEqual([document!.path]);
            for (const docId of ["not-indexed", document!.path, "../../etc/passwd"])
                await expect(enclave.openDocument({ collection: "office", docId })).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
            expect(opened).toHaveLength(1);
        });

        it("opens with the platform's own opener by default", () => {
            expect(systemOpenCommand("/a b/c&d.pdf", "linux")).toEqual({ command: "xdg-open", args: ["/a b/c&d.pdf"] });
            expect(systemOpenCommand("/a/b.pdf", "darwin")).toEqual({ command: "open", args: ["/a/b.pdf"] });
            expect(systemOpenCommand("C:\\a&b.pdf", "win32")).toEqual({ command: "explorer.exe", args: ["C:\\a&b.pdf"] });
        });
    });

    describe("chats", () => {
        it("creates, lists (most recently updated first), renames and removes chats", async () => {
            await expect(enclave.createChat({ collection: "missing" })).rejects.toMatchObject({ code: "COLLECTION_NOT_FOUND" });
            const first = await enclave.createChat({ collection: "office", title: "Retention" });
            await sleep(5);
            const second = await enclave.createChat({ collection: "office" });
            expect(first.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
            expect(second).toMatchObject({ title: "New chat", collection: "office", turns: [] });
            expect(fs.existsSync(path.join(dataDir, "chats", `${first.id}.json`))).toBe(true);
            const ours = async () => (await enclave.chats()).filter((chat) => [first.id, second.id].includes(chat.id)).map((chat) => chat.id);
            expect(await ours()).toEqual([second.id, first.id]);

            await sleep(5);
            expect(await enclave.renameChat({ chatId: first.id, title: "Retention rules" })).toMatchObject({ id: first.id, title: "Retention rules", turns: 0 });
            expect(await ours()).toEqual([first.id, second.id]);
            expect(await enclave.chat(first.id)).toMatchObject({ title: "Retention rules", collection: "office", turns: [] });

            await expect(enclave.chat("unknown")).rejects.toMatchObject({ code: "CHAT_NOT_FOUND", message: expect.stringContaining("unknown") });
            await expect(enclave.chat("../settings")).rejects.toMatchObject({ code: "BAD_REQUEST" });
            expect(await enclave.removeChat(second.id)).toBe(true);
            expect(await enclave.removeChat(second.id)).toBe(false);
            expect(await ours()).toEqual([first.id]);
        });

        it("answers with the settings as defaults, stores each turn, and names an untitled chat by its first question", async () => {
            await enclave.updateSettings({ chatModel: "none", sources: 1 });
            const chat = await enclave.createChat({ collection: "office" });
            const question = "How long are client files kept after the engagement closes at the office?";
            const turn = await enclave.askInChat({ chatId: chat.id, question });
            expect(turn).toMatchObject({ question, stopped: false, answer: { found: true, mode: "extractive", model: null } });
            // Two documents match; `sources: 1` lets one through.
            expect(turn.answer.sources.map((source) => path.basename(source.path))).toEqual(["retention.md"]);
            const second = await enclave.askInChat({ chatId: chat.id, question: "When is the quarterly audit scheduled?" });
            expect(second.answer.citations[0]?.path).toBe(path.join(docs, "audit.txt"));

            const stored = await enclave.chat(chat.id);
            expect(stored.title).toBe("How long are client files kept after the engagement closes…");
            expect(stored.turns).toEqual([turn, second]);
            expect((await enclave.chats()).find((summary) => summary.id === chat.id)).toMatchObject({ turns: 2, updatedAt: stored.updatedAt });

            const markdown = await enclave.chatMarkdown({ chatId: chat.id, turnId: turn.id });
            expect(markdown.fileName).toBe("how-long-are-client-files-kept-after-the-engagement-closes.md");
            expect(markdown.markdown).toContain(`# ${question}`);
            expect(markdown.markdown).toContain("## Sources\n\n- [1] retention.md, p. 1\n\n    > # Retention policy\n    >\n    > Client files are kept for seven years");
            expect((await enclave.chatMarkdown({ chatId: chat.id })).markdown).toContain("## When is the quarterly audit scheduled?");
            await expect(enclave.chatMarkdown({ chatId: chat.id, turnId: "nope" })).rejects.toMatchObject({ code: "TURN_NOT_FOUND" });
        });

        it("stores the turn of a cancelled question as stopped, with what was written", async () => {
            await enclave.updateSettings({ chatModel: tinyModel, sources: 2, threads: 1, contextSize: 2048 });
            const chat = await enclave.createChat({ collection: "office", title: "Stopped" });
            const cancelled = new AbortController();
            cancelled.abort();
            const turn = await enclave.askInChat(
                { chatId: chat.id, question: "How long does the office keep client files?" },
                { signal: cancelled.signal },
            );
            expect(turn).toMatchObject({ stopped: true, answer: { mode: "generative", model: "tiny-chat.gguf", answer: "", found: false } });
            expect(turn.answer.notices).toContain(STOPPED_NOTICE);
            expect((await enclave.chat(chat.id)).turns).toEqual([turn]);
            expect((await enclave.chatMarkdown({ chatId: chat.id, turnId: turn.id })).markdown).toContain("_Stopped before an answer was written._");
            await enclave.updateSettings({ chatModel: "none" });
        }, 60_000);
    });

    describe("settings", () => {
        it("starts from the defaults, validates changes and keeps them across engines", async () => {
            const dir = makeTempDir("app-settings");
            const engine = new Enclave({ dataDir: dir, env: {} });
            try {
                expect(await engine.settings()).toEqual(DEFAULT_SETTINGS);
                await expect(engine.updateSettings({ temperature: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("temperature") });
                expect(await engine.updateSettings({ mode: "bm25", rerank: true })).toEqual({ ...DEFAULT_SETTINGS, mode: "bm25", rerank: true });
            } finally {
                await engine.dispose();
            }
            const reopened = new Enclave({ dataDir: dir, env: {} });
            expect(await reopened.settings()).toMatchObject({ mode: "bm25", rerank: true });
            await reopened.dispose();
        });

        it("uses the defaults in place of a damaged settings file, keeping it as settings.json.bad and saying so", async () => {
            const dir = makeTempDir("app-bad-settings");
            fs.writeFileSync(path.join(dir, "settings.json"), "{ not json");
            const engine = new Enclave({ dataDir: dir, env: { ENCLAVE_MODELS_DIR: makeTempDir("app-no-models") } });
            try {
                expect(await engine.settings()).toEqual(DEFAULT_SETTINGS);
                expect(fs.readFileSync(path.join(dir, "settings.json.bad"), "utf8")).toBe("{ not json");
                expect((await engine.doctor()).notices).toContainEqual(expect.stringContaining("settings.json.bad"));
            } finally {
                await engine.dispose();
            }
        });

        it("uses the settings' embedder for a new collection when the request names none", async () => {
            await enclave.updateSettings({ embedder: "no-such-embedder" });
            await expect(enclave.ingest({ collection: "fresh", folders: [docs] })).rejects.toMatchObject({ code: "MODEL_NOT_FOUND" });
            await enclave.updateSettings({ embedder: "none" });
            expect(await enclave.ingest({ collection: "fresh", folders: [docs] })).toMatchObject({ files: 3, embedder: null });
            await enclave.removeCollection("fresh");
        });
    });

    describe("watching", () => {
        it("re-indexes a watched collection when files are added, edited and deleted", async () => {
            expect(await enclave.setWatching({ collection: "office", watch: true })).toMatchObject({ watching: true, folders: [docs] });
            expect(readMeta(path.join(dataDir, "collections", "office"))?.watching).toBe(true);
            const file = path.join(docs, "parking.md");
            fs.writeFileSync(file, "# Parking\n\nVisitors park in the north garage.\n");
            await until(async () => (await indexedPaths()).includes(file));

            fs.writeFileSync(file, "# Parking\n\nVisitors park in the south courtyard instead.\n");
            const found = async (query: string) => (await enclave.search({ collection: "office", query })).hits.some((hit) => hit.path === file);
            await until(() => found("courtyard"));
            expect(await found("garage")).toBe(false);

            fs.rmSync(file);
            await until(async () => !(await indexedPaths()).includes(file));
            expect((await office()).lastIngest).toMatchObject({ trigger: "watch", removed: 1 });
        });

        it("ignores changes once watching is off, and catches up when it is turned back on", async () => {
            expect(await enclave.setWatching({ collection: "office", watch: false })).toMatchObject({ watching: false });
            // A re-index already running finishes; only changes from now on are ignored.
            await until(async () => !(await office()).indexing);
            const file = path.join(docs, "lunch.md");
            fs.writeFileSync(file, "# Lunch\n\nLunch is served at noon.\n");
            await sleep(1000);
            expect(await indexedPaths()).not.toContain(file);
            await enclave.setWatching({ collection: "office", watch: true });
            await until(async () => (await indexedPaths()).includes(file));
            await enclave.setWatching({ collection: "office", watch: false });
        });

        it("resumes watching in a new engine, picking up what changed while none ran", async () => {
            const dir = makeTempDir("app-resume");
            const folder = makeTempDir("app-resume-docs");
            writeDocs(folder);
            const options = { dataDir: dir, env: { ENCLAVE_MODELS_DIR: makeTempDir("app-no-models") }, watchDebounceMs: 200 };
            const before = new Enclave(options);
            await before.ingest({ collection: "notes", folders: [folder], embedder: "none" });
            await before.setWatching({ collection: "notes", watch: true });
            await before.dispose();

            const whileClosed = path.join(folder, "closed.md");
            fs.writeFileSync(whileClosed, "# Closed\n\nWritten while the app was closed.\n");
            const after = new Enclave(options);
            try {
                await after.resumeWatching();
                const indexed = async (file: string) => (await after.documents("notes")).some((document) => document.path === file);
                await until(() => indexed(whileClosed));
                const whileOpen = path.join(folder, "open.md");
                fs.writeFileSync(whileOpen, "# Open\n\nWritten while the app was open.\n");
                await until(() => indexed(whileOpen));
            } finally {
                await after.dispose();
            }
        });
    });

    describe("model import", () => {
        const sources = makeTempDir("app-import");
        const modelsDir = path.join(dataDir, "models");
        const installed = () => (fs.existsSync(modelsDir) ? fs.readdirSync(modelsDir).sort() : []);

        it("imports a GGUF verified by the .sha256 file beside it, reporting progress, and lists it", async () => {
            const file = await writeTinyGguf(path.join(sources, "tiny-a.gguf"), { seed: 1 });
            const sha256 = await sha256File(file);
            const size = fs.statSync(file).size;
            fs.writeFileSync(`${file}.sha256`, `${sha256}  tiny-a.gguf\n`);
            const progress: Array<{ bytesDone: number; bytesTotal: number }> = [];
            const imported = await enclave.importModel({ path: file }, { onProgress: (report) => progress.push(report) });
            expect(imported).toMatchObject({ kind: "chat", name: "tiny-a.gguf", path: path.join(modelsDir, "tiny-a.gguf"), format: "gguf", sizeBytes: size, sha256, verification: "matched" });
            expect(await sha256File(imported.path)).toBe(sha256);
            expect(progress[0]).toEqual({ bytesDone: 0, bytesTotal: size });
            expect(progress.at(-1)).toEqual({ bytesDone: size, bytesTotal: size });
            expect(await enclave.models()).toContainEqual(expect.objectContaining({ kind: "chat", path: imported.path }));
            // The same bytes again: nothing to do.
            expect(await enclave.importModel({ path: file, kind: "chat" })).toMatchObject({ path: imported.path, verification: "matched" });
            expect(installed()).toEqual(["tiny-a.gguf"]);
        });

        it("verifies against a SHA256SUMS file beside it, or a sha256 given with the request", async () => {
            const folder = path.join(sources, "with-sums");
            fs.mkdirSync(folder);
            const file = await writeTinyGguf(path.join(folder, "tiny-b.gguf"), { seed: 2 });
            const sha256 = await sha256File(file);
            fs.writeFileSync(path.join(folder, "SHA256SUMS"), `${"1".repeat(64)}  other.gguf\n${sha256} *tiny-b.gguf\n`);
            expect(await enclave.importModel({ path: file })).toMatchObject({ sha256, verification: "matched" });
            const given = await writeTinyGguf(path.join(sources, "tiny-c.gguf"), { seed: 3 });
            expect(await enclave.importModel({ path: given, sha256: (await sha256File(given)).toUpperCase() })).toMatchObject({ verification: "matched" });
        });

        it("refuses a file whose sha256 differs, naming the file and both hashes, and leaves nothing behind", async () => {
            const file = await writeTinyGguf(path.join(sources, "tiny-d.gguf"), { seed: 4 });
            const actual = await sha256File(file);
            const expected = "0".repeat(64);
            const before = installed();
            const error = await enclave.importModel({ path: file, sha256: expected }).catch((caught: unknown) => caught);
            expect(error).toMatchObject({ code: "MODEL_CHECKSUM" });
            for (const part of [file, expected, actual]) expect((error as Error).message).toContain(part);
            expect(installed()).toEqual(before);

            fs.writeFileSync(`${file}.sha256`, `${"f".repeat(64)}\n`);
            await expect(enclave.importModel({ path: file })).rejects.toMatchObject({ code: "MODEL_CHECKSUM", message: expect.stringContaining(`${file}.sha256`) });
            expect(installed()).toEqual(before);
        });

        it("records an unknown verification when nothing says what the sha256 should be", async () => {
            const file = await writeTinyGguf(path.join(sources, "tiny-e.gguf"), { seed: 5 });
            expect(await enclave.importModel({ path: file })).toMatchObject({ sha256: await sha256File(file), verification: "unknown" });
        });

        it("refuses a contradicting kind, another model under an installed name, a file that is no model, and a cancelled copy", async () => {
            const before = installed();
            const file = path.join(sources, "tiny-a.gguf");
            await expect(enclave.importModel({ path: file, kind: "lora" })).rejects.toMatchObject({
                code: "MODEL_KIND_MISMATCH",
                message: `${file} is a chat model, not a lora model.`,
            });
            const impostor = await writeTinyGguf(path.join(makeTempDir("app-impostor"), "tiny-a.gguf"), { seed: 9 });
            await expect(enclave.importModel({ path: impostor })).rejects.toMatchObject({ code: "MODEL_EXISTS", message: expect.stringContaining(path.join(modelsDir, "tiny-a.gguf")) });
            expect(await sha256File(path.join(modelsDir, "tiny-a.gguf"))).toBe(await sha256File(file));
            const text = path.join(sources, "notes.gguf");
            fs.writeFileSync(text, "not a model");
            await expect(enclave.importModel({ path: text })).rejects.toMatchObject({ code: "MODEL_UNSUPPORTED", message: expect.stringContaining(text) });
            const cancelled = new AbortController();
            cancelled.abort();
            const late = await writeTinyGguf(path.join(sources, "tiny-f.gguf"), { seed: 6 });
            await expect(enclave.importModel({ path: late }, { signal: cancelled.signal })).rejects.toMatchObject({ code: "ABORTED" });
            expect(installed()).toEqual(before);
        });

        it("imports an ONNX embedder folder, checking each file its SHA256SUMS lists", async () => {
            const folder = path.join(sources, "bert-embedder");
            fs.cpSync(await ensureRandomBert(SMALL_BERT), folder, { recursive: true });
            const configSha = await sha256File(path.join(folder, "config.json"));
            const weightsSha = await sha256File(path.join(folder, "onnx", "model.onnx"));
            fs.writeFileSync(path.join(folder, "SHA256SUMS"), `${configSha}  config.json\n${weightsSha}  onnx/model.onnx\n`);
            const tampered = path.join(sources, "bert-tampered");
            fs.cpSync(folder, tampered, { recursive: true });
            fs.appendFileSync(path.join(tampered, "config.json"), "\n");

            const before = installed();
            await expect(enclave.importModel({ path: tampered })).rejects.toMatchObject({
                code: "MODEL_CHECKSUM",
                message: expect.stringContaining(`${path.join(tampered, "config.json")} failed its sha256 check: expected ${configSha}`),
            });
            expect(installed()).toEqual(before);

            const imported = await enclave.importModel({ path: folder, kind: "embedder" });
            expect(imported).toMatchObject({ kind: "embedder", format: "onnx", name: "bert-embedder", path: path.join(modelsDir, "bert-embedder"), verification: "matched" });
            expect(imported.sha256).toMatch(/^[0-9a-f]{64}$/);
            expect(fs.readFileSync(path.join(imported.path, "onnx", "model.onnx")).equals(fs.readFileSync(path.join(folder, "onnx", "model.onnx")))).toBe(true);
            expect(await enclave.models()).toContainEqual(expect.objectContaining({ kind: "embedder", name: "bert-embedder" }));
        });
    });
});

describe("ModelPool chat models", () => {
    let tinyModel: string;
    beforeAll(async () => {
        tinyModel = await writeTinyGguf(path.join(makeTempDir("pool-tiny"), "tiny-pool.gguf"));
    });

    it("loads the model again when its options change, freeing the previous one once it is no longer in use", async () => {
        const pool = new ModelPool();
        const use = (contextSize: number) => pool.useChatModel(tinyModel, { contextSize, threads: 1 }, async (model) => model);
        const first = await use(1024);
        expect(first.contextSize).toBe(1024);
        expect(await use(1024)).toBe(first);

        let release!: () => void;
        const held = pool.useChatModel(tinyModel, { contextSize: 1024, threads: 1 }, (model) => new Promise<ChatModel>((resolve) => (release = () => resolve(model))));
        await until(async () => release !== undefined);
        const second = await use(2048);
        expect(second).not.toBe(first);
        expect(second.contextSize).toBe(2048);
        expect(first.tokenCount("still in use")).toBeGreaterThan(0);
        release();
        await held;
        expect(() => first.tokenCount("freed")).toThrow(/disposed/i);

        const third = await use(1024);
        expect(() => second.tokenCount("freed")).toThrow(/disposed/i);
        await pool.dispose();
        expect(() => third.tokenCount("freed")).toThrow(/disposed/i);
    }, 60_000);
});

