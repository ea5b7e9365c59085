import { defineVariant } from './descriptor.ts';
import ws from './ws.ts';

/**
 * ws with its optional native add-ons: bufferutil (masking) and utf-8-validate, which its README suggests
 * installing beside it for speed. `npm i ws` alone installs neither (they are optional peers), so plain
 * `ws` runs without them and this variant says what they change.
 */
export default defineVariant(ws, {
  name: 'ws-native',
  description: "ws with its optional native add-ons (bufferutil, utf-8-validate), as its README suggests",
  env: {},
  notByDefault: 'a variant of ws, run when named',
});
