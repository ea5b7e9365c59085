import { describe, expect, it } from 'vitest';
import { checkOpenFiles } from '../bench/cli/bench-options.ts';
import { failureCause } from '../bench/load/connect-failure.ts';
import { sourceFor } from '../bench/load/run-node-job.ts';
import { scaleFor, scaleProblem } from '../bench/run/scale.ts';
import { reserveSources, socketsByLocalAddress } from '../bench/run/source-addresses.ts';
import { countsUpTo } from '../bench/scenarios/idle/sizes.ts';
import { transportNamed } from '../transports/registry.ts';

describe('sizing a point from what each transport holds', () => {
  it('checks --connections per transport, from its own sockets per connection, with the arithmetic', () => {
    // one socket a connection: 10,000 fit one process of 20,000 open files (it was refused for every transport)
    expect(() => checkOpenFiles(10_000, ['ws', 'websocket', 'socketio', 'tcp'], 20_000)).not.toThrow();
    // ws, socketio and websocket run as a node:cluster past one process; tcp has none
    expect(() => checkOpenFiles(100_000, ['ws', 'socketio', 'websocket'], 20_000)).not.toThrow();
    expect(() => checkOpenFiles(10_000, ['ws', 'socketio-polling'], 20_000)).toThrow(
      /socketio-polling needs 20,200 open files in its one server process \(10,000 × 2 sockets \+ 200 baseline\) but the limit \(ulimit -n\) is 20,000 and it has no cluster here: at most 9,900/,
    );
    expect(scaleProblem(transportNamed('tcp'), 19_800, 20_000)).toBeUndefined();
    expect(scaleProblem(transportNamed('tcp'), 19_801, 20_000)).toMatch(/^tcp needs 20,001 open files .* it has no cluster here: at most 19,800$/);
    expect(scaleFor(transportNamed('websocket'), 40_000, 20_000)).toEqual({ serverWorkers: 3, loadProcesses: 3, sources: 4, perSource: 12_000 });
  });

  it('chooses server workers, load processes and source addresses by itself', () => {
    // (20,000 − 200) × 90% = 17,820 a spread process: 100,000 take 6 of each, over 9 sources of ≤ 12,000
    expect(scaleFor(transportNamed('ws'), 100_000, 20_000)).toEqual({ serverWorkers: 6, loadProcesses: 6, sources: 9, perSource: 12_000 });
    expect(scaleFor(transportNamed('socketio'), 50_000, 20_000)).toEqual({ serverWorkers: 3, loadProcesses: 3, sources: 5, perSource: 12_000 });
    // what fits one process stays one process, from the default source
    expect(scaleFor(transportNamed('ws'), 10_000, 20_000)).toEqual({ serverWorkers: 0, loadProcesses: 1, sources: 0, perSource: 12_000 });
    expect(scaleFor(transportNamed('ws'), 12_001, 20_000).sources).toBe(2);
    // two sockets a connection: a source address's 12,000 ports are 6,000 connections
    expect(scaleFor(transportNamed('sse'), 9_900, 20_000)).toEqual({ serverWorkers: 0, loadProcesses: 2, sources: 2, perSource: 6_000 });
    // sticky by address (sse, longpoll): one source per worker, each of at most 6,000 (a worker would hold (20,000 − 200) / 2 × 90% = 8,910)
    expect(scaleFor(transportNamed('sse'), 100_000, 20_000)).toEqual({ serverWorkers: 17, loadProcesses: 12, sources: 17, perSource: 6_000 });
    expect(scaleFor(transportNamed('longpoll'), 9_901, 20_000)).toEqual({ serverWorkers: 2, loadProcesses: 2, sources: 2, perSource: 6_000 });
    expect(scaleFor(transportNamed('ws'), 400, 20_000, 3).loadProcesses).toBe(3);
  });

  it('numbers connections across load processes and gives each source address its share', () => {
    const job = { workers: 4, worker: 1, sources: { addresses: ['127.0.0.2', '127.0.0.3'], perSource: 10 } };
    // worker 1's connections are numbers 1, 5, 9, 13, …: the first three on .2, then .3
    expect([0, 1, 2, 3].map((i) => sourceFor(job, i).localAddress)).toEqual(['127.0.0.2', '127.0.0.2', '127.0.0.2', '127.0.0.3']);
    expect(sourceFor({ workers: 1, worker: 0 }, 5)).toEqual({});
  });

  it('reserves free source addresses, least used first, never one a running point holds', () => {
    const busy = new Map([['127.0.0.2', 20_000], ['127.0.0.4', 5]]);
    const a = reserveSources(2, busy);
    expect(a.addresses).toEqual(['127.0.0.3', '127.0.0.5']);
    const b = reserveSources(1, busy);
    expect(b.addresses).toEqual(['127.0.0.6']);
    a.release();
    b.release();
    expect(reserveSources(1, busy).addresses).toEqual(['127.0.0.3']);
    // this machine's own table reads (every process here has a socket or none: only the shape is checked)
    expect(socketsByLocalAddress()).toBeInstanceOf(Map);
  });

  it('names why a connection failed from what the library wrapped', () => {
    expect(failureCause(Object.assign(new Error('connect EMFILE'), { code: 'EMFILE' }))).toBe('open_files');
    expect(failureCause({ message: 'websocket error', description: { error: { code: 'EADDRNOTAVAIL' } } })).toBe('no_port');
    expect(failureCause(new Error('ws connect timed out after 10000 ms'))).toBe('timeout');
    expect(failureCause(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe('refused');
    expect(failureCause(new Error('something else'))).toBe('other');
  });

  it('holds a ladder of counts up to --connections, so the fit has several', () => {
    expect(countsUpTo(100_000)).toEqual([1000, 10_000, 50_000, 100_000]);
    expect(countsUpTo(30)).toEqual([3, 15, 30]);
  });
});
