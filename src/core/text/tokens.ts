// Words, numbers and single punctuation marks; CJK characters count one each. WordPiece and BPE vocabularies
// split rarer words further, so the count is scaled to land near real tokenizer counts on English prose.
const TOKEN_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const SUBWORD_FACTOR = 1.25;

/** Fast, tokenizer-free estimate of how many model tokens `text` holds. */
export function estimateTokens(text: string): number {
    let count = 0;
    TOKEN_PATTERN.lastIndex = 0;
    while (TOKEN_PATTERN.exec(text) !== null) count++;
    return Math.ceil(count * SUBWORD_FACTOR);
}
