import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.ts';
import type { RunningService } from './service.ts';
import { sleep } from '../load/sleep.ts';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 10_000;
const POLL_MS = 50;
const STOP_GRACE_MS = 2_000;
export const REDIS_BINARY = 'redis-server';

/** Whether redis-server can be run here (installed by scripts/install-redis.sh). */
export function redisInstalled(): boolean {
  return spawnSync(REDIS_BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** One PING on a fresh connection: true once Redis answers +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}

/**
 * A private redis-server on a free loopback port for one point, and only for it: no persistence (nothing
 * written to disk, no fork to save), no config file, so the machine's own Redis service, if any, is
 * neither needed nor touched. Its output is kept to explain a failed start.
 */
export async function startRedis(): Promise<RunningService> {
  if (!redisInstalled()) throw new Error(`${REDIS_BINARY} is not installed: run scripts/install-redis.sh`);
  const port = await freePort(HOST);
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
  const child = spawn(REDIS_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-1000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop(child, exited);
      const last = output.trim().split('\n').pop() ?? '';
      throw new Error(`${REDIS_BINARY} did not start on port ${port}${last ? `: ${last}` : ''}`);
    }
    await sleep(POLL_MS);
  }
  return { name: 'redis', url: `redis://${HOST}:${port}`, stop: () => stop(child, exited) };
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
