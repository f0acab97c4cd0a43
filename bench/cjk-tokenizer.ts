/**
 * Chooses the full-text tokenizers by measurement: gold-paragraph recall@1/@5 and MRR@10 when each paragraph
 * is one chunk and each question is the query.
 *  - CJK column: n-gram sizes (and ICU segmentation for reference) on JSQuAD valid (Japanese).
 *  - English column: stemming and stop-word removal on/off on SQuAD 2.0 dev (answerable questions, seeded
 *    sample) and on BEIR SciFact (nDCG@10, graded qrels), the latter with and without titles in the text.
 * Run: npx tsx bench/cjk-tokenizer.ts [--sample N]   (default: every JSQuAD question, 500 SQuAD questions)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as lancedb from "@lancedb/lancedb";
import * as arrow from "apache-arrow";
import { loadBeir, loadSquad } from "../src/core/eval/datasets.js";
import { mean, ndcgAt, recallAt, reciprocalRankAt, type Judgments } from "../src/core/eval/metrics.js";
import { seededSample } from "../src/core/eval/sample.js";
import { cjkSearchText } from "../src/core/text/cjk.js";
import { DATASETS_DIR } from "../test/helpers/assets.js";

const JSQUAD = path.join(DATASETS_DIR, "jsquad-valid", "valid-v1.3.json");
const SQUAD = path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json");
const SCIFACT = path.join(DATASETS_DIR, "beir-scifact");
const CONCURRENCY = 4;

/** A query and the graded relevance of documents (by index) for it. */
interface Question { text: string; judgments: Judgments }
interface Corpus { paragraphs: string[]; questions: Question[] }
interface Variant { name: string; column: "text" | "cjk"; options: Partial<lancedb.FtsOptions> }

/** Answerable questions, each judged against the paragraph it was written on. */
function squadCorpus(file: string, size: number): Corpus {
    const squad = loadSquad(file);
    const paragraphs = squad.paragraphs.map((paragraph) => paragraph.text);
    const answerable = squad.questions.filter((question) => question.answerable);
    const questions = seededSample(answerable, size, 42).map((question) => ({
        text: question.question,
        judgments: new Map([[String(squad.paragraphs.findIndex((paragraph) => paragraph.id === question.paragraphId)), 1]]),
    }));
    return { paragraphs, questions };
}

/** SciFact with or without each abstract's title in the indexed text. */
function scifactCorpus(withTitle: boolean): Corpus {
    const beir = loadBeir(SCIFACT);
    const indexOf = new Map(beir.documents.map((document, index) => [document.id, String(index)]));
    return {
        paragraphs: beir.documents.map((document) => (withTitle && document.title ? `${document.title}\n\n${document.text}` : document.text)),
        questions: beir.queries.map((query) => ({
            text: query.text,
            judgments: new Map([...query.judgments].map(([id, gain]) => [indexOf.get(id) ?? id, gain])),
        })),
    };
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

    const recall1: number[] = [], recall5: number[] = [], mrr10: number[] = [], ndcg10: number[] = [];
    const queryStarted = performance.now();
    for (let i = 0; i < corpus.questions.length; i += CONCURRENCY) {
        await Promise.all(corpus.questions.slice(i, i + CONCURRENCY).map(async (question) => {
            const query = variant.column === "cjk" ? cjkSearchText(question.text) : question.text;
            const rows = await table.query()
                .fullTextSearch(new lancedb.MatchQuery(query, variant.column))
                .select(["id", "_score"]).limit(10).toArray() as Array<{ id: number }>;
            const ranking = rows.map((row) => String(row.id));
            recall1.push(recallAt(ranking, question.judgments, 1));
            recall5.push(recallAt(ranking, question.judgments, 5));
            mrr10.push(reciprocalRankAt(ranking, question.judgments, 10));
            ndcg10.push(ndcgAt(ranking, question.judgments, 10));
        }));
    }
    const n = corpus.questions.length;
    const queryMs = (performance.now() - queryStarted) / n;
    const indexBytes = (await table.listIndices()).reduce((sum, index) => sum + (index.sizeBytes ?? 0), 0);
    console.log(`| ${variant.name} | ${mean(recall1).toFixed(3)} | ${mean(recall5).toFixed(3)} | ${mean(mrr10).toFixed(3)} | ${mean(ndcg10).toFixed(3)} | ${indexMs.toFixed(0)} | ${queryMs.toFixed(1)} | ${(indexBytes / 1024).toFixed(0)} |`);
}

function ngram(min: number, max: number, prefixOnly = false): Variant {
    return {
        name: `ngram_${min}_${max}${prefixOnly ? "_prefix" : ""}`,
        column: "cjk",
        options: { baseTokenizer: "ngram", ngramMinLength: min, ngramMaxLength: max, prefixOnly, lowercase: true, stem: false, removeStopWords: false, withPosition: false },
    };
}

function english(stem: boolean, removeStopWords: boolean): Variant {
    return {
        name: `simple_${stem ? "stem" : "nostem"}_stopwords_${removeStopWords ? "removed" : "kept"}`,
        column: "text",
        options: { baseTokenizer: "simple", language: "English", stem, lowercase: true, asciiFolding: true, removeStopWords, withPosition: false },
    };
}

const ENGLISH_VARIANTS = [english(true, true), english(true, false), english(false, true), english(false, false)];
const sampleArg = process.argv.indexOf("--sample");
const jsquadSample = sampleArg > 0 ? Number(process.argv[sampleArg + 1]) : Infinity;
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), "enclave-bench-tokenizer-"));
const db = await lancedb.connect(dbDir);
try {
    const header = "| variant | recall@1 | recall@5 | MRR@10 | nDCG@10 | index ms | ms/query | index KiB |\n|---|---|---|---|---|---|---|---|";
    const japanese = squadCorpus(JSQUAD, jsquadSample);
    console.log(`\nJSQuAD valid: ${japanese.paragraphs.length} paragraphs, ${japanese.questions.length} questions (CJK column)\n${header}`);
    for (const variant of [ngram(1, 1), ngram(2, 2), ngram(1, 2), ngram(2, 3), ngram(1, 3), ngram(2, 3, true)]) {
        await evaluate(db, japanese, variant);
    }
    await evaluate(db, japanese, { name: "icu_whole_text", column: "text", options: { baseTokenizer: "icu", stem: false, removeStopWords: false, lowercase: true } });

    const englishCorpus = squadCorpus(SQUAD, 500);
    console.log(`\nSQuAD 2.0 dev: ${englishCorpus.paragraphs.length} paragraphs, ${englishCorpus.questions.length} answerable questions (text column)\n${header}`);
    for (const variant of ENGLISH_VARIANTS) await evaluate(db, englishCorpus, variant);

    for (const withTitle of [true, false]) {
        const scifact = scifactCorpus(withTitle);
        console.log(`\nBEIR SciFact, title ${withTitle ? "in" : "not in"} the indexed text: ${scifact.paragraphs.length} abstracts, ${scifact.questions.length} queries\n${header}`);
        for (const variant of ENGLISH_VARIANTS) await evaluate(db, scifact, variant);
    }
} finally {
    db.close();
    fs.rmSync(dbDir, { recursive: true, force: true });
}
