/** A cited passage, reflowed, with the excerpt the answer used marked in it. */
import { MarkedText } from "./MarkedText.tsx";

export function PassageText({ text, excerpt }: { text: string; excerpt: string }) {
    // Line breaks inside a paragraph are where the page's lines ended, not the author's; blank lines stay.
    const reflowed = text.replace(/(?<!\n)[ \t]*\n(?![ \t]*\n)[ \t]*/gu, " ");
    return (
        <MarkedText
            text={reflowed}
            excerpt={excerpt}
            className="passage"
            testId="source-passage"
            markTestId="source-excerpt"
            scrolls
        />
    );
}
