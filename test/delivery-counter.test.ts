import { describe, expect, it } from 'vitest';
import { DeliveryCounter } from '../bench/load/delivery-counter.ts';

describe('the delivery counter', () => {
  it('counts first arrivals, duplicates, numbers overtaken and strays, and what never came', () => {
    const c = new DeliveryCounter(6);
    // 0, 2, 1 (overtaken by 2), 2 again, 5, 9 and -1 (not of this stream), 1 again; 3 and 4 never come
    for (const seq of [0, 2, 1, 2, 5, 9, -1, 1]) c.record(seq);
    expect(c.result()).toEqual({ sent: 6, delivered: 4, lost: 2, duplicated: 4, reordered: 1 });
    // of a stream cut short after 5 sends, the same arrivals leave one lost
    expect(c.result(5)).toMatchObject({ sent: 5, lost: 1 });
    expect(c.highest).toBe(5);
    expect([c.has(1), c.has(3)]).toEqual([true, false]);
  });
});
