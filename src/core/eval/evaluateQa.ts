import type { TextEmbedder } from "../embed/types.js";
import { Answerer } from "../generate/Answerer.js";
import type { ChatModel } from "../generate/ChatModel.js";
import { withoutCitationMarkers } from "../generate/citations.js";
import { ANSWER_PREFIX } from "../generate/prompt.js";
import type { AnswerResult, SearchMode } from "../types.js";
import type { SquadDataset, SquadQuestion } from "./datasets.js";
import { EvalCollection } from "./EvalCollection.js";
import type { EvalProgress } from "./evaluateRetrieval.js";
import { containsAnswer, exactMatch, mean, normalizeAnswer, percentile, tokenF1 } from "./metrics.js";
import { seededSample } from "./sample.js";

export interface QaEvalOptions {
    /** Questions evaluated, drawn by a seeded shuffle of all of them. Default: all */
    limit?: number;
    /** Seed of the sample. Default: 42 */
    seed?: number;
    /** Default: the Retriever's default */
    mode?: SearchMode;
    /** Default: null (BM25 only) */
    embedder?: TextEmbedder | null;
    /** Answers each question when given; without one only retrieval is scored. Default: null */
    chatModel?: ChatModel | null;
    /** Passages given to the chat model. Default: 4 */
    answerSources?: number;
    /** Longest answer in tokens. Default: the Answerer's default */
    maxTokens?: number;
    /** Longest answer in sentences. Default: the Answerer's default */
    maxSentences?: number;
    /** Shown in document paths. Default: "eval" */
    source?: string;
    onProgress?: (progress: EvalProgress) => void;
    signal?: AbortSignal;
}

export interface QaEvalItem {
    id: string;
    question: string;
    answerable: boolean;
    /** 1-based rank of the gold paragraph in the top 10, null when absent. */
    goldRank: number | null;
    /** Present when a chat model answered. */
    answer?: string;
    found?: boolean;
    /** The text EM, F1 and containment scored: see SCORED_TEXT. */
    scoredAnswer?: string;
    exactMatch?: number;
    f1?: number;
    /** Whether a gold answer occurs in the scored text (answerable questions only). */
    containsGold?: boolean;
    /** Whether a cited passage contains a gold answer (answered, answerable questions only). */
    citationCorrect?: boolean;
    /** Ids of the cited paragraphs. */
    cited?: string[];
    /** The answer's notices: why an answer was withheld or changed. */
    notices?: string[];
}

export interface QaEvalReport {
    paragraphs: number;
    questions: number;
    answerable: number;
    unanswerable: number;
    seed: number;
    mode: SearchMode;
    embedder: string | null;
    /** Gold-paragraph retrieval over the answerable questions of the sample. */
    retrieval: { recall1: number; recall5: number; mrr10: number };
    /** Present when a chat model answered. EM and F1 are over answerable questions; accuracies as documented. */
    answers: {
        model: string;
        /** What EM, F1 and containment were computed on. */
        scoredText: string;
        exactMatch: number;
        f1: number;
        /** Of the answerable questions: share whose scored text contains a gold answer (see containsAnswer). */
        containedRate: number;
        /** Of the answerable questions answered with citations: share citing a passage that contains a gold answer. */
        citationAccuracy: number;
        /** Of the unanswerable questions: share answered "not found". */
        notFoundAccuracy: number;
        /** Of the answerable questions: share answered (not "not found"). */
        answeredRate: number;
        secondsPerQuestion: number;
    } | null;
    indexSeconds: number;
    latencyMs: { p50: number; p95: number };
    items: QaEvalItem[];
    notices: string[];
}

/** The answer is scored as the user reads it, minus what the pipeline adds to every answer. */
export const SCORED_TEXT = `the whole answer without its lead-in "${ANSWER_PREFIX}" and its [n] markers; "not found" scores as an empty answer`;

/** Indexes a SQuAD file's paragraphs into a throw-away collection; scores retrieval, and answers with a chat model. */
export async function evaluateQa(dataset: SquadDataset, options: QaEvalOptions = {}): Promise<QaEvalReport> {
    const { seed = 42, embedder = null, chatModel = null, answerSources = 4, onProgress, signal } = options;
    const questions = seededSample(dataset.questions, options.limit ?? dataset.questions.length, seed);
    const collection = await EvalCollection.create(dataset.paragraphs, {
        embedder,
        source: options.source,
        signal,
        onProgress: (done, total) => onProgress?.({ phase: "index", done, total }),
    });
    try {
        const answerer = chatModel ? new Answerer(chatModel) : null;
        const items: QaEvalItem[] = [];
        const latencies: number[] = [];
        const notices = new Set<string>();
        let mode: SearchMode = "bm25";
        let answerSeconds = 0;
        for (const [index, question] of questions.entries()) {
            signal?.throwIfAborted();
            const started = performance.now();
            const result = await collection.retriever.search(question.question, { mode: options.mode, k: 10 });
            latencies.push(performance.now() - started);
            mode = result.mode;
            for (const notice of result.notices) notices.add(notice);
            const rank = result.hits.findIndex((hit) => hit.docId === question.paragraphId) + 1;
            const item: QaEvalItem = { id: question.id, question: question.question, answerable: question.answerable, goldRank: rank || null };
            if (answerer) {
                const answerStarted = performance.now();
                const answer = await answerer.answer(question.question, result.hits.slice(0, answerSources), {
                    signal,
                    maxTokens: options.maxTokens,
                    maxSentences: options.maxSentences,
                    retrievalMs: latencies.at(-1),
                });
                answerSeconds += (performance.now() - answerStarted) / 1000;
                Object.assign(item, scoreAnswer(question, answer));
            }
            items.push(item);
            onProgress?.({ phase: answerer ? "answer" : "query", done: index + 1, total: questions.length, item });
        }
        const answerable = items.filter((item) => item.answerable);
        const unanswerable = items.filter((item) => !item.answerable);
        const cited = answerable.filter((item) => item.citationCorrect !== undefined);
        return {
            paragraphs: dataset.paragraphs.length,
            questions: items.length,
            answerable: answerable.length,
            unanswerable: unanswerable.length,
            seed,
            mode,
            embedder: embedder?.identity.id ?? null,
            retrieval: {
                recall1: mean(answerable.map((item) => (item.goldRank === 1 ? 1 : 0))),
                recall5: mean(answerable.map((item) => (item.goldRank !== null && item.goldRank <= 5 ? 1 : 0))),
                mrr10: mean(answerable.map((item) => (item.goldRank ? 1 / item.goldRank : 0))),
            },
            answers: chatModel
                ? {
                      model: chatModel.name,
                      scoredText: SCORED_TEXT,
                      exactMatch: mean(answerable.map((item) => item.exactMatch!)),
                      f1: mean(answerable.map((item) => item.f1!)),
                      containedRate: mean(answerable.map((item) => (item.containsGold ? 1 : 0))),
                      citationAccuracy: mean(cited.map((item) => (item.citationCorrect ? 1 : 0))),
                      notFoundAccuracy: mean(unanswerable.map((item) => (item.found ? 0 : 1))),
                      answeredRate: mean(answerable.map((item) => (item.found ? 1 : 0))),
                      secondsPerQuestion: items.length > 0 ? answerSeconds / items.length : 0,
                  }
                : null,
            indexSeconds: collection.indexSeconds,
            latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
            items,
            notices: [...notices],
        };
    } finally {
        collection.dispose();
    }
}

function scoreAnswer(question: SquadQuestion, answer: AnswerResult): Partial<QaEvalItem> {
    const prediction = answer.found ? scoredText(answer.answer) : "";
    const scored: Partial<QaEvalItem> = {
        answer: answer.answer,
        found: answer.found,
        scoredAnswer: prediction,
        cited: answer.citations.map((citation) => citation.docId),
        notices: answer.notices,
    };
    if (!question.answerable) return scored;
    scored.exactMatch = exactMatch(prediction, question.answers);
    scored.f1 = tokenF1(prediction, question.answers);
    scored.containsGold = containsAnswer(prediction, question.answers) === 1;
    if (answer.found && answer.citations.length > 0) {
        const golds = question.answers.map(normalizeAnswer);
        scored.citationCorrect = answer.citations.some((citation) => {
            const passage = normalizeAnswer(citation.text);
            return golds.some((gold) => passage.includes(gold));
        });
    }
    return scored;
}

/** See SCORED_TEXT. */
export function scoredText(answer: string): string {
    const text = withoutCitationMarkers(answer).trim();
    return text.startsWith(ANSWER_PREFIX) ? text.slice(ANSWER_PREFIX.length).trim() : text;
}
