import { isIP } from 'node:net';
import { usageError } from '../errors.ts';

/** Servers started elsewhere (`npm run serve`, or the user's own) that the load is pointed at instead of its own. */
export interface Target {
  host: string;
  /** one port per server process, e.g. two `npm run serve -- ws-redis` sharing one Redis */
  ports: number[];
  /**
   * a server the user wrote, named by URL (own-target.ts): no stats endpoint, so bytes are counted on
   * the load's own sockets and there is no server cost. Absent: `npm run serve` processes.
   */
  own?: { url: string; path: string };
}

const MAX_PORT = 65_535;

/** 127.0.0.0/8, ::1 and localhost: the only addresses this suite puts load on. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(host);
}

/** What a non-loopback --target is told, unless --allow-remote-target lets it through. */
export const notLoopback = (host: string) =>
  `--target ${host} is not a loopback address: load goes to 127.0.0.0/8 or ::1 only (--allow-remote-target for a host of your own)`;

/**
 * Parses `--target host:port[,host:port…]` (IPv6 as [::1]:port). Load may only go to a loopback
 * address: the workplace forbids sending it anywhere else, so anything else is refused before a byte.
 */
export function parseTarget(value: string, allowRemote = false): Target {
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw usageError(`--target names no server; expected host:port, e.g. 127.0.0.1:8080`);
  const hosts = new Set<string>();
  const ports: number[] = [];
  for (const part of parts) {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(part);
    const host = match?.[1] ?? match?.[2];
    const port = Number(match?.[3]);
    if (!host || !Number.isInteger(port) || port < 1 || port > MAX_PORT) {
      throw usageError(`--target '${part}' is not host:port, e.g. 127.0.0.1:8080`);
    }
    if (!allowRemote && !isLoopback(host)) throw usageError(notLoopback(host));
    hosts.add(host);
    ports.push(port);
  }
  const [host = ''] = hosts;
  if (hosts.size > 1) throw usageError(`--target servers must share one host, got ${[...hosts].join(', ')}`);
  return { host, ports };
}

/**
 * --target as the run uses it: one transport, named, since a serve process serves exactly one and the
 * suite cannot tell which from outside (a wrong guess would measure nonsense, not fail).
 */
export function targetOption(value: string, transports: readonly string[], named: boolean, allowRemote = false): Target {
  const target = parseTarget(value, allowRemote);
  if (!named || transports.length !== 1) {
    throw usageError(`--target needs the one transport it serves named with --transports, e.g. --transports ws`);
  }
  return target;
}
