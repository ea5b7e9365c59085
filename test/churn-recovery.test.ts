import { describe, expect, it } from 'vitest';
import { redisInstalled } from '../bench/services/redis.ts';
import { runScenario } from './helpers/scenario-run.ts';

describe('churn with socket.io connection state recovery', () => {
  it('socketio-recovery gets every broadcast of the gap back; plain socketio loses them', async () => {
    const rows = await runScenario('churn', ['socketio', 'socketio-recovery'], 10);
    for (const transport of ['socketio', 'socketio-recovery']) {
      expect(rows.value(transport, 'churn_dropped'), transport).toBe(4);
      expect(rows.value(transport, 'churn_reconnected'), transport).toBe(4);
      expect(rows.value(transport, 'churn_kept_lost'), transport).toBe(0);
      // socket.io-client waits 1 s ± 50 % before it reconnects: at 40 broadcasts a second, a gap of 20 at least each
      expect(rows.value(transport, 'churn_gap_msgs'), transport).toBeGreaterThanOrEqual(4 * 15);
    }
    expect(rows.value('socketio', 'churn_lost_in_gap')).toBeGreaterThan(0);
    expect(rows.value('socketio-recovery', 'churn_lost_in_gap')).toBe(0);
    expect(rows.value('socketio-recovery', 'churn_recovered')).toBe(rows.value('socketio-recovery', 'churn_gap_msgs'));
    expect(rows.value('socketio-recovery', 'lost')).toBe(0);
    expect(rows.value('socketio-recovery', 'duplicated')).toBe(0);
  }, 90_000);

  // on two processes, a client that comes back may reach the other one: its session and the gap are in Redis
  it.skipIf(!redisInstalled())('socketio-redis-streams recovers the gap across its two processes', async () => {
    const rows = await runScenario('churn', ['socketio-redis-streams'], 10);
    expect(rows.value('socketio-redis-streams', 'churn_reconnected')).toBe(4);
    expect(rows.value('socketio-redis-streams', 'churn_gap_msgs')).toBeGreaterThanOrEqual(4 * 15);
    // across processes the adapter reads the gap back from the stream (XRANGE) before the client rejoins its
    // rooms; most likely (from its code, not traced) a broadcast appended in between reaches that process
    // while the socket is not yet in the room,
    // and is lost (seen once in four CI runs under load: 1 of the gap). So nearly all of the gap, not all
    // of it, where plain socket.io over Redis loses every message of it
    const gap = rows.value('socketio-redis-streams', 'churn_gap_msgs') ?? 0;
    const allowed = Math.max(2, Math.ceil(0.05 * gap));
    expect(rows.value('socketio-redis-streams', 'churn_lost_in_gap')).toBeLessThanOrEqual(allowed);
    expect(rows.value('socketio-redis-streams', 'churn_recovered')).toBeGreaterThanOrEqual(gap - allowed);
    expect(rows.value('socketio-redis-streams', 'lost')).toBeLessThanOrEqual(allowed);
    expect(rows.value('socketio-redis-streams', 'duplicated')).toBe(0);
  }, 90_000);
});
