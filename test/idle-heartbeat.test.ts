import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietWindowS } from '../bench/scenarios/idle/sizes.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { runCli } from './helpers/cli-run.ts';
import { measured } from './helpers/points.ts';

describe('idle heartbeat bytes in the default profile', () => {
  it('watches each heartbeat for whole intervals, two at least', () => {
    expect(quietWindowS({ counts: [1], windowS: 40, heartbeats: 2 }, 25)).toBe(50);
    expect(quietWindowS({ counts: [1], windowS: 40, heartbeats: 2 }, 20)).toBe(40);
    expect(quietWindowS({ counts: [1], windowS: 40, heartbeats: 2 }, undefined)).toBe(40);
    expect(quietWindowS({ counts: [1], windowS: 2, heartbeats: 0 }, 25)).toBe(2);
    // short polling's 50 ms polls: 2 s of them, not 40 s of 10,000 requests a second
    expect(quietWindowS({ counts: [1], windowS: 40, heartbeats: 2 }, 0.05)).toBeCloseTo(2);
  });

  it("sees socket.io's pings, WebSocket-Node's keep-alives and long polls, the three waiting side by side", async () => {
    const out = await mkdtemp(join(tmpdir(), 'wirebench-heartbeat-'));
    try {
      const started = Date.now();
      const args = ['--scenarios', 'idle', '--transports', 'socketio,websocket,longpoll', '--connections', '10', '--out', out, '--quiet'];
      const result = await runCli(args); // the default profile: quick
      expect(result.code, result.stderr).toBe(0);
      // one after another they would wait 50 + 40 + 50 s
      expect(Date.now() - started).toBeLessThan(120_000);
      const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunRecord;
      const perMin = (transport: string) => measured(record.points.find((p) => p.transport === transport)).figures.find((f) => f.metric === 'idle_bytes_per_min')?.value;
      // a ping is 3 B down ("2" in a 2-byte frame) and its pong 7 B up (masked): 10 B every 25 s, 24 B a minute
      expect(perMin('socketio')).toBeGreaterThan(20);
      expect(perMin('socketio')).toBeLessThan(28);
      // an empty ping (2 B) and its masked pong (6 B) every 20 s
      expect(perMin('websocket')).toBeGreaterThan(20);
      expect(perMin('longpoll')).toBeGreaterThan(100);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 180_000);
});
