// Han, kana and Hangul, plus the kana length mark "ー" (Script=Common) so that katakana words stay whole.
const CJK_CHAR = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30FC";
const CJK_TEST = new RegExp(`[${CJK_CHAR}]`, "u");
const CJK_RUNS = new RegExp(`[${CJK_CHAR}]+`, "gu");

/** Whether `text` holds at least one Chinese, Japanese or Korean character. */
export function hasCjk(text: string): boolean {
    return CJK_TEST.test(text);
}

/** The maximal runs of CJK characters in `text`, in order. */
export function cjkRuns(text: string): string[] {
    return text.match(CJK_RUNS) ?? [];
}

/**
 * The CJK runs of `text` joined by newlines, "" when there are none: the value of the n-gram indexed column.
 * Text without word spaces defeats the whitespace/punctuation tokenizer, so CJK is indexed apart from the rest.
 */
export function cjkSearchText(text: string): string {
    return cjkRuns(text).join("\n");
}

/** `text` with its CJK runs replaced by spaces: the part of a query the word-tokenized column can match. */
export function withoutCjk(text: string): string {
    return text.replace(CJK_RUNS, " ");
}
