import type { SizesByProfile } from '../scenario.ts';

export interface PushSizes {
  /** receiver counts, one stream each */
  clients: number[];
  /** messages streamed to each receiver */
  messages: number;
}

export const PUSH_SIZES: SizesByProfile<PushSizes> = {
  quick: { clients: [1, 20], messages: 2000 },
  full: { clients: [1, 100], messages: 20_000 },
  ci: { clients: [20], messages: 2000 },
};
