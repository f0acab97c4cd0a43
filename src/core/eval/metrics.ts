/**
 * Retrieval and answer metrics, as BEIR (pytrec_eval) and the official SQuAD 2.0 script define them.
 * Pure functions: rankings are document ids best first, relevance judgments map ids to graded gains.
 */

/** Graded relevance of documents for one query; absent or 0 means not relevant. */
export type Judgments = ReadonlyMap<string, number>;

/** nDCG@k with linear gains (pytrec_eval's `ndcg_cut`): DCG of the ranking over DCG of the ideal ranking. */
export function ndcgAt(ranking: readonly string[], judgments: Judgments, k: number): number {
    const ideal = [...judgments.values()].filter((gain) => gain > 0).sort((a, b) => b - a);
    const idealDcg = discountedGain(ideal.slice(0, k));
    if (idealDcg === 0) return 0;
    return discountedGain(ranking.slice(0, k).map((id) => judgments.get(id) ?? 0)) / idealDcg;
}

/** Share of the relevant documents found in the first `k`. */
export function recallAt(ranking: readonly string[], judgments: Judgments, k: number): number {
    const relevant = [...judgments.entries()].filter(([, gain]) => gain > 0).length;
    if (relevant === 0) return 0;
    return ranking.slice(0, k).filter((id) => (judgments.get(id) ?? 0) > 0).length / relevant;
}

/** Reciprocal rank of the first relevant document within the first `k`, else 0. */
export function reciprocalRankAt(ranking: readonly string[], judgments: Judgments, k: number): number {
    const index = ranking.slice(0, k).findIndex((id) => (judgments.get(id) ?? 0) > 0);
    return index === -1 ? 0 : 1 / (index + 1);
}

function discountedGain(gains: number[]): number {
    return gains.reduce((sum, gain, index) => sum + gain / Math.log2(index + 2), 0);
}

// Python's string.punctuation, which the official script strips.
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu;

/** SQuAD's answer normalisation: lower case, no punctuation, no articles (a, an, the), single spaces. */
export function normalizeAnswer(text: string): string {
    return text
        .toLowerCase()
        .replace(ASCII_PUNCTUATION, "")
        .replace(/\b(a|an|the)\b/gu, " ")
        .split(/\s+/u)
        .filter(Boolean)
        .join(" ");
}

/** 1 when the normalised prediction equals one of the normalised gold answers, else 0. */
export function exactMatch(prediction: string, golds: readonly string[]): number {
    const normalized = normalizeAnswer(prediction);
    return golds.some((gold) => normalizeAnswer(gold) === normalized) ? 1 : 0;
}

/**
 * 1 when a normalised gold answer occurs in the normalised prediction as a run of whole words, else 0: the
 * "accuracy" of generative QA evaluations (Kandpal et al. 2023; Liu et al. 2023, "Lost in the Middle"),
 * which does not penalise a correct answer for being stated in a full sentence.
 */
export function containsAnswer(prediction: string, golds: readonly string[]): number {
    const padded = ` ${normalizeAnswer(prediction)} `;
    return golds.some((gold) => {
        const normalized = normalizeAnswer(gold);
        return normalized !== "" && padded.includes(` ${normalized} `);
    })
        ? 1
        : 0;
}

/** The best token-overlap F1 of the prediction against any gold answer. */
export function tokenF1(prediction: string, golds: readonly string[]): number {
    return Math.max(0, ...golds.map((gold) => f1(normalizeAnswer(prediction).split(" ").filter(Boolean), normalizeAnswer(gold).split(" ").filter(Boolean))));
}

function f1(predicted: string[], gold: string[]): number {
    // Both empty (e.g. an answer of only articles) counts as agreement, as in the official script.
    if (predicted.length === 0 || gold.length === 0) return predicted.length === gold.length ? 1 : 0;
    const goldCounts = new Map<string, number>();
    for (const token of gold) goldCounts.set(token, (goldCounts.get(token) ?? 0) + 1);
    let common = 0;
    for (const token of predicted) {
        const left = goldCounts.get(token) ?? 0;
        if (left > 0) {
            common++;
            goldCounts.set(token, left - 1);
        }
    }
    if (common === 0) return 0;
    const precision = common / predicted.length;
    const recall = common / gold.length;
    return (2 * precision * recall) / (precision + recall);
}

/** Mean of `values`; 0 for none. */
export function mean(values: readonly number[]): number {
    return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Nearest-rank percentile of a sample (p in 0..100); NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/**
 * ROC AUC of a score meant to be higher for `positives` than for `negatives`: the share of (positive,
 * negative) pairs it orders right, ties counting half. 0.5 is chance; NaN when either list is empty.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
    if (positives.length === 0 || negatives.length === 0) return NaN;
    let right = 0;
    for (const positive of positives) for (const negative of negatives) right += positive > negative ? 1 : positive === negative ? 0.5 : 0;
    return right / (positives.length * negatives.length);
}
