/** `ws-redis`: the `ws` client as for `ws`; only the server side is a cluster. */
export * from './ws.ts';
