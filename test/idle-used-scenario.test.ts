import { describe, expect, it } from 'vitest';
import { runScenario } from './helpers/scenario-run.ts';

describe('idle-used scenario', () => {
  it("shows what permessage-deflate keeps per connection once it has been used (zlib's streams, made lazily)", async () => {
    const rows = await runScenario('idle-used', ['ws', 'ws-deflate'], 200);
    for (const transport of ['ws', 'ws-deflate']) expect(rows.value(transport, 'connections_held', 200), transport).toBe(200);
    const plain = rows.value('ws', 'rss_per_conn_bytes') ?? NaN;
    const deflate = rows.value('ws-deflate', 'rss_per_conn_bytes') ?? NaN;
    // a deflate stream at zlib's defaults (15-bit window, memLevel 8) is about 256 KiB; ws's own connection a few KiB
    expect(deflate).toBeGreaterThan(50_000);
    expect(deflate).toBeGreaterThan(4 * plain);
  }, 120_000);
});
