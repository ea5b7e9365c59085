import type { Delivery } from '../../../protocol/control.ts';
import { BREAKDOWN_SIZE } from './breakdown-figures.ts';
import type { ScenarioOutput } from '../scenario.ts';
import { callPage } from '../../browser/page-api.ts';
import { sleep } from '../../load/sleep.ts';
import type { BrowserLoad } from '../../browser/scenario.ts';
import type { WireData } from './result.ts';
import { SETTLE_MS, WIRE_SIZES, type WireSizes } from './sizes.ts';

/**
 * The wire scenario of load.ts with one connection in a page, window for window and
 * mark for mark, so its figures (bytes per message, handshake, idle, the breakdown by part) compare
 * directly: what differs is only what the browser puts on the wire. The page is loaded before the
 * handshake window opens, and by the session, not the server: the handshake is the transport's alone.
 */
export async function browserWire({ job, sizes, session, mark, capture }: BrowserLoad<WireSizes>): Promise<ScenarioOutput<WireData>> {
  const { messagesPerSize, idleS } = sizes;
  const [share] = await session.ensure(1);
  if (!share) throw new Error('no page');
  const { page } = share;
  const delivery: Delivery = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0 };
  const exchanges = async (size: number, count: number) => {
    const delivered = await callPage(page, 'exchanges', size, count, job.replyTimeoutMs, SETTLE_MS);
    delivery.sent += count;
    delivery.delivered += delivered;
    delivery.lost += count - delivered;
  };
  try {
    await capture('handshake', 'start');
    await mark('handshake-start');
    await callPage(page, 'open', 1);
    await sleep(SETTLE_MS);
    await mark('handshake-end');
    await capture('handshake', 'stop');
    await exchanges(BREAKDOWN_SIZE, 1); // anything done lazily on the first message (SSE's POST socket)
    for (const size of WIRE_SIZES) {
      await mark(`size-${size}-start`);
      await exchanges(size, messagesPerSize);
      await mark(`size-${size}-end`);
    }
    await capture('message', 'start');
    await exchanges(BREAKDOWN_SIZE, 1);
    await capture('message', 'stop');
    await mark('idle-start');
    await sleep(idleS * 1000);
    await mark('idle-end');
    await callPage(page, 'show', `wire: ${delivery.delivered} of ${delivery.sent} exchanges echoed`);
  } finally {
    await session.closeConnections();
  }
  return { data: { messagesPerSize, idleWindowS: idleS }, delivery };
}
