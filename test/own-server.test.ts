/**
 * --target <url>: a server the user wrote, loaded by URL. The servers here are written as their
 * libraries' READMEs write them (ws's echo and broadcast, socket.io's `socket.send`, a hand-made SSE
 * endpoint with a POST route), on 127.0.0.1 port 0, mounted under a path. With no stats endpoint, bytes
 * are counted on the client's sockets and there is no server cost; the report says both.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { parseOptions } from '../bench/cli/bench-options.ts';
import type { RunRecord } from '../bench/results/run-record.ts';
import { WirebenchError } from '../bench/errors.ts';
import { runCli } from './helpers/cli-run.ts';
import { schemaProblem } from '../bench/results/schema-check.ts';

const MESSAGES = 100;
const TINY = ['--messages', String(MESSAGES), '--warmup', '5', '--trials', '1', '--quiet'];

const listening = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** ws's README: echo each message back as it came (text stays text), and broadcast `b|` messages to every client. */
function wsServer(): { http: Server; close: () => void } {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, path: '/chat' });
  wss.on('connection', function connection(ws) {
    ws.on('error', console.error);
    ws.on('message', function message(data, isBinary) {
      const text = data as Buffer;
      if (text[0] !== 0x62 /* b */) return ws.send(data, { binary: isBinary });
      wss.clients.forEach(function each(client) {
        if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      });
    });
  });
  return { http, close: () => wss.close() };
}

/** socket.io's docs: a `message` event (socket.send on the client) answered with socket.send. */
function socketIoServer(): { http: Server; close: () => void } {
  const http = createServer();
  const io = new SocketIoServer(http, { path: '/rt/' });
  io.on('connection', (socket) => socket.on('message', (text: string) => socket.send(text)));
  return { http, close: () => void io.close() };
}

/** SSE down, POST up, under /live: GET /live/events?id=, POST /live/send?id= (the body comes back as one event), POST /live/close?id=. */
function sseServer(): { http: Server; close: () => void } {
  const streams = new Map<string, ServerResponse>();
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const id = url.searchParams.get('id') ?? '';
    if (req.method === 'GET' && url.pathname === '/live/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(':\n\n');
      streams.set(id, res);
      req.on('close', () => streams.delete(id));
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (url.pathname === '/live/send') streams.get(id)?.write(`data: ${body}\n\n`);
      if (url.pathname === '/live/close') streams.get(id)?.end();
      res.writeHead(204).end();
    });
  });
  return { http, close: () => streams.forEach((s) => s.end()) };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirebench-own-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the bench against `url` and reads what it wrote. */
async function benchAgainst(url: string, args: string[]): Promise<{ run: RunRecord; csv: string; report: string; code: number | null; stderr: string }> {
  const out = await mkdtemp(join(dir, 'run-'));
  const { code, stderr } = await runCli(['--target', url, ...args, ...TINY, '--out', out]);
  const read = (name: string) => readFile(join(out, name), 'utf8');
  return { run: JSON.parse(await read('run.json')) as RunRecord, csv: await read('summary.csv'), report: await read('report.md'), code, stderr };
}

const value = (csv: string, scenario: string, metric: string) =>
  csv.split('\n').map((l) => l.split(',')).find((c) => c[4] === scenario && c[8] === metric)?.[9];

describe('--target <url>: your own server', () => {
  it('measures a ws server by URL: echo and the chat room, bytes from the client\'s sockets, no server cost', async () => {
    const server = wsServer();
    const port = await listening(server.http);
    try {
      const { run, csv, report, code, stderr } = await benchAgainst(`ws://127.0.0.1:${port}/chat`, ['--scenarios', 'echo,fanout']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(run.points.map((p) => [p.scenario, p.transport, p.status])).toEqual([['echo', 'ws', 'ok'], ['fanout', 'ws', 'ok']]);
      expect(run.points[0]?.status === 'ok' && run.points[0].result.delivery).toMatchObject({ sent: MESSAGES, delivered: MESSAGES, lost: 0 });
      // a 64 B text message is 70 B in a masked client frame and 66 B in a server frame: the same
      // figures the suite's own ws server counts on its side
      expect(Number(value(csv, 'echo', 'bytes_up_per_msg'))).toBe(70);
      expect(Number(value(csv, 'echo', 'bytes_down_per_msg'))).toBe(66);
      expect(value(csv, 'echo', 'server_cpu_us_per_msg')).toBeUndefined();
      expect(Number(value(csv, 'fanout', 'lost'))).toBe(0);
      expect(Number(value(csv, 'fanout', 'delivered'))).toBeGreaterThan(0);
      expect(schemaProblem('run', run)).toBeUndefined();
      expect(report).toContain('## Your server');
      expect(report).toMatch(/counted on the load process's sockets.*server cost .* is absent/s);
    } finally {
      server.close();
      server.http.close();
    }
  }, 60_000);

  it('measures a socket.io server and an SSE + POST server by http:// URL, under their paths', async () => {
    for (const [make, transport] of [[socketIoServer, 'socketio'], [sseServer, 'sse']] as const) {
      const server = make();
      const port = await listening(server.http);
      const path = transport === 'sse' ? '/live' : '/rt/';
      try {
        const { run, csv, code } = await benchAgainst(`http://127.0.0.1:${port}${path}`, ['--transports', transport, '--scenarios', 'echo']);
        expect(code, transport).toBe(0);
        expect(run.points[0]?.status === 'ok' && run.points[0].result.delivery, transport).toMatchObject({ sent: MESSAGES, delivered: MESSAGES, lost: 0 });
        expect(Number(value(csv, 'echo', 'bytes_up_per_msg')), transport).toBeGreaterThan(64);
      } finally {
        server.close();
        server.http.closeAllConnections();
        server.http.close();
      }
    }
  }, 60_000);

  it('refuses what an own server cannot do, and anything but loopback, before any load', () => {
    const refused = (args: string[]) => {
      try {
        parseOptions(args);
      } catch (error) {
        expect(error).toBeInstanceOf(WirebenchError);
        return (error as WirebenchError).exitCode === 2 ? (error as Error).message : 'not a usage error';
      }
      return 'accepted';
    };
    expect(refused(['--target', 'http://127.0.0.1:3000/'])).toMatch(/needs the transport it speaks named: --transports socketio \| socketio-polling \| sse/);
    expect(refused(['--target', 'ws://10.0.0.1:8080/'])).toMatch(/not a loopback address.*--allow-remote-target/);
    // a host of one's own, named so: let through, as is `npm run serve`'s host:port form
    const remote = parseOptions(['--target', 'ws://10.0.0.1:8080/', '--allow-remote-target']);
    expect(!remote.help && remote.config.target).toMatchObject({ host: '10.0.0.1', ports: [8080] });
    const served = parseOptions(['--target', '10.213.0.1:8080', '--transports', 'ws', '--allow-remote-target']);
    expect(!served.help && served.config.target).toMatchObject({ host: '10.213.0.1', ports: [8080] });
    expect(refused(['--allow-remote-target'])).toMatch(/name the --target too/);
    expect(refused(['--target', 'ws://127.0.0.1:8080/', '--scenarios', 'idle'])).toMatch(/idle needs the suite's own server/);
    expect(refused(['--target', 'ws://127.0.0.1:8080/', '--transports', 'sse'])).toMatch(/speaks ws:\/\//);
    expect(refused(['--target', 'wss://127.0.0.1:8080/'])).toMatch(/TLS/);
    const ws = parseOptions(['--target', 'ws://localhost:8080/chat?room=1']);
    expect(!ws.help && ws.config).toMatchObject({ transports: ['ws'], scenarios: ['echo', 'throughput', 'fanout', 'broadcast'], target: { host: 'localhost', ports: [8080], own: { path: '/chat?room=1' } } });
  });
});
