import { findTransport } from '../../transports/registry.ts';

/** A heartbeat as a sentence names it: `` `socketio`'s ping `` and how often it comes. */
export interface NamedHeartbeat {
  what: string;
  seconds: number;
}

/** The heartbeats of the given transports, as their descriptors state their libraries' defaults. */
export function heartbeatsOf(transports: readonly string[]): NamedHeartbeat[] {
  return transports.flatMap((name) => {
    const beat = findTransport(name)?.heartbeat;
    return beat ? [{ what: `\`${name}\`'s ${beat.what.replace(/^(a|an|the) /, '')}`, seconds: beat.seconds }] : [];
  });
}

/** `` `socketio`'s ping (every 25 s), `longpoll`'s ... `` */
export const listHeartbeats = (beats: readonly NamedHeartbeat[]) => beats.map((h) => `${h.what} (every ${h.seconds} s)`).join(', ');
