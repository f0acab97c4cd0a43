// Words, numbers and single punctuation marks; CJK characters count one each. WordPiece and BPE vocabularies
// split rarer words further, so the count is scaled to land near real tokenizer counts on English prose.
const TOKEN_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const SUBWORD_FACTOR = 1.25;

/** Fast, tokenizer-free estimate of how many model tokens `text` holds. */
export function estimateTokens(text: string): number {
    return tokensForPieces(countTokenPieces(text));
}

/**
 * Words, numbers, punctuation marks and CJK characters in `text`. Unlike token estimates, piece counts of
 * texts cut apart between pieces (at whitespace, say) add up to the count of the whole.
 */
export function countTokenPieces(text: string): number {
    let count = 0;
    TOKEN_PATTERN.lastIndex = 0;
    while (TOKEN_PATTERN.exec(text) !== null) count++;
    return count;
}

/** The token estimate for a text of `pieces` pieces (see `countTokenPieces`). */
export function tokensForPieces(pieces: number): number {
    return Math.ceil(pieces * SUBWORD_FACTOR);
}
