import { defineScenario } from '../scenario.ts';
import { idle } from '../idle/scenario.ts';
import { IDLE_SIZES } from '../idle/sizes.ts';
import { idleUsedReport } from './report.ts';

/** As idle's counts, with no quiet window: its bytes are idle's question, its memory after one message is this one's. */
const used = (sizes: (typeof IDLE_SIZES)['quick']) => ({ ...sizes, windowS: 2, heartbeats: 0, used: true });

/**
 * `idle-used`: idle's connections and memory fit, but each connection has made one echo of the run's
 * payload before it is held. What a library builds on a connection's first message and keeps — ws's
 * permessage-deflate makes its zlib streams lazily and keeps them with context takeover — is then in the
 * figure; a connection that never spoke (idle) does not show it.
 */
export const idleUsed = defineScenario({
  ...idle,
  name: 'idle-used',
  description: 'as idle, after one echo on each connection: server heap and RSS per connection, with what the first message left',
  sizes: { quick: used(IDLE_SIZES.quick), full: used(IDLE_SIZES.full), ci: used(IDLE_SIZES.ci) },
  report: idleUsedReport,
  upgradeV1: undefined,
  // the page's idle holds connections that never speak
  browser: undefined,
  notByDefault: 'run when named: idle answers the memory question for connections that never spoke',
});
