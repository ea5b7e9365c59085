/** Ranks of pooled values, ties sharing their mid-rank, with what the tie corrections need. */
export interface Ranking {
  /** 1-based mid-ranks, in the order of the input */
  ranks: number[];
  /** the size of every group of equal values (1 for a value with no tie) */
  tieSizes: number[];
}

export function rank(values: readonly number[]): Ranking {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && order[end]?.value === order[start]?.value) end++;
    // positions start..end-1 hold equal values: each gets the mean of ranks start+1..end
    const midRank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]?.index ?? 0] = midRank;
    tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}
