import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return ticksPerSecond;
}

/** pid -> [parent pid, user + system ticks] of every process /proc shows (Linux only). */
function readProcesses(): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // the command name may hold spaces and parentheses: the fields start after its last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      // the process ended while we looked: its time went to its parent's children time
    }
  }
  return out;
}

/**
 * CPU time, in microseconds, of every live process descended from `root` (not `root` itself): here,
 * Chromium's browser, renderer and utility processes started by the browser load process. Zero where
 * /proc is missing: the load-health verdict then simply sees an idle client.
 */
export function descendantsCpuUs(root = process.pid): number {
  const procs = readProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, [ppid]] of procs) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [...(children.get(root) ?? [])];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    ticks += procs.get(pid)?.[1] ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks / clockTicks()) * 1e6;
}
