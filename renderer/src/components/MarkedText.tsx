/**
 * Text with a cited passage marked in it, and the excerpt the answer used marked more strongly, matched
 * ignoring whitespace; the first mark is scrolled into view.
 */
import { useEffect, useMemo, useRef } from "react";
import { matchRanges } from "../lib/textMatch.ts";
import { scrollIntoPanel } from "../lib/scrollIntoPanel.ts";

interface MarkedTextProps {
    text: string;
    /** Marked lightly; omitted when `text` is the passage itself. */
    passage?: string;
    excerpt?: string;
    /** The test id of every mark; `data-highlight` tells passage from excerpt. */
    markTestId: string;
    className: string;
    testId: string;
    /** Whether this element scrolls itself (else the panel around it does). */
    scrolls?: boolean;
}

type Level = 0 | 1 | 2;

export function MarkedText({ text, passage, excerpt, markTestId, className, testId, scrolls }: MarkedTextProps) {
    const box = useRef<HTMLDivElement>(null);
    const runs = useMemo(() => {
        const levels = new Uint8Array(text.length);
        const mark = (needle: string | undefined, level: Level) => {
            if (!needle?.trim() || needle.trim() === text.trim()) return;
            for (const [start, end] of matchRanges(text, needle)) levels.fill(level, start, end);
        };
        mark(passage, 1);
        mark(excerpt, 2);
        const result: Array<{ text: string; level: Level }> = [];
        let start = 0;
        for (let index = 1; index <= text.length; index++)
            if (index === text.length || levels[index] !== levels[start]) {
                result.push({ text: text.slice(start, index), level: levels[start] as Level });
                start = index;
            }
        return result;
    }, [text, passage, excerpt]);

    useEffect(() => {
        const first = box.current?.querySelector<HTMLElement>("mark.level-2") ?? box.current?.querySelector<HTMLElement>("mark");
        if (first) scrollIntoPanel(first);
    }, [runs]);

    return (
        <div ref={box} className={className} data-testid={testId} data-scroll-panel={scrolls ? "" : undefined}>
            {runs.map((run, index) =>
                run.level === 0 ? (
                    <span key={index}>{run.text}</span>
                ) : (
                    <mark
                        key={index}
                        className={`level-${run.level}`}
                        data-testid={markTestId}
                        data-highlight={run.level === 2 ? "excerpt" : "passage"}
                    >
                        {run.text}
                    </mark>
                ),
            )}
        </div>
    );
}
