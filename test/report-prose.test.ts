import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../bench/report/report.ts';
import { asRunRecord } from '../bench/results/read-run.ts';
import { STREAM_QUIET_MS } from '../bench/scenarios/push/sizes.ts';
import { WIRE_WINDOWS } from '../bench/scenarios/wire/sizes.ts';
import { DEFAULT_LIMITS } from '../servers/limits.ts';
import { findTransport } from '../transports/registry.ts';

const MIB = 2 ** 20;
const run = asRunRecord(JSON.parse(gunzipSync(readFileSync(join(import.meta.dirname, 'fixtures', 'schema1-run.json.gz'))).toString('utf8')), 'schema1-run.json');
const report = renderReport(run);

/** Prose that states a constant of the code states the constant's value, read from the code. */
describe('the report\'s prose and the code agree', () => {
  it('push: the server pauses above its high-water mark and disconnects past its buffer limit', () => {
    expect(report).not.toContain('the whole stream into the transport at once');
    expect(report).toContain(`more than ${DEFAULT_LIMITS.pushHighWaterBytes / MIB} MiB waiting in the server`);
    expect(report).toContain(`more than ${DEFAULT_LIMITS.maxBufferedBytes / MIB} MiB build up`);
    expect(report).toContain(`nothing for ${STREAM_QUIET_MS / 1000} s has ended`);
  });

  it('wire: the heartbeats a quick window cannot see are the descriptors\' own, and the full profile\'s window its own', () => {
    const unseen = run.config.transports.flatMap((name) => {
      const beat = findTransport(name)?.heartbeat;
      return beat && beat.seconds > WIRE_WINDOWS.quick.idleS ? [`\`${name}\`'s ${beat.what.replace(/^a /, '')} (every ${beat.seconds} s)`] : [];
    });
    expect(unseen.length).toBeGreaterThan(0);
    const line = report.split('\n').find((l) => l.startsWith('Idle: bytes over')) ?? '';
    for (const beat of unseen) expect(line).toContain(beat);
    expect(line).toContain(`watches ${WIRE_WINDOWS.full.idleS} s`);
    // the old text named socket.io's and long-poll's periods by hand, whatever the run's transports were
    expect(line).not.toContain('long-poll re-asks');
  });
});
