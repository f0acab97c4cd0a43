/**
 * Readers for the two evaluation formats: BEIR folders (corpus.jsonl, queries.jsonl, qrels/test.tsv) and
 * SQuAD 1.1/2.0 JSON files. Errors name the file and what is wrong with it.
 */
import fs from "node:fs";
import path from "node:path";
import { EnclaveError, errorMessage } from "../errors.js";
import type { Judgments } from "./metrics.js";

/** A document of an evaluation corpus: indexed as one chunk. */
export interface EvalDocument {
    id: string;
    title: string | null;
    text: string;
}

export interface BeirDataset {
    documents: EvalDocument[];
    /** Judged queries only (those in the qrels file), in the qrels file's order. */
    queries: Array<{ id: string; text: string; judgments: Judgments }>;
}

export interface SquadQuestion {
    id: string;
    question: string;
    /** Id of the paragraph (document) the question was written on. */
    paragraphId: string;
    /** Gold answer texts; empty for an unanswerable question. */
    answers: string[];
    answerable: boolean;
}

export interface SquadDataset {
    /** One document per paragraph, titled with its article's title. */
    paragraphs: EvalDocument[];
    questions: SquadQuestion[];
}

/** Reads a BEIR folder; `split` names the qrels file (qrels/<split>.tsv). */
export function loadBeir(dir: string, split = "test"): BeirDataset {
    const corpusFile = path.join(dir, "corpus.jsonl");
    const documents = readJsonLines<{ _id: unknown; title?: unknown; text?: unknown }>(corpusFile).map((row) => ({
        id: String(row._id),
        title: typeof row.title === "string" && row.title.trim() ? row.title : null,
        text: typeof row.text === "string" ? row.text : "",
    }));
    const queryTexts = new Map(
        readJsonLines<{ _id: unknown; text?: unknown }>(path.join(dir, "queries.jsonl")).map((row) => [String(row._id), String(row.text ?? "")]),
    );
    const qrelsFile = path.join(dir, "qrels", `${split}.tsv`);
    const judgments = new Map<string, Map<string, number>>();
    for (const [index, line] of readText(qrelsFile).split(/\r?\n/u).entries()) {
        const fields = line.trim().split("\t");
        if (fields.length < 3 || (index === 0 && Number.isNaN(Number(fields[2])))) continue;
        const [queryId, documentId, score] = fields as [string, string, string];
        if (!judgments.has(queryId)) judgments.set(queryId, new Map());
        judgments.get(queryId)!.set(documentId, Number(score));
    }
    const queries = [...judgments].map(([id, judged]) => {
        const text = queryTexts.get(id);
        if (text === undefined) throw new EnclaveError("BAD_DATASET", `${qrelsFile}: query "${id}" is not in queries.jsonl`);
        return { id, text, judgments: judged };
    });
    return { documents, queries };
}

interface SquadJson {
    data: Array<{
        title?: string;
        paragraphs: Array<{
            context: string;
            qas: Array<{ id: string; question: string; is_impossible?: boolean; answers?: Array<{ text: string }> }>;
        }>;
    }>;
}

/** Reads a SQuAD-format JSON file (v1.1, v2.0 or JSQuAD). */
export function loadSquad(file: string): SquadDataset {
    let json: SquadJson;
    try {
        json = JSON.parse(readText(file)) as SquadJson;
    } catch (error) {
        if (error instanceof EnclaveError) throw error;
        throw new EnclaveError("BAD_DATASET", `${file} is not valid JSON: ${errorMessage(error)}`);
    }
    if (!Array.isArray(json?.data)) throw new EnclaveError("BAD_DATASET", `${file} has no "data" list: not a SQuAD-format file`);
    const paragraphs: EvalDocument[] = [];
    const questions: SquadQuestion[] = [];
    json.data.forEach((article, articleIndex) => {
        article.paragraphs.forEach((paragraph, paragraphIndex) => {
            const paragraphId = `${articleIndex}-${paragraphIndex}`;
            paragraphs.push({ id: paragraphId, title: article.title?.replaceAll("_", " ") ?? null, text: paragraph.context });
            for (const qa of paragraph.qas) {
                const answers = [...new Set((qa.answers ?? []).map((answer) => answer.text))];
                const answerable = !qa.is_impossible && answers.length > 0;
                questions.push({ id: qa.id, question: qa.question, paragraphId, answers: answerable ? answers : [], answerable });
            }
        });
    });
    return { paragraphs, questions };
}

function readJsonLines<T>(file: string): T[] {
    return readText(file)
        .split(/\r?\n/u)
        .map((line, index) => ({ line: line.trim(), index }))
        .filter(({ line }) => line !== "")
        .map(({ line, index }) => {
            try {
                return JSON.parse(line) as T;
            } catch (error) {
                throw new EnclaveError("BAD_DATASET", `${file}, line ${index + 1}: ${errorMessage(error)}`);
            }
        });
}

function readText(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new EnclaveError("DATASET_NOT_FOUND", `Cannot read ${file}: ${errorMessage(error)}`);
    }
}
