/**
 * Finds where a cited passage lies in other text (a PDF page's text layer, the passage itself), ignoring
 * whitespace and case: the engine's extracted text and pdf.js's text items break lines differently.
 */

/** Text without whitespace, lower-cased, with the index in the original of each character kept. */
interface Folded {
    text: string;
    origin: number[];
}

function fold(text: string): Folded {
    let folded = "";
    const origin: number[] = [];
    for (let index = 0; index < text.length; index++) {
        const char = text[index]!;
        if (/\s/u.test(char)) continue;
        folded += char.toLowerCase();
        origin.push(index);
    }
    return { text: folded, origin };
}

/** The engine marks a trimmed excerpt with "…" at either end; those marks are not in the source text. */
function stripEllipses(excerpt: string): string {
    return excerpt.replace(/^\s*…\s*/u, "").replace(/\s*…\s*$/u, "");
}

/**
 * The ranges `[start, end)` of `haystack` that hold `needle`, piece by piece: the longest runs of the
 * needle found in the haystack, in order, each at least `minRun` characters long (shorter runs are too
 * likely to match by chance). A passage that continues on the next page matches in part.
 */
export function matchRanges(haystack: string, needle: string, minRun = 16): Array<[number, number]> {
    const hay = fold(haystack);
    const pin = fold(stripEllipses(needle)).text;
    const ranges: Array<[number, number]> = [];
    let from = 0;
    let position = 0;
    while (position < pin.length) {
        const found = longestRun(hay.text, pin, position, from);
        if (found.length > 0 && found.length >= Math.min(minRun, pin.length)) {
            ranges.push([hay.origin[found.at]!, hay.origin[found.at + found.length - 1]! + 1]);
            from = found.at + found.length;
            position += found.length;
        } else {
            position++;
        }
    }
    return ranges;
}

/** The longest prefix of `needle.slice(position)` in `hay`, preferring a place after `from` (reading order). */
function longestRun(hay: string, needle: string, position: number, from: number): { at: number; length: number } {
    const find = (length: number) => {
        const piece = needle.slice(position, position + length);
        const after = hay.indexOf(piece, from);
        return after >= 0 ? after : hay.indexOf(piece);
    };
    let low = 0;
    let high = needle.length - position;
    let at = -1;
    while (low < high) {
        const mid = Math.ceil((low + high) / 2);
        const index = find(mid);
        if (index >= 0) {
            low = mid;
            at = index;
        } else {
            high = mid - 1;
        }
    }
    return { at, length: at >= 0 ? low : 0 };
}
