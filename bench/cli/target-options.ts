import { usageError } from '../errors.ts';
import type { BenchConfig } from '../run/config.ts';
import { ownTargetTransport, parseOwnTarget } from '../run/own-target.ts';
import { targetOption } from '../run/target.ts';
import { SCENARIOS } from '../scenarios/registry.ts';

/** Which of the run's choices the user made, rather than the defaults. */
export interface Named {
  transports: boolean;
  scenarios: boolean;
}

/**
 * --target as the run takes it. host:port is `npm run serve` processes (their stats endpoint is read);
 * a URL (ws://, http://, tcp://) is a server the user wrote: loaded by the one transport that speaks it,
 * in the scenarios that say what they need of such a server (Scenario.ownServer), with the Node clients.
 */
/**
 * allowRemote (--allow-remote-target) lets a host that is not loopback through: a user's own remote host,
 * or the network namespaces scripts/netns-hosts.sh makes (their addresses, all inside this machine).
 */
export function targetConfig(value: string, config: BenchConfig, named: Named, allowRemote = false): Pick<BenchConfig, 'target' | 'transports' | 'scenarios'> {
  if (!value.includes('://')) return { target: targetOption(value, config.transports, named.transports, allowRemote), transports: config.transports, scenarios: config.scenarios };
  const { scheme, ...target } = parseOwnTarget(value, allowRemote);
  if (config.clients?.includes('browser')) throw usageError(`--target ${value} is loaded by the Node clients only (--clients node)`);
  const transport = ownTargetTransport(scheme, value, named.transports ? config.transports : undefined);
  const able = SCENARIOS.filter((s) => s.ownServer !== undefined).map((s) => s.name);
  const scenarios = named.scenarios ? config.scenarios : SCENARIOS.filter((s) => s.ownServer !== undefined && !s.notByDefault).map((s) => s.name);
  const unable = scenarios.filter((name) => !able.includes(name));
  if (unable.length > 0) {
    throw usageError(`--scenarios ${unable.join(', ')} need${unable.length === 1 ? 's' : ''} the suite's own server (its stats or captures); with --target <url>: ${able.join(', ')}`);
  }
  return { target, transports: [transport], scenarios };
}
