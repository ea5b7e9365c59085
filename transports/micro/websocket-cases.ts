import { createRequire } from 'node:module';
import * as wsExports from 'ws';
import websocket from 'websocket';
import type { MicroCase } from './case.ts';

/**
 * `ws` exports its Sender and Receiver by name from its ESM entry, but @types/ws does not declare them: this is the
 * part of their API the cases use (ws 8: Sender.frame returns the header and the payload buffers).
 */
interface WsInternals {
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[] };
  Receiver: new (options: { isServer: boolean }) => {
    write(chunk: Buffer): boolean;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  };
}
const { Sender, Receiver } = wsExports as unknown as WsInternals;

const TEXT_OPCODE = 1;

/** ws hands the header and the payload to the socket as two buffers (corked), never joined. */
function wsFrame(text: string, mask: boolean): Buffer[] {
  return Sender.frame(Buffer.from(text), { fin: true, opcode: TEXT_OPCODE, mask, readOnly: false, rsv1: false });
}

/** ws parses the frames its peer sends: a server reads masked ones, a client unmasked ones. */
function wsParse(isServer: boolean): MicroCase['prepare'] {
  return (text) => {
    const frame = Buffer.concat(wsFrame(text, isServer));
    const receiver = new Receiver({ isServer });
    let last = '';
    receiver.on('message', (data) => (last = data.toString())); // as the adapter turns it into text
    return () => {
      // a masked frame is unmasked in place: parse a fresh copy each time, as a socket read would be
      receiver.write(isServer ? Buffer.from(frame) : frame);
      return last;
    };
  };
}

// WebSocket-Node's own buffer list, the one its connections parse from; untyped, so typed here
const require = createRequire(import.meta.url);
const BufferList = require('websocket/vendor/FastBufferList') as new () => websocket.IBufferList;

/** WebSocket-Node's defaults for what the frame reads from its config (the server's frame limit). */
const NODE_CONFIG = { maxReceivedFrameSize: 0x10000 } as websocket.IConfig;
// @types/websocket declares the frame without its constructor's arguments
const Frame = websocket.frame as unknown as new (maskBytes: Buffer, header: Buffer, config: websocket.IConfig) => websocket.frame;

function nodeFrame(text: string, mask: boolean): Buffer {
  const frame = new Frame(Buffer.alloc(4), Buffer.alloc(10), NODE_CONFIG);
  frame.fin = true;
  frame.mask = mask ? 1 : 0;
  frame.opcode = TEXT_OPCODE;
  frame.binaryPayload = Buffer.from(text);
  return frame.toBuffer(false);
}

function nodeParse(masked: boolean): MicroCase['prepare'] {
  return (text) => {
    const bytes = nodeFrame(text, masked);
    const list = new BufferList();
    return () => {
      list.write(Buffer.from(bytes));
      const frame = new Frame(Buffer.alloc(4), Buffer.alloc(10), NODE_CONFIG);
      if (!frame.addData(list)) throw new Error('WebSocket-Node did not parse a whole frame');
      return frame.binaryPayload.toString('utf8');
    };
  };
}

/** ws's Sender and Receiver, as its connections use them. */
export const WS_CASES: readonly MicroCase[] = [
  { operation: 'frame', prepare: (text) => () => wsFrame(text, false) },
  { operation: 'frame_masked', prepare: (text) => () => wsFrame(text, true) },
  { operation: 'parse', prepare: wsParse(false) },
  { operation: 'parse_masked', prepare: wsParse(true) },
];

/** WebSocket-Node's frame, as its connections use it. */
export const WEBSOCKET_NODE_CASES: readonly MicroCase[] = [
  { operation: 'frame', prepare: (text) => () => nodeFrame(text, false) },
  { operation: 'frame_masked', prepare: (text) => () => nodeFrame(text, true) },
  { operation: 'parse', prepare: nodeParse(false) },
  { operation: 'parse_masked', prepare: nodeParse(true) },
];
