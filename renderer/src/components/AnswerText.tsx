/**
 * An answer's text with its [n] markers as citation chips. While the answer streams the sources are not
 * known yet, so chips show but cannot be opened until it is done.
 */
import { Fragment } from "react";
import type { Citation } from "../../../src/core/types.ts";
import { answerBlocks, type InlineRun } from "../lib/answerBlocks.ts";
import { fileName, formatPages } from "../lib/format.ts";

interface AnswerTextProps {
    text: string;
    /** Every source put in front of the model, by number; null while streaming. */
    sources: Citation[] | null;
    onOpenSource: (source: Citation) => void;
    streaming?: boolean;
}

export function AnswerText({ text, sources, onOpenSource, streaming }: AnswerTextProps) {
    const runs = (line: InlineRun[]) =>
        line.map((run, index) =>
            run.kind === "text" ? (
                run.bold ? (
                    <strong key={index}>{run.text}</strong>
                ) : (
                    <Fragment key={index}>{run.text}</Fragment>
                )
            ) : (
                <span key={index} className="cite-group" aria-label={`Sources ${run.numbers.join(", ")}`}>
                    {run.numbers.map((n) => (
                        <CitationChip key={n} n={n} source={sources?.find((source) => source.n === n)} onOpen={onOpenSource} />
                    ))}
                </span>
            ),
        );
    return (
        <div className={streaming ? "answer-text streaming" : "answer-text"} data-testid="answer-text">
            {answerBlocks(text).map((block, index) => {
                if (block.kind === "paragraph")
                    return (
                        <p key={index}>
                            {block.lines.map((line, number) => (
                                <Fragment key={number}>
                                    {number > 0 && <br />}
                                    {runs(line)}
                                </Fragment>
                            ))}
                        </p>
                    );
                const List = block.ordered ? "ol" : "ul";
                return (
                    <List key={index}>
                        {block.items.map((item, number) => (
                            <li key={number}>{runs(item)}</li>
                        ))}
                    </List>
                );
            })}
        </div>
    );
}

function CitationChip({ n, source, onOpen }: { n: number; source: Citation | undefined; onOpen: (source: Citation) => void }) {
    const label = source ? `Source ${n}: ${fileName(source.path)}, ${formatPages(source.page, source.pageEnd)}` : `Source ${n}`;
    return (
        <button
            type="button"
            className="cite-chip"
            disabled={!source}
            title={label}
            aria-label={label}
            onClick={() => source && onOpen(source)}
            data-testid="citation-chip"
            data-n={n}
        >
            {n}
        </button>
    );
}
