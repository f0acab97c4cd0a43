/** Rank constant of reciprocal rank fusion; 60 is the value of the original paper (Cormack et al., 2009). */
export const RRF_K = 60;

export interface FusedItem {
    id: string;
    /** Sum over lists of 1 / (k + rank). */
    score: number;
    /** 1-based rank in each input list, aligned with the lists; undefined where the item is absent. */
    ranks: Array<number | undefined>;
}

/**
 * Reciprocal rank fusion of ranked id lists, best first. An id repeated within one list counts at its best
 * rank only. Equal scores keep the order in which ids were first met (list by list), so output is deterministic.
 */
export function reciprocalRankFusion(lists: readonly (readonly string[])[], k = RRF_K): FusedItem[] {
    const fused = new Map<string, FusedItem>();
    lists.forEach((list, listIndex) => {
        list.forEach((id, position) => {
            let item = fused.get(id);
            if (!item) {
                item = { id, score: 0, ranks: new Array<number | undefined>(lists.length).fill(undefined) };
                fused.set(id, item);
            }
            if (item.ranks[listIndex] !== undefined) return;
            item.ranks[listIndex] = position + 1;
            item.score += 1 / (k + position + 1);
        });
    });
    // Array.prototype.sort is stable: ties stay in first-met order.
    return [...fused.values()].sort((a, b) => b.score - a.score);
}
