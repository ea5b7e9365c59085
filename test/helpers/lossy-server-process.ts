/**
 * The suite's server process with one fault: its hub loses every Nth message it hands to a peer
 * (counted over all its peers; N from LOSSY_DROP_EVERY), as a transport that drops one message in N
 * would. The transport, its library and the process are the real ones; only the hand-over to the peer
 * is wrapped. Test only: forked in place of bench/processes/server-process.ts by lossyFork().
 */
import { Hub, type Peer } from '../../servers/hub.ts';

const dropEvery = Number(process.env['LOSSY_DROP_EVERY']);
if (!Number.isInteger(dropEvery) || dropEvery < 2) throw new Error(`LOSSY_DROP_EVERY must be an integer of 2 or more, got '${process.env['LOSSY_DROP_EVERY']}'`);

let handed = 0;
const join = Hub.prototype.join;
Hub.prototype.join = function (this: Hub, peer: Peer): void {
  const send = peer.send.bind(peer);
  peer.send = (text: string) => {
    if (++handed % dropEvery !== 0) send(text);
  };
  join.call(this, peer);
};

// imported after the hub is wrapped, so that the server it starts has only wrapped peers
await import('../../bench/processes/server-process.ts');
