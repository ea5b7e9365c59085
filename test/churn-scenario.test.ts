import { describe, expect, it } from 'vitest';
import { ChurnReceiver, seqOf } from '../bench/scenarios/churn/receiver.ts';
import { MESSAGE_KINDS, encodePadded } from '../protocol/envelope.ts';
import { runScenario } from './helpers/scenario-run.ts';

const message = (seq: number) => encodePadded({ kind: MESSAGE_KINDS.broadcast, sender: 'churn', seq, sentUs: 1 }, 64);

describe('churn scenario', () => {
  it('drops half the receivers; ws reconnects and loses its gap, longpoll gets its gap from the server queue', async () => {
    const rows = await runScenario('churn', ['ws', 'longpoll'], 10);
    for (const transport of ['ws', 'longpoll']) {
      // 10 connections, one of them the sender that is never dropped: half of the other 9
      expect(rows.value(transport, 'churn_dropped')).toBe(4);
      expect(rows.value(transport, 'churn_reconnected')).toBe(4);
      expect(rows.value(transport, 'churn_kept_lost')).toBe(0);
      expect(rows.value(transport, 'reconnect_p50')).toBeGreaterThan(0);
      expect(rows.value(transport, 'duplicated')).toBe(0);
      // the ci profile plans 5 s at 40 a second for each of the 10; both recover within about a second of
      // the drop at 0.5 s, and the broadcast ends a second after the last is back
      const sent = rows.value(transport, 'sent') ?? 0;
      expect(sent % 10, `${transport} sent`).toBe(0);
      expect(sent, `${transport} sent`).toBeLessThan(10 * 40 * 5);
      expect(sent, `${transport} sent`).toBeGreaterThanOrEqual(10 * 40 * 1.4);
    }
    // ws: a new connection, nothing kept for it; longpoll: the server's queue holds the gap (at most the
    // message flushed into the dead poll is lost per connection)
    expect(rows.value('ws', 'churn_lost_in_gap')).toBeGreaterThan(0);
    expect(rows.value('longpoll', 'churn_lost_in_gap')).toBeLessThanOrEqual(4);
  }, 90_000);

  it('accounts the gap of a dropped receiver', () => {
    const r = new ChurnReceiver(10);
    for (const seq of [0, 1, 2]) r.onMessage(message(seq));
    r.dropped();
    for (const seq of [4, 5, 6, 7, 8, 9]) r.onMessage(message(seq)); // 3 never came: lost in the gap
    expect(r.gap(6)).toEqual({ messages: 3, recovered: 2 });
    expect(r.complete).toBe(true);
    expect(seqOf(message(1234))).toBe(1234);
  });

  it('a broadcast that ended early is complete at its last message', () => {
    const r = new ChurnReceiver(10);
    for (const seq of [0, 1, 2, 3]) r.onMessage(message(seq));
    expect(r.complete).toBe(false);
    r.endAt(4);
    expect(r.complete).toBe(true);
    r.onMessage(message(5)); // past the end: not counted
    expect(r.delivered).toBe(4);
  });
});
