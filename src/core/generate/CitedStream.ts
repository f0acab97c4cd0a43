import { sentenceSpans } from "../text/sentences.js";
import type { Citation } from "../types.js";
import { citeSentence, indexSourceTerms, sentencePieces, type SourceTerms } from "./attribution.js";

/**
 * Passes generated text on a sentence at a time, each with its citation attributed, so that what streams to
 * the user is exactly the final answer, [n] markers included. Sentences making a claim that no source
 * supports are left out: the answer says only what the documents say. Costs one sentence of latency.
 */
export class CitedStream {
    readonly #sources: SourceTerms[];
    #pending = "";
    #output = "";
    #sentences = 0;
    #omitted = 0;
    #gap = "";
    readonly #added = new Set<number>();

    constructor(
        sources: Citation[],
        private readonly onText?: (text: string) => void,
    ) {
        this.#sources = indexSourceTerms(sources);
    }

    /** Numbers of the sources whose markers were added by attribution. */
    get added(): number[] {
        return [...this.#added];
    }

    /** Complete sentences received so far (kept or omitted). */
    get sentences(): number {
        return this.#sentences;
    }

    /** Sentences left out because no source supports them. */
    get omitted(): number {
        return this.#omitted;
    }

    push(token: string): void {
        this.#pending += token;
        const spans = sentenceSpans(this.#pending, 0, this.#pending.length);
        // The last sentence may still be growing; everything before it is complete.
        if (spans.length < 2) return;
        const cut = spans.at(-1)!.start;
        this.#sentences += spans.length - 1;
        this.#emit(this.#pending.slice(0, cut));
        this.#pending = this.#pending.slice(cut);
    }

    /** Flushes the last sentence (or drops it, when generation was cut mid-sentence) and returns the cited text. */
    finish({ dropIncomplete = false }: { dropIncomplete?: boolean } = {}): string {
        if (!dropIncomplete) this.#emit(this.#pending);
        this.#pending = "";
        return this.#output;
    }

    #emit(text: string): void {
        let kept = "";
        for (const { sentence, gap } of sentencePieces(text)) {
            // Whitespace is held back until the next kept sentence, so omitted ones leave no double spaces.
            if (sentence === "") {
                this.#gap = gap;
                continue;
            }
            const cited = citeSentence(sentence, this.#sources);
            if (!cited.supported) {
                this.#omitted++;
                continue;
            }
            if (cited.added) this.#added.add(cited.added);
            kept += (this.#output || kept ? gap || this.#gap : "") + cited.text;
            this.#gap = "";
        }
        if (kept === "") return;
        this.#output += kept;
        this.onText?.(kept);
    }
}
