/**
 * How an answer was found: every source put in front of the model (cited or not) with its score, the
 * timings, and on request the search itself run again with per-stage scores and ranks.
 */
import { useState } from "react";
import type { AnswerResult, Citation, SearchMode, SearchResult } from "../../../src/core/types.ts";
import { useApi } from "../api/ApiContext.tsx";
import { toUserError, type UserError } from "../api/errors.ts";
import { fileName, formatMs, formatPages, formatScore } from "../lib/format.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { Icon } from "./Icon.tsx";
import { Spinner } from "./Spinner.tsx";

export interface SearchOptions {
    mode: SearchMode;
    rerank: boolean;
    k: number;
}

export const MODE_LABELS: Readonly<Record<SearchMode, string>> = { bm25: "Keyword", vector: "Semantic", hybrid: "Hybrid" };

interface RetrievalInspectorProps {
    collection: string;
    question: string;
    answer: AnswerResult;
    searchOptions: SearchOptions;
    onOpenSource: (source: Citation) => void;
}

export function RetrievalInspector({ collection, question, answer, searchOptions, onOpenSource }: RetrievalInspectorProps) {
    const { api } = useApi();
    const [search, setSearch] = useState<SearchResult | null>(null);
    const [searching, setSearching] = useState(false);
    const [error, setError] = useState<UserError | null>(null);
    const cited = new Set(answer.citations.map((citation) => citation.n));
    const { timings } = answer;

    const runSearch = async () => {
        setSearching(true);
        setError(null);
        try {
            setSearch(await api.search({ collection, query: question, mode: searchOptions.mode, rerank: searchOptions.rerank, k: Math.max(searchOptions.k, 8) }));
        } catch (caught) {
            setError(toUserError(caught));
        } finally {
            setSearching(false);
        }
    };

    return (
        <details className="inspector" data-testid="retrieval-inspector">
            <summary>
                <Icon name="chevronRight" className="disclosure-icon" size={14} />
                How this answer was found
            </summary>
            <div className="inspector-body">
                <dl className="timings" data-testid="answer-timings">
                    <div>
                        <dt>Search</dt>
                        <dd>{formatMs(timings.retrievalMs)}</dd>
                    </div>
                    {timings.firstTokenMs !== undefined && (
                        <div>
                            <dt>First word</dt>
                            <dd>{formatMs(timings.firstTokenMs)}</dd>
                        </div>
                    )}
                    {timings.tokensPerSecond !== undefined && (
                        <div>
                            <dt>Writing speed</dt>
                            <dd>{timings.tokensPerSecond.toFixed(1)} tokens/s</dd>
                        </div>
                    )}
                    <div>
                        <dt>Total</dt>
                        <dd>{formatMs(timings.totalMs)}</dd>
                    </div>
                    <div>
                        <dt>Answer by</dt>
                        <dd>{answer.model ?? "quoting the sources (no chat model)"}</dd>
                    </div>
                </dl>

                <h4 className="inspector-heading">Sources given to the model</h4>
                <table className="table compact" data-testid="inspector-sources">
                    <thead>
                        <tr>
                            <th scope="col">#</th>
                            <th scope="col">Source</th>
                            <th scope="col" className="numeric">
                                Score
                            </th>
                            <th scope="col">Cited</th>
                        </tr>
                    </thead>
                    <tbody>
                        {answer.sources.map((source) => (
                            <tr key={source.n} data-testid="inspector-source" data-n={source.n} data-cited={cited.has(source.n)}>
                                <td>{source.n}</td>
                                <td>
                                    <button type="button" className="link-button" onClick={() => onOpenSource(source)}>
                                        {fileName(source.path)}
                                    </button>{" "}
                                    <span className="muted">{formatPages(source.page, source.pageEnd)}</span>
                                </td>
                                <td className="numeric">{formatScore(source.score)}</td>
                                <td>{cited.has(source.n) ? <Icon name="check" className="ok" /> : <span className="muted">–</span>}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>

                {!search && (
                    <button type="button" className="button small" onClick={() => void runSearch()} disabled={searching} data-testid="search-details-button">
                        {searching ? <Spinner label="Searching…" /> : `Search details (${MODE_LABELS[searchOptions.mode].toLowerCase()} search, per-stage scores)`}
                    </button>
                )}
                {error && <ErrorNotice error={error} title="The search did not run" />}
                {search && <SearchDetails result={search} />}
            </div>
        </details>
    );
}

function SearchDetails({ result }: { result: SearchResult }) {
    const { timings } = result;
    const stages = [
        ["Total", timings.totalMs],
        ["Embedding the question", timings.embedMs],
        ["Index lookups", timings.searchMs],
        ["Reranking", timings.rerankMs],
    ] as const;
    return (
        <div className="search-details" data-testid="search-details">
            <p className="muted small">
                {MODE_LABELS[result.mode]} search{result.reranked ? ", reranked" : ""} ·{" "}
                {stages
                    .filter(([, ms]) => ms !== undefined)
                    .map(([label, ms]) => `${label} ${formatMs(ms!)}`)
                    .join(" · ")}
            </p>
            {result.notices.map((notice) => (
                <p key={notice} className="muted small with-icon">
                    <Icon name="info" size={14} /> {notice}
                </p>
            ))}
            <div className="table-wrap">
                <table className="table compact">
                    <thead>
                        <tr>
                            <th scope="col">Rank</th>
                            <th scope="col">Passage</th>
                            <th scope="col" className="numeric">
                                Keyword
                            </th>
                            <th scope="col" className="numeric">
                                Semantic
                            </th>
                            <th scope="col" className="numeric">
                                Fused
                            </th>
                            <th scope="col" className="numeric">
                                Rerank
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {result.hits.map((hit, index) => (
                            <tr key={hit.chunkId} data-testid="search-hit-row">
                                <td>{index + 1}</td>
                                <td>
                                    {fileName(hit.path)} <span className="muted">{formatPages(hit.pageStart, hit.pageEnd)}</span>
                                </td>
                                <td className="numeric">
                                    {formatScore(hit.scores.bm25)}
                                    {hit.ranks.bm25 !== undefined && <span className="rank">#{hit.ranks.bm25}</span>}
                                </td>
                                <td className="numeric">
                                    {formatScore(hit.scores.vector)}
                                    {hit.ranks.vector !== undefined && <span className="rank">#{hit.ranks.vector}</span>}
                                </td>
                                <td className="numeric">{formatScore(hit.scores.rrf)}</td>
                                <td className="numeric">{formatScore(hit.scores.rerank)}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            </div>
        </div>
    );
}
