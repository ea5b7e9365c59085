import { describe, expect, it } from 'vitest';
import { idle } from '../bench/scenarios/idle/scenario.ts';

/** Partial data from load processes a count apart (a point cut short between their marks) merges over the counts all reached. */
describe('idle merge of partial data', () => {
  const part = (counts: number[]) => ({
    held: counts.map((count) => ({ count, held: count / 2, failed: 0 })),
    capped: [],
    broadcasts: counts.map((count) => ({ count, members: count / 2, delivered: count / 2, duplicated: 0, firstUs: 1, lastUs: 2 })),
  });

  it('keeps only the counts every load process reached, summed whole', () => {
    const merged = idle.merge([part([100, 200]), part([100])]);
    expect(merged.held.map((h) => [h.count, h.held])).toEqual([[100, 100]]);
    expect(merged.broadcasts?.map((b) => [b.count, b.delivered, b.members])).toEqual([[100, 100, 100]]);
  });
});
