import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoopMonitor } from '../protocol/loop-monitor.ts';

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin: the loop is held
  }
}

describe('LoopMonitor', () => {
  it('reports the delay alone, not the 10 ms between its samples: an idle loop is near 0, a 60 ms block near 60 ms', async () => {
    const monitor = new LoopMonitor();
    await sleep(300);
    const idle = monitor.take();
    // an idle loop's timer fires on time, give or take the machine's scheduling
    expect(idle.p99Us).toBeLessThan(8_000);
    await sleep(50);
    busyWait(60);
    await sleep(50);
    const held = monitor.take();
    expect(held.maxUs).toBeGreaterThan(50_000);
    expect(held.maxUs).toBeLessThan(120_000);
  });
});
