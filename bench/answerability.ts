/**
 * npm run bench:answerability -- [--model FILE] [--limit N] [--seed S]
 *
 * Can the chat model tell an answerable SQuAD 2.0 question from an unanswerable one, shown the passages the
 * Answerer would show it? For each way of asking, the model's P("Yes") is read once per question (no sampling)
 * and the table gives its ROC AUC over the sample: 0.5 is chance, 1 a perfect split. A "not found" gate on
 * such a judgement is worth adding only for a model that separates the two kinds well.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_ANSWER_SOURCES } from "../src/core/api/Enclave.js";
import { loadSquad } from "../src/core/eval/datasets.js";
import { EvalCollection } from "../src/core/eval/EvalCollection.js";
import { mean, rocAuc } from "../src/core/eval/metrics.js";
import { seededSample } from "../src/core/eval/sample.js";
import { ChatModel } from "../src/core/generate/ChatModel.js";
import { buildGroundedPrompt, questionAndSources } from "../src/core/generate/prompt.js";
import { DATASETS_DIR, ensureTinyLlama } from "../test/helpers/assets.js";

/** The ways of asking, each appended to the question and sources exactly as the Answerer's prompt shows them. */
const JUDGEMENTS: Record<string, (question: string) => string> = {
    "answer the question?": () => "Do the sources above answer the question? Reply Yes or No.",
    "answer written in the sources?": (question) => `Is the answer to "${question}" written in the sources above? Reply Yes or No.`,
    "can be answered from the sources?": (question) =>
        `Question: ${question}\nCan this question be answered from the sources above? Answer Yes or No.`,
};

const { values } = parseArgs({
    options: {
        model: { type: "string" },
        limit: { type: "string", default: "48" },
        seed: { type: "string", default: "7" },
    },
});
const dataset = loadSquad(path.join(DATASETS_DIR, "squad2-dev", "dev-v2.0.json"));
const questions = seededSample(dataset.questions, Number(values.limit), Number(values.seed));
const collection = await EvalCollection.create(dataset.paragraphs);
const model = await ChatModel.load(values.model ?? (await ensureTinyLlama()));
const scores: Record<string, { answerable: number[]; unanswerable: number[] }> = {};
try {
    for (const [index, question] of questions.entries()) {
        const { hits } = await collection.retriever.search(question.question, { mode: "bm25", k: DEFAULT_ANSWER_SOURCES });
        const prompt = buildGroundedPrompt(question.question, hits, { contextSize: model.contextSize, countTokens: (text) => model.tokenCount(text) });
        const sources = questionAndSources(question.question, prompt.sourcesText);
        for (const [name, judgement] of Object.entries(JUDGEMENTS)) {
            const [yes = 0] = await model.replyProbabilities({ system: prompt.system, user: `${sources}\n\n${judgement(question.question)}` }, ["Yes", "No"]);
            const kind = question.answerable ? "answerable" : "unanswerable";
            (scores[name] ??= { answerable: [], unanswerable: [] })[kind].push(yes);
        }
        process.stderr.write(`\r${index + 1}/${questions.length}`);
    }
} finally {
    await model.dispose();
    collection.dispose();
}
process.stderr.write("\n");
const first = Object.values(scores)[0];
console.log(
    `${model.name} on ${questions.length} SQuAD 2.0 dev questions (seed ${values.seed}): ${first?.answerable.length} answerable, ${first?.unanswerable.length} unanswerable`,
);
console.table(
    Object.entries(scores).map(([judgement, { answerable, unanswerable }]) => ({
        judgement,
        "mean P(yes), answerable": mean(answerable).toFixed(3),
        "mean P(yes), unanswerable": mean(unanswerable).toFixed(3),
        "ROC AUC": rocAuc(answerable, unanswerable).toFixed(3),
    })),
);
