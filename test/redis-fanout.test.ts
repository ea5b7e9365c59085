/**
 * The Redis-backed transports end to end, as the bench runs them: a private redis-server, two server
 * processes, the room's members spread over both. Every broadcast reaches every member exactly once,
 * whichever process it is on, and a mark reads both processes' stats. Needs redis-server (installed by
 * scripts/install-redis.sh, which .ci/run calls): without it the test is skipped, saying so.
 */
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../bench/cli/bench-options.ts';
import { Orchestrator } from '../bench/run/orchestrator.ts';
import type { FanoutData } from '../bench/scenarios/fanout/result.ts';
import { measured } from './helpers/points.ts';
import { redisInstalled } from '../bench/services/redis.ts';

const installed = redisInstalled();
if (!installed) process.stderr.write('redis-server is not installed: skipping the Redis fan-out test (run scripts/install-redis.sh)\n');

const ROOMS = [2, 7];
const BROADCASTS = 12;

describe.skipIf(!installed).each(['ws-redis', 'socketio-redis'])('%s fan-out over two processes', (transport) => {
  it('delivers every broadcast exactly once to rooms spread over both processes', { timeout: 90_000 }, async () => {
    const parsed = parseOptions(['--transports', transport, '--scenarios', 'fanout', '--profile', 'ci', '--trials', '1', '--quiet']);
    if (parsed.help) throw new Error('unexpected --help');
    const config = { ...parsed.config, sizes: { ...parsed.config.sizes, fanout: { rooms: ROOMS, broadcasts: BROADCASTS } } };
    const point = measured(await new Orchestrator(config).runPoint({ trial: 1, transport, scenario: 'fanout', client: 'node' }));
    expect(point.job.ports).toHaveLength(2);
    const { rooms } = point.result.data as FanoutData;
    for (const room of ROOMS) {
      const delivery = rooms.find((r) => r.size === room)?.delivery;
      expect(delivery).toEqual({ sent: room * BROADCASTS, delivered: room * BROADCASTS, lost: 0, duplicated: 0, reordered: 0 });
      // both processes together sent each broadcast once per member: neither delivered twice, none skipped
      const start = point.marks[`fanout.${room}.start`];
      const end = point.marks[`fanout.${room}.end`];
      expect((end?.messagesOut ?? 0) - (start?.messagesOut ?? 0)).toBe(room * BROADCASTS);
      expect(end?.connectionsOpen).toBe(room);
    }
  });
});
