import type { ClientConnection } from '../../clients/transport.ts';
import type { Envelope } from '../../protocol/envelope.ts';
import { binaryMessage, messageMaker, type PayloadKind } from '../../protocol/payload.ts';

/** Sends one message of the run's payload kind and size, the header made of `e`, on `conn`. */
export type MessageSender = (conn: ClientConnection | undefined, e: Omit<Envelope, 'body'>, sizeBytes: number) => void;

/**
 * The sender for a payload kind: text kinds through send(), binary through sendBinary() (the CLI lets
 * `binary` run only with transports whose descriptor has binaryMessages, whose clients have it).
 */
export function messageSender(kind: PayloadKind = 'padding'): MessageSender {
  if (kind === 'binary') return (conn, e, size) => conn?.sendBinary?.(binaryMessage(e, size));
  const make = messageMaker(kind);
  return (conn, e, size) => conn?.send(make(e, size));
}
