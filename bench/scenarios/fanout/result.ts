import type { Delivery } from '../../../protocol/control.ts';
import { addDelivery, NO_DELIVERY } from '../../load/delivery-counter.ts';
import type { V1Result } from '../scenario.ts';
import type { FanoutSizes } from './sizes.ts';

/** One room: per broadcast, the earliest and the latest arrival at any receiver (µs; null: none arrived). */
export interface FanoutRoom {
  size: number;
  first: (number | null)[];
  last: (number | null)[];
  delivery: Delivery;
}

export interface FanoutData {
  rooms: FanoutRoom[];
}

const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const latest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Each process saw some receivers: a broadcast's first arrival is the earliest of theirs, its last the latest. */
export function mergeFanout(parts: readonly FanoutData[]): FanoutData {
  const [head] = parts;
  if (!head) return { rooms: [] };
  return {
    rooms: head.rooms.map((room, i) => {
      const all = parts.flatMap((p) => p.rooms[i] ?? []);
      return {
        size: room.size,
        first: room.first.map((_, seq) => all.map((r) => r.first[seq] ?? null).reduce(earliest, null)),
        last: room.last.map((_, seq) => all.map((r) => r.last[seq] ?? null).reduce(latest, null)),
        delivery: all.map((r) => r.delivery).reduce(addDelivery, NO_DELIVERY),
      };
    }),
  };
}

/** Schema 1 kept `<size>.<seq>.first.w<worker>`, `<size>.<seq>.last.w<worker>` and the room's counts. */
export function fanoutFromV1(old: V1Result, sizes: FanoutSizes): FanoutData {
  const values = old.values ?? {};
  const of = (size: number, seq: number, what: string) =>
    Object.entries(values).filter(([k]) => k.startsWith(`${size}.${seq}.${what}.w`)).map(([, v]) => v);
  return {
    rooms: sizes.rooms.map((size) => {
      const seqs = Array.from({ length: sizes.broadcasts }, (_, seq) => seq);
      const count = (what: string) => values[`${size}.${what}`] ?? 0;
      return {
        size,
        first: seqs.map((seq) => of(size, seq, 'first').reduce<number | null>((a, v) => earliest(a, v), null)),
        last: seqs.map((seq) => of(size, seq, 'last').reduce<number | null>((a, v) => latest(a, v), null)),
        delivery: { sent: count('expected'), delivered: count('delivered'), lost: count('lost'), duplicated: count('duplicated'), reordered: count('reordered') },
      };
    }),
  };
}
