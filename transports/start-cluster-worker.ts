import { Socket } from 'node:net';
import { clusterIpcRelay } from '../servers/cluster-relay.ts';
import { DEFAULT_HOST, listenTransport, type RunningServer } from '../servers/listen.ts';
import { isStickyMessage } from '../bench/processes/sticky-primary.ts';
import { transportNamed } from './registry.ts';

/**
 * Starts the named transport's server as one worker of a node:cluster (bench/processes/cluster-primary.ts):
 * port 0 in every worker is the one port the primary shares out. With its library's cluster adapter
 * (the descriptor's nodeCluster.server) broadcasts cross the workers by themselves; otherwise the
 * suite's IPC relay carries them (servers/cluster-relay.ts).
 *
 * A sticky transport's worker listens on a port of its own that nobody is told of (so that node:http
 * tracks its connections and times out slow requests as it does on any listening server) and serves the
 * connections the primary hands it, as `sticky-session`'s workers do: each is emitted as the server's own
 * 'connection', then let go. The primary read nothing of it, so the request arrives whole.
 */
export async function startClusterWorker(name: string, host = DEFAULT_HOST): Promise<RunningServer> {
  const transport = transportNamed(name);
  const shape = transport.nodeCluster;
  if (!shape) throw new Error(`${name} has no node:cluster deployment`);
  const sticky = shape.sticky !== undefined;
  const server = await listenTransport(await (shape.server ?? transport.server)(), host, 0, undefined, { exclusive: sticky });
  if (!shape.server) server.hub.relay = clusterIpcRelay(server.hub);
  if (sticky) {
    const listener = server.transport.listener;
    if ('counts' in listener) throw new Error(`${name}: sticky sessions need a node:net server to hand connections to`);
    process.on('message', (m: unknown, handle: unknown) => {
      if (!isStickyMessage(m) || !(handle instanceof Socket)) return;
      listener.emit('connection', handle);
      handle.resume();
    });
  }
  return server;
}
