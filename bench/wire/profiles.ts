import {
  controlContent,
  engineIoPacketContent,
  engineIoPayloadContent,
  eventStreamContent,
  jsonBatchContent,
  messageContent,
  type ContentDecoder,
} from './content.ts';
import type { BodyDecoderFor } from './frames.ts';

/** How a capture that does not begin with an HTTP message is framed: the socket was open before it. */
export type MidStream = 'http' | 'websocket' | 'tcp' | 'event-stream';

export type Direction = 'up' | 'down';

/** What one transport puts where, so the breakdown can read its captures. */
export interface WireProfile {
  midStream(direction: Direction): MidStream;
  /** decoder for an HTTP body (upstream: a request's; downstream: a response's) */
  httpBody: BodyDecoderFor;
  /** decoder for a WebSocket data message */
  webSocketMessage: ContentDecoder;
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
  midStream: () => 'websocket',
  httpBody: () => controlContent,
  webSocketMessage,
});

/** Transport name -> how to read its bytes; a transport without a profile cannot be broken down. */
export const WIRE_PROFILES: Record<string, WireProfile> = {
  tcp: { midStream: () => 'tcp', httpBody: () => controlContent, webSocketMessage: controlContent },
  ws: webSocket(messageContent),
  websocket: webSocket(messageContent),
  socketio: webSocket(engineIoPacketContent),
  'socketio-polling': {
    midStream: () => 'http',
    // engine.io answers a POST with `ok` as text/html; every payload it sends is text/plain
    httpBody: (head) =>
      head.path !== undefined || /^text\/plain/.test(contentType(head)) ? engineIoPayloadContent : controlContent,
    webSocketMessage: controlContent,
  },
  longpoll: handBuiltHttp({ type: /^application\/json/, decoder: jsonBatchContent }, 'http'),
  polling: handBuiltHttp({ type: /^application\/json/, decoder: jsonBatchContent }, 'http'),
  sse: handBuiltHttp({ type: /^text\/event-stream/, decoder: eventStreamContent }, 'event-stream'),
};
// a cluster speaks to its clients exactly as its single-process transport does (Redis is behind the servers)
WIRE_PROFILES['socketio-redis'] = WIRE_PROFILES['socketio'] as WireProfile;
WIRE_PROFILES['ws-redis'] = WIRE_PROFILES['ws'] as WireProfile;
