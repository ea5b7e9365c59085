import { clusterIpcRelay } from '../servers/cluster-relay.ts';
import { DEFAULT_HOST, listenTransport, type RunningServer } from '../servers/listen.ts';
import { transportNamed } from './registry.ts';

/**
 * Starts the named transport's server as one worker of a node:cluster (bench/processes/cluster-primary.ts):
 * port 0 in every worker is the one port the primary shares out. With its library's cluster adapter
 * (the descriptor's nodeCluster.server) broadcasts cross the workers by themselves; otherwise the
 * suite's IPC relay carries them (servers/cluster-relay.ts).
 */
export async function startClusterWorker(name: string, host = DEFAULT_HOST): Promise<RunningServer> {
  const transport = transportNamed(name);
  const shape = transport.nodeCluster;
  if (!shape) throw new Error(`${name} has no node:cluster deployment`);
  const server = await listenTransport(await (shape.server ?? transport.server)(), host, 0);
  if (!shape.server) server.hub.relay = clusterIpcRelay(server.hub);
  return server;
}
