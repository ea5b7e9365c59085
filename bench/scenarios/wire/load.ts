import type { LoadContext, ScenarioOutput } from '../scenario.ts';
import { BREAKDOWN_SIZE } from './breakdown-figures.ts';
import { sleep } from '../../load/sleep.ts';
import { EchoConnection } from './exchange.ts';
import type { WireData } from './result.ts';
import { SETTLE_MS, WIRE_SIZES, type WireSizes } from './sizes.ts';

/** One connection: its handshake, a sweep of sizes, one exchange kept byte for byte, then silence. */
export async function loadWire(ctx: LoadContext<WireSizes>): Promise<ScenarioOutput<WireData>> {
  const { messagesPerSize, idleS } = ctx.sizes;
  const conn = new EchoConnection(ctx.job.replyTimeoutMs);
  try {
    // the handshake: connect() resolves when a message sent now would be delivered
    await ctx.capture('handshake', 'start');
    await ctx.mark('handshake-start');
    await conn.open(ctx);
    await sleep(SETTLE_MS);
    await ctx.mark('handshake-end');
    await ctx.capture('handshake', 'stop');
    await conn.exchange(BREAKDOWN_SIZE); // anything a transport does lazily on its first message (SSE's POST socket)
    await sleep(SETTLE_MS);
    for (const size of WIRE_SIZES) {
      await ctx.mark(`size-${size}-start`);
      for (let i = 0; i < messagesPerSize; i++) await conn.exchange(size);
      await sleep(SETTLE_MS);
      await ctx.mark(`size-${size}-end`);
    }
    // one exchange kept byte for byte, for the breakdown by part; nothing is timed while capturing
    await ctx.capture('message', 'start');
    await conn.exchange(BREAKDOWN_SIZE);
    await sleep(SETTLE_MS);
    await ctx.capture('message', 'stop');
    await ctx.mark('idle-start');
    await sleep(idleS * 1000);
    await ctx.mark('idle-end');
  } finally {
    await conn.close();
  }
  return { data: { messagesPerSize, idleWindowS: idleS }, delivery: conn.delivery };
}
