import { defineVariant } from './descriptor.ts';
import ws from './ws.ts';

/**
 * ws with permessage-deflate (RFC 7692) accepted by its server, `perMessageDeflate: true`, so with ws's
 * own defaults for it: context takeover on both sides, zlib's default level and window (15 bits),
 * concurrencyLimit 10. ws's `threshold` (1024 B) applies only when context takeover is off
 * (ws/lib/sender.js), so with these defaults every message is compressed, a 64 B one too. The client
 * is plain `ws`: its default (`perMessageDeflate: true`) already offers the extension in every
 * handshake, which the base's server declines.
 */
export default defineVariant(ws, {
  name: 'ws-deflate',
  description: 'ws with permessage-deflate on (its server accepts what its client offers; ws defaults: context takeover, threshold 1024 B unused)',
  server: async () => {
    const { create } = await import('../servers/ws.ts');
    return (hub) => create(hub, { perMessageDeflate: true });
  },
  wire: { kind: 'websocket-frames', messages: 'envelope', deflate: true },
  // the same framing code as ws: zlib's cost shows in the echo's server CPU per message, not in micro
  micro: undefined,
  wireNote:
    'every message is deflated with context takeover (the window of earlier messages), so a message like earlier ones ' +
    "costs few bytes; the suite's padding compresses far better than real data (--payload-kind json is closer); the breakdown " +
    'by part counts a compressed payload as message bytes; each connection keeps a zlib inflate and deflate state',
  notByDefault: 'a variant of ws, run when named',
});
