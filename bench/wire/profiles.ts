import {
  controlContent,
  engineIoPacketContent,
  engineIoPayloadContent,
  engineIoRawPacketContent,
  eventStreamContent,
  jsonBatchContent,
  messageContent,
  type ContentDecoder,
} from './content.ts';
import type { BodyDecoderFor } from './frames.ts';
import { msgpackPacketContent } from './msgpack-content.ts';
import type { WireSpec } from '../../transports/descriptor.ts';
import { transportNamed } from '../../transports/registry.ts';

/** How a capture that does not begin with an HTTP message is framed: the socket was open before it. */
export type MidStream = 'http' | 'websocket-frames' | 'lines' | 'event-stream' | 'http2-frames';

export type Direction = 'up' | 'down';

/** What one transport puts where, so the breakdown can read its captures. */
export interface WireProfile {
  midStream(direction: Direction): MidStream;
  /** decoder for an HTTP body (upstream: a request's; downstream: a response's) */
  httpBody: BodyDecoderFor;
  /** decoder for a WebSocket data message */
  webSocketMessage: ContentDecoder;
  /** decoder for the joined DATA frames of one HTTP/2 stream in this direction; absent: no HTTP/2 here */
  http2Data?: (direction: Direction) => ContentDecoder;
}

const contentType = (head: Parameters<BodyDecoderFor>[0]) => head.headers.get('content-type') ?? '';

/** The hand-built HTTP transports: POST /send carries one message; what comes down depends on the type. */
function handBuiltHttp(down: { type: RegExp; decoder: ContentDecoder }, midDown: MidStream): WireProfile {
  return {
    midStream: (direction) => (direction === 'down' ? midDown : 'http'),
    httpBody: (head) => {
      if (head.path !== undefined) return head.path.startsWith('/send') ? messageContent : controlContent;
      return down.type.test(contentType(head)) ? down.decoder : controlContent;
    },
    webSocketMessage: controlContent,
  };
}

const webSocket = (webSocketMessage: ContentDecoder): WireProfile => ({
  midStream: () => 'websocket-frames',
  httpBody: () => controlContent,
  webSocketMessage,
});

const READERS = {
  lines: { midStream: () => 'lines', httpBody: () => controlContent, webSocketMessage: controlContent },
  envelopeFrames: webSocket(messageContent),
  engineIoFrames: webSocket(engineIoPacketContent),
  engineIoRawFrames: webSocket(engineIoRawPacketContent),
  msgpackFrames: webSocket(msgpackPacketContent),
  engineIoPolling: {
    midStream: () => 'http',
    // engine.io answers a POST with `ok` as text/html; every payload it sends is text/plain
    httpBody: (head) => (head.path !== undefined || /^text\/plain/.test(contentType(head)) ? engineIoPayloadContent : controlContent),
    webSocketMessage: controlContent,
  },
  jsonBatches: handBuiltHttp({ type: /^application\/json/, decoder: jsonBatchContent }, 'http'),
  eventStream: handBuiltHttp({ type: /^text\/event-stream/, decoder: eventStreamContent }, 'event-stream'),
  /**
   * sse-h2: HTTP/2 frames both ways from the preface on. Up, the only bodies are the POSTs' (/send's one
   * message, /close has none); down, the only body is the event stream's (the POSTs' 204s have none).
   * An error's text body (404, 413) would read as an event stream: none comes in a sound exchange.
   */
  eventStreamHttp2: {
    midStream: () => 'http2-frames',
    httpBody: () => controlContent,
    webSocketMessage: controlContent,
    http2Data: (direction) => (direction === 'up' ? messageContent : eventStreamContent),
  },
} satisfies Record<string, WireProfile>;

/** How to read the bytes of a transport whose descriptor frames them so. */
export function wireProfileFor(spec: WireSpec): WireProfile {
  switch (spec.kind) {
    case 'lines':
      return READERS.lines;
    case 'websocket-frames':
      return { envelope: READERS.envelopeFrames, 'engine.io': READERS.engineIoFrames, 'engine.io-raw': READERS.engineIoRawFrames, 'socket.io-msgpack': READERS.msgpackFrames }[spec.messages];
    case 'engine.io-polling':
      return READERS.engineIoPolling;
    case 'hand-built-http':
      if (spec.down === 'json-batch') return READERS.jsonBatches;
      return spec.http2 ? READERS.eventStreamHttp2 : READERS.eventStream;
  }
}

/** How to read the named transport's bytes (a cluster speaks to its clients as its one-process base does). */
export const wireProfileOf = (transport: string): WireProfile => wireProfileFor(transportNamed(transport).wire);
