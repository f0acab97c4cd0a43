/**
 * Chooses the full-text tokenizers by measurement: gold-paragraph recall@1/@5 and MRR@10 when each paragraph
 * is one chunk and each question is the query.
 *  - CJK column: n-gram sizes (and ICU segmentation for reference) on JSQuAD valid (Japanese).
 *  - English column: stop-word removal on/off on SQuAD 2.0 dev (answerable questions, seeded sample).
 * Run: npx tsx bench/cjk-tokenizer.ts [--sample N]   (default: every JSQuAD question, 500 SQuAD questions)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import * as arrow from "apache-arrow";
import { cjkSearchText } from "../src/core/text/cjk.js";

const DATASETS_DIR = path.resolve(import.meta.dirname, "..", "..", "shared", "datasets");
const JSQUAD = path.join(DATASETS_DIR, "jsquad-valid", "valid-v1.3.json");
const SQUAD = path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json");
const CONCURRENCY = 4;

interface Question { text: string; gold: number }
interface Corpus { paragraphs: string[]; questions: Question[] }
interface Variant { name: string; column: "text" | "cjk"; options: Partial<lancedb.FtsOptions> }

interface SquadFile {
    data: Array<{ paragraphs: Array<{ context: string; qas: Array<{ question: string; is_impossible?: boolean }> }> }>;
}

function loadSquad(file: string): Corpus {
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as SquadFile;
    const paragraphs: string[] = [];
    const questions: Question[] = [];
    for (const article of json.data) {
        for (const paragraph of article.paragraphs) {
            const gold = paragraphs.push(paragraph.context) - 1;
            for (const qa of paragraph.qas) if (!qa.is_impossible) questions.push({ text: qa.question, gold });
        }
    }
    return { paragraphs, questions };
}

/** Deterministic sample (mulberry32-seeded Fisher-Yates) so runs are comparable. */
function sample<T>(items: T[], size: number, seed = 42): T[] {
    let state = seed;
    const random = () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(size, copy.length));
}

async function evaluate(db: lancedb.Connection, corpus: Corpus, variant: Variant) {
    const schema = new arrow.Schema([
        new arrow.Field("id", new arrow.Int32(), false),
        new arrow.Field("text", new arrow.Utf8(), false),
        new arrow.Field("cjk", new arrow.Utf8(), false),
    ]);
    const table = await db.createEmptyTable(variant.name, schema, { mode: "overwrite" });
    await table.add(corpus.paragraphs.map((text, id) => ({ id, text, cjk: cjkSearchText(text) })));
    const started = performance.now();
    await table.createIndex(variant.column, { config: lancedb.Index.fts(variant.options) });
    const indexMs = performance.now() - started;

    let hits1 = 0, hits5 = 0, reciprocal = 0;
    const queryStarted = performance.now();
    for (let i = 0; i < corpus.questions.length; i += CONCURRENCY) {
        await Promise.all(corpus.questions.slice(i, i + CONCURRENCY).map(async (question) => {
            const query = variant.column === "cjk" ? cjkSearchText(question.text) : question.text;
            const rows = await table.query()
                .fullTextSearch(new lancedb.MatchQuery(query, variant.column))
                .select(["id", "_score"]).limit(10).toArray() as Array<{ id: number }>;
            const rank = rows.findIndex((row) => row.id === question.gold) + 1;
            if (rank === 1) hits1++;
            if (rank >= 1 && rank <= 5) hits5++;
            if (rank >= 1) reciprocal += 1 / rank;
        }));
    }
    const n = corpus.questions.length;
    const queryMs = (performance.now() - queryStarted) / n;
    const indexBytes = (await table.listIndices()).reduce((sum, index) => sum + (index.sizeBytes ?? 0), 0);
    console.log(`| ${variant.name} | ${(hits1 / n).toFixed(3)} | ${(hits5 / n).toFixed(3)} | ${(reciprocal / n).toFixed(3)} | ${indexMs.toFixed(0)} | ${queryMs.toFixed(1)} | ${(indexBytes / 1024).toFixed(0)} |`);
}

function ngram(min: number, max: number, prefixOnly = false): Variant {
    return {
        name: `ngram_${min}_${max}${prefixOnly ? "_prefix" : ""}`,
        column: "cjk",
        options: { baseTokenizer: "ngram", ngramMinLength: min, ngramMaxLength: max, prefixOnly, lowercase: true, stem: false, removeStopWords: false, withPosition: false },
    };
}

function english(removeStopWords: boolean): Variant {
    return {
        name: `simple_stem_stopwords_${removeStopWords ? "removed" : "kept"}`,
        column: "text",
        options: { baseTokenizer: "simple", language: "English", stem: true, lowercase: true, asciiFolding: true, removeStopWords, withPosition: false },
    };
}

const sampleArg = process.argv.indexOf("--sample");
const jsquadSample = sampleArg > 0 ? Number(process.argv[sampleArg + 1]) : Infinity;
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-bench-tokenizer-"));
const db = await lancedb.connect(dbDir);
try {
    const header = "| variant | recall@1 | recall@5 | MRR@10 | index ms | ms/query | index KiB |\n|---|---|---|---|---|---|---|";
    const jsquad = loadSquad(JSQUAD);
    const japanese = { ...jsquad, questions: sample(jsquad.questions, jsquadSample) };
    console.log(`\nJSQuAD valid: ${japanese.paragraphs.length} paragraphs, ${japanese.questions.length} questions (CJK column)\n${header}`);
    for (const variant of [ngram(1, 1), ngram(2, 2), ngram(1, 2), ngram(2, 3), ngram(1, 3), ngram(2, 3, true)]) {
        await evaluate(db, japanese, variant);
    }
    await evaluate(db, japanese, { name: "icu_whole_text", column: "text", options: { baseTokenizer: "icu", stem: false, removeStopWords: false, lowercase: true } });

    const squad = loadSquad(SQUAD);
    const englishCorpus = { ...squad, questions: sample(squad.questions, 500) };
    console.log(`\nSQuAD 2.0 dev: ${englishCorpus.paragraphs.length} paragraphs, ${englishCorpus.questions.length} answerable questions (text column)\n${header}`);
    for (const variant of [english(false), english(true)]) await evaluate(db, englishCorpus, variant);
} finally {
    db.close();
    fs.rmSync(dbDir, { recursive: true, force: true });
}
