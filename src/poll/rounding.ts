/**
 * Whole percentages of `counts` that sum to exactly 100 (largest remainder method): each count
 * gets its percentage rounded down, then the points still missing go to the largest remainders,
 * ties to the larger count and then to the earlier option (the sort is stable). No votes at all
 * gives every option 0. Remainders are worked out in integers, so that equal shares tie exactly.
 */
export function percentages(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const out = counts.map((c) => Math.floor((c * 100) / total));
  const rest = (i: number) => (counts[i]! * 100) % total;
  const order = counts.map((_, i) => i).sort((a, b) => rest(b) - rest(a) || counts[b]! - counts[a]!);
  for (const i of order.slice(0, 100 - out.reduce((a, b) => a + b, 0))) out[i]!++;
  return out;
}
