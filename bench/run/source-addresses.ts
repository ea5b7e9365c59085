import { readFileSync } from 'node:fs';

/** The loopback sources a point may leave from: 127.0.0.1 is everyone's default, so the spread starts at .2. */
const FIRST = 2;
const LAST = 254;
/** Sources reserved by the points running now in this orchestrator (idle's points run side by side). */
const reserved = new Set<string>();

/**
 * TCP sockets per local IPv4 address, TIME_WAIT included, from /proc/net/tcp: a source whose ports a run
 * a minute ago left in TIME_WAIT has fewer to give (bind() will not reuse them). Empty where unreadable.
 */
export function socketsByLocalAddress(table = '/proc/net/tcp'): Map<string, number> {
  const counts = new Map<string, number>();
  let text = '';
  try {
    text = readFileSync(table, 'utf8');
  } catch {
    return counts;
  }
  for (const line of text.split('\n').slice(1)) {
    // "  0: 0100007F:1F90 ...": the local address is little-endian hex
    const hex = /^\s*\d+:\s+([0-9A-F]{8}):/.exec(line)?.[1];
    if (!hex) continue;
    const address = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
    counts.set(address, (counts.get(address) ?? 0) + 1);
  }
  return counts;
}

/**
 * Reserves `count` loopback source addresses for one point: none another running point holds, the
 * least used first (by sockets open or in TIME_WAIT on them now). Release them when the point ends.
 */
export function reserveSources(count: number, busy = socketsByLocalAddress()): { addresses: string[]; release(): void } {
  const free: string[] = [];
  for (let last = FIRST; last <= LAST; last++) if (!reserved.has(`127.0.0.${last}`)) free.push(`127.0.0.${last}`);
  // a stable sort: among equally idle sources the lowest comes first
  const addresses = free.sort((a, b) => (busy.get(a) ?? 0) - (busy.get(b) ?? 0)).slice(0, count);
  if (addresses.length < count) throw new Error(`${count} loopback source addresses wanted, ${addresses.length} free`);
  for (const a of addresses) reserved.add(a);
  return { addresses, release: () => addresses.forEach((a) => reserved.delete(a)) };
}
