/**
 * The suite's server process with planted faults in the hand-over of messages from its hub to its peers
 * (counted over all peers): FAULT_DROP_EVERY=N loses every Nth message, as a transport that drops one in
 * N would; FAULT_DUPLICATE_EVERY=N sends every Nth twice; FAULT_SWAP_EVERY=N holds every Nth back until
 * after the next message to the same peer. The transport, its library and the process are the real ones;
 * a broadcast goes to each peer through the library's send to one client (the hub's own path) instead of
 * the library's broadcast to all, so that each delivery can go wrong on its own.
 * Test only: forked in place of bench/processes/server-process.ts by faultyFork().
 */
import { Hub, type Peer } from '../../servers/hub.ts';

function every(name: string): number {
  const value = process.env[name];
  if (value === undefined) return Infinity;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2) throw new Error(`${name} must be an integer of 2 or more, got '${value}'`);
  return n;
}

const dropEvery = every('FAULT_DROP_EVERY');
const duplicateEvery = every('FAULT_DUPLICATE_EVERY');
const swapEvery = every('FAULT_SWAP_EVERY');

let handed = 0;
const join = Hub.prototype.join;
Hub.prototype.join = function (this: Hub, peer: Peer): void {
  const send = peer.send.bind(peer);
  let held: string | undefined;
  peer.send = (text: string) => {
    const n = ++handed;
    if (n % dropEvery === 0) return;
    if (n % swapEvery === 0 && held === undefined) {
      held = text;
      return;
    }
    send(text);
    if (n % duplicateEvery === 0) send(text);
    if (held !== undefined) {
      const late = held;
      held = undefined;
      send(late);
    }
  };
  join.call(this, peer);
};

const deliver = Hub.prototype.deliver;
Hub.prototype.deliver = function (this: Hub, text: string): void {
  this.broadcaster = undefined;
  deliver.call(this, text);
};

// imported after the hub is wrapped, so that the server it starts has only wrapped peers
await import('../../bench/processes/server-process.ts');
