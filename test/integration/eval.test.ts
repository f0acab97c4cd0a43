import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Enclave } from "../../src/core/api/Enclave.js";
import { ensureTinyLlama, FIXTURES_DIR, installRandomEmbedder, makeTempDir } from "../helpers/assets.js";
import { runCli } from "../helpers/runCli.js";

const BEIR_DIR = path.join(FIXTURES_DIR, "eval", "beir-tiny");
const SQUAD_FILE = path.join(FIXTURES_DIR, "eval", "squad-tiny.json");

/** Throw-away evaluation collections live in the temp folder under this prefix. */
function evalFolders(): string[] {
    return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("enclave-eval-"));
}

describe("evaluation harness", () => {
    const modelsDir = makeTempDir("eval-models");
    let enclave: Enclave;
    let embedderName: string;

    beforeAll(async () => {
        embedderName = await installRandomEmbedder(modelsDir);
        fs.symlinkSync(await ensureTinyLlama(), path.join(modelsDir, "tinyllama.gguf"));
        enclave = new Enclave({ dataDir: makeTempDir("eval-data"), env: { ENCLAVE_MODELS_DIR: modelsDir } });
    });

    afterAll(() => enclave.dispose());

    it("scores BM25 retrieval on a BEIR folder and deletes its throw-away collection", async () => {
        const before = evalFolders();
        const phases = new Set<string>();
        const report = await enclave.evalRetrieval({ dataset: BEIR_DIR, mode: "bm25" }, { onProgress: ({ phase }) => phases.add(phase) });
        // Each judged query names its documents' distinctive words, so the ideal ranking is expected.
        expect(report).toMatchObject({ mode: "bm25", embedder: null, documents: 6, queries: 3 });
        expect(report.metrics).toEqual({ ndcg10: 1, recall10: 1, recall100: 1, mrr10: 1 });
        expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
        expect(report.indexSeconds).toBeGreaterThan(0);
        expect([...phases]).toEqual(["index", "query"]);
        expect(evalFolders()).toEqual(before);
        expect(await enclave.collections()).toEqual([]);
    });

    it("embeds the corpus for hybrid mode with the installed embedder", async () => {
        const report = await enclave.evalRetrieval({ dataset: BEIR_DIR, mode: "hybrid" });
        expect(report).toMatchObject({ mode: "hybrid", embedder: embedderName, queries: 3, notices: [] });
        for (const value of Object.values(report.metrics)) expect(value).toBeGreaterThan(0);
    });

    it("reports gold-paragraph recall on a SQuAD file without a chat model, with deterministic sampling", async () => {
        const report = await enclave.evalQa({ dataset: SQUAD_FILE, mode: "bm25" });
        expect(report).toMatchObject({ paragraphs: 3, questions: 7, answerable: 5, unanswerable: 2, answers: null });
        expect(report.retrieval).toEqual({ recall1: 1, recall5: 1, mrr10: 1 });
        const sampled = await enclave.evalQa({ dataset: SQUAD_FILE, mode: "bm25", limit: 4, seed: 3 });
        const again = await enclave.evalQa({ dataset: SQUAD_FILE, mode: "bm25", limit: 4, seed: 3 });
        expect(sampled.items.map((item) => item.id)).toEqual(again.items.map((item) => item.id));
        expect(sampled.questions).toBe(4);
    });

    it("answers with the chat model and scores EM, F1, citations and not-found", async () => {
        const report = await enclave.evalQa({ dataset: SQUAD_FILE, mode: "bm25", model: "default", limit: 1, seed: 5, maxTokens: 48 });
        expect(report.answers?.model).toBe("tinyllama.gguf");
        const answers = report.answers!;
        for (const value of [answers.exactMatch, answers.f1, answers.containedRate, answers.citationAccuracy, answers.notFoundAccuracy, answers.answeredRate])
            expect(value).toBeGreaterThanOrEqual(0), expect(value).toBeLessThanOrEqual(1);
        expect(answers.scoredText).toContain("[n] markers");
        for (const item of report.items) expect(typeof item.answer).toBe("string"), expect(typeof item.scoredAnswer).toBe("string");
        // The aggregate is the mean over the items it summarises.
        const answerable = report.items.filter((item) => item.answerable);
        expect(answers.f1).toBeCloseTo(answerable.reduce((sum, item) => sum + item.f1!, 0) / Math.max(1, answerable.length), 10);
        expect(answers.containedRate).toBeCloseTo(answerable.filter((item) => item.containsGold).length / Math.max(1, answerable.length), 10);
        const unanswerable = report.items.filter((item) => !item.answerable);
        expect(answers.notFoundAccuracy).toBeCloseTo(unanswerable.filter((item) => !item.found).length / Math.max(1, unanswerable.length), 10);
    }, 480_000);

    it("runs from the CLI with --json and names a missing dataset file", async () => {
        const env = { ENCLAVE_DATA_DIR: makeTempDir("eval-cli"), ENCLAVE_MODELS_DIR: makeTempDir("eval-no-models") };
        const run = await runCli(["--json", "eval", "retrieval", "--dataset", BEIR_DIR], { env });
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ mode: "bm25", queries: 3, metrics: { ndcg10: 1 } });
        const table = await runCli(["eval", "qa", "--dataset", SQUAD_FILE], { env });
        expect(table.stdout).toMatch(/recall@5 \(gold paragraph\)\s+1\.000/);
        // --items keeps each scored question as a JSON line, the same items the report holds.
        const itemsFile = path.join(makeTempDir("eval-items"), "items.jsonl");
        const kept = await runCli(["--json", "eval", "qa", "--dataset", SQUAD_FILE, "--items", itemsFile], { env });
        const lines = fs.readFileSync(itemsFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as unknown);
        expect(lines).toEqual(JSON.parse(kept.stdout).items);
        expect(lines.length).toBeGreaterThan(0);
        const unwritable = await runCli(["--json", "eval", "qa", "--dataset", SQUAD_FILE, "--items", path.join(itemsFile, "nested.jsonl")], { env });
        expect(unwritable.code).toBe(1);
        expect(JSON.parse(unwritable.stdout).error).toMatchObject({ code: "OUTPUT_UNWRITABLE", message: expect.stringContaining("nested.jsonl") });
        const missing = await runCli(["--json", "eval", "qa", "--dataset", path.join(FIXTURES_DIR, "eval", "nope.json")], { env });
        expect(missing.code).toBe(1);
        expect(JSON.parse(missing.stdout).error).toMatchObject({ code: "DATASET_NOT_FOUND", message: expect.stringContaining("nope.json") });
    });
});
