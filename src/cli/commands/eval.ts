import fs from "node:fs";
import { Option, type Command } from "commander";
import type { EvalProgress, QaEvalItem, QaEvalReport, RetrievalEvalReport } from "../../core/api/contract.js";
import { EnclaveError, errorMessage } from "../../core/errors.js";
import type { SearchMode } from "../../core/types.js";
import { abortOnInterrupt } from "../abortOnInterrupt.js";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../output.js";
import { integer, positiveInteger } from "./parseNumber.js";

const modeOption = () =>
    new Option("--mode <mode>", "bm25, vector or hybrid (default: hybrid with an embedder)").choices(["bm25", "vector", "hybrid"]);

export function registerEval(program: Command, context: CliContext): void {
    const command = program.command("eval").description("measure retrieval and answer quality on a benchmark dataset");
    command
        .command("retrieval")
        .description("nDCG@10, Recall@10/@100 and MRR@10 on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv)")
        .requiredOption("--dataset <dir>", "BEIR dataset folder")
        .option("--split <name>", "qrels file to score (default test)")
        .addOption(modeOption())
        .option("--embedder <name>", 'embedder for vector and hybrid modes; "none" for BM25 only')
        .action(async (options: { dataset: string; split?: string; mode?: SearchMode; embedder?: string }) => {
            const report = await context.enclave().evalRetrieval(options, { onProgress: progressPrinter(context), signal: abortOnInterrupt() });
            if (context.json) printJson(report);
            else process.stdout.write(formatRetrievalReport(options.dataset, report));
        });
    command
        .command("qa")
        .description("gold-paragraph recall@1/@5 on a SQuAD-format file; with --model also EM, F1, citation and not-found accuracy")
        .requiredOption("--dataset <file>", "SQuAD-format JSON file")
        .option("--limit <n>", "questions to evaluate, drawn by a seeded shuffle (default all)", positiveInteger)
        .option("--seed <n>", "seed of the sample (default 42)", integer)
        .option("--model <file>", 'chat model that answers (name or path; "default" for the bundled one); without it, retrieval only')
        .addOption(modeOption())
        .option("--embedder <name>", 'embedder for vector and hybrid modes; "none" for BM25 only')
        .option("--max-tokens <n>", "longest answer in tokens (default 160)", positiveInteger)
        .option("--sentences <n>", "longest answer in sentences (default 1)", positiveInteger)
        .option("--items <file>", "also write each question to FILE as a JSON line as soon as it is scored (kept if the run is cut short)")
        .action(async (options: { dataset: string; limit?: number; seed?: number; model?: string; mode?: SearchMode; embedder?: string; maxTokens?: number; sentences?: number; items?: string }) => {
            const { items, ...request } = options;
            const keepItem = items ? itemWriter(items) : undefined;
            const printProgress = progressPrinter(context);
            const onProgress = (progress: EvalProgress) => {
                if (progress.item) keepItem?.(progress.item);
                printProgress?.(progress);
            };
            const report = await context.enclave().evalQa(request, { onProgress, signal: abortOnInterrupt() });
            if (context.json) printJson(report);
            else process.stdout.write(formatQaReport(options.dataset, report));
        });
}

/** Appends each item to `file` as one JSON line; the file is emptied first, so that a bad path fails before the run. */
function itemWriter(file: string): (item: QaEvalItem) => void {
    const write = (text: string, append: boolean) => {
        try {
            if (append) fs.appendFileSync(file, text);
            else fs.writeFileSync(file, text);
        } catch (error) {
            throw new EnclaveError("OUTPUT_UNWRITABLE", `Cannot write the items file ${file}: ${errorMessage(error)}`, { cause: error });
        }
    };
    write("", false);
    return (item) => write(`${JSON.stringify(item)}\n`, true);
}

/** Progress on stderr for people watching a terminal; silent for JSON and pipes. */
function progressPrinter(context: CliContext): ((progress: EvalProgress) => void) | undefined {
    if (context.json || !process.stderr.isTTY) return undefined;
    return ({ phase, done, total }) => {
        process.stderr.write(`\r${phase} ${done}/${total}`);
        if (done === total) process.stderr.write("\n");
    };
}

const fixed = (value: number) => value.toFixed(3);

function formatRetrievalReport(dataset: string, report: RetrievalEvalReport): string {
    const { metrics, latencyMs } = report;
    return table(`${dataset}: ${report.documents} documents, ${report.queries} judged queries, ${report.mode}${report.embedder ? ` (${report.embedder})` : ""}`, [
        ["nDCG@10", fixed(metrics.ndcg10)],
        ["Recall@10", fixed(metrics.recall10)],
        ["Recall@100", fixed(metrics.recall100)],
        ["MRR@10", fixed(metrics.mrr10)],
        ["indexing", `${report.indexSeconds.toFixed(1)} s`],
        ["query p50 / p95", `${latencyMs.p50.toFixed(1)} / ${latencyMs.p95.toFixed(1)} ms`],
    ], report.notices);
}

function formatQaReport(dataset: string, report: QaEvalReport): string {
    const rows: Array<[string, string]> = [
        ["recall@1 (gold paragraph)", fixed(report.retrieval.recall1)],
        ["recall@5 (gold paragraph)", fixed(report.retrieval.recall5)],
        ["MRR@10", fixed(report.retrieval.mrr10)],
    ];
    if (report.answers) {
        const answers = report.answers;
        rows.push(
            ["exact match (answerable)", fixed(answers.exactMatch)],
            ["F1 (answerable)", fixed(answers.f1)],
            ["gold answer contained (answerable)", fixed(answers.containedRate)],
            ["citation accuracy", fixed(answers.citationAccuracy)],
            ["not-found accuracy (unanswerable)", fixed(answers.notFoundAccuracy)],
            ["answered rate (answerable)", fixed(answers.answeredRate)],
            ["seconds per question", answers.secondsPerQuestion.toFixed(1)],
        );
    }
    rows.push(["indexing", `${report.indexSeconds.toFixed(1)} s`], ["query p50 / p95", `${report.latencyMs.p50.toFixed(1)} / ${report.latencyMs.p95.toFixed(1)} ms`]);
    const title =
        `${dataset}: ${report.paragraphs} paragraphs, ${report.questions} questions (${report.answerable} answerable, ` +
        `${report.unanswerable} unanswerable, seed ${report.seed}), ${report.mode}${report.answers ? `, ${report.answers.model}` : ""}`;
    const scoring = report.answers ? [`EM, F1 and containment scored ${report.answers.scoredText}.`] : [];
    return table(title, rows, [...scoring, ...report.notices]);
}

function table(title: string, rows: Array<[string, string]>, notices: string[]): string {
    const width = Math.max(...rows.map(([name]) => name.length));
    return [title, ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`), ...notices.map((notice) => `Note: ${notice}`), ""].join("\n");
}
