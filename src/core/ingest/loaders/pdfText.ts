const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD]/g;
const LINE_BREAK = /\r\n?/g;
const INLINE_WHITESPACE_RUN = /[^\S\n]+/g;
const SPACES_AROUND_NEWLINE = / ?\n ?/g;
const BLANK_LINE_RUN = /\n{3,}/g;
// A lower-case letter, a hyphen at the end of a line, and a lower-case letter: "exam-\nple", "Ta-\nble".
const LINE_END_HYPHEN = /(\p{L}*\p{Ll})-\n(\p{Ll}\p{L}*)/gu;
const WORD = /\p{L}+(?:-\p{L}+)*/gu;

/**
 * Cleans pdf-parse page text: drops control characters and soft hyphens, collapses spaces, keeps newlines
 * (at most one blank line), and rejoins words hyphenated at line ends. A hyphen is kept when the document
 * itself spells the word with one ("self-\nemployment") and never without ("selfemployment").
 */
export function normalizePdfPages(pages: readonly string[]): string[] {
    const cleaned = pages.map(cleanPage);
    let vocabulary: Set<string> | undefined;
    return cleaned.map((page) =>
        page.replace(LINE_END_HYPHEN, (_match, left: string, right: string) => {
            vocabulary ??= wordsOf(cleaned);
            const joined = left + right;
            const hyphenated = `${left}-${right}`;
            const keepHyphen = vocabulary.has(hyphenated.toLowerCase()) && !vocabulary.has(joined.toLowerCase());
            return keepHyphen ? hyphenated : joined;
        }),
    );
}

function cleanPage(text: string): string {
    return text
        .replace(LINE_BREAK, "\n")
        .replace(CONTROL_CHARS, "")
        .replace(INLINE_WHITESPACE_RUN, " ")
        .replace(SPACES_AROUND_NEWLINE, "\n")
        .replace(BLANK_LINE_RUN, "\n\n")
        .trim();
}

function wordsOf(pages: readonly string[]): Set<string> {
    const words = new Set<string>();
    for (const page of pages) {
        for (const match of page.matchAll(WORD)) words.add(match[0].toLowerCase());
    }
    return words;
}
