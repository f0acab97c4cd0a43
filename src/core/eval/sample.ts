/** Deterministic pseudo-random numbers in [0, 1) from a 32-bit seed (mulberry32): same seed, same sample. */
function seededRandom(seed: number): () => number {
    let state = seed | 0;
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** The first `size` items of a seeded Fisher-Yates shuffle of `items`; `items` itself is left as is. */
export function seededSample<T>(items: readonly T[], size: number, seed: number): T[] {
    const random = seededRandom(seed);
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, Math.min(size, copy.length));
}
