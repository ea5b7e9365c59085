import type { Server, Socket } from 'node:net';
import type { OwnListener } from './transport.ts';

export interface ByteCounts {
  /** bytes the server read from its sockets: what clients sent upstream */
  bytesRead: number;
  /** bytes the server wrote to its sockets: what went downstream */
  bytesWritten: number;
  connectionsAccepted: number;
  connectionsOpen: number;
}

/**
 * Counts the bytes of every TCP connection a server accepts, whatever rides on it (WebSocket upgrade,
 * long-poll request, SSE stream, socket.io polling). Written once for every transport: each one only
 * hands over its listening server, so no transport can under-count its own cost.
 */
export class ByteMeter {
  readonly #live = new Set<Socket>();
  #closedRead = 0;
  #closedWritten = 0;
  #accepted = 0;
  #baseline: ByteCounts = { bytesRead: 0, bytesWritten: 0, connectionsAccepted: 0, connectionsOpen: 0 };
  /** only set while a capture window is open: with none, tracking a socket costs one test of this field */
  #capture: CaptureWindow | undefined;

  /** a server that counts its own bytes (OwnListener), read with the sockets this meter tracks */
  #own: OwnListener | undefined;

  attach(server: Server | OwnListener): void {
    if ('counts' in server) this.#own = server;
    else server.on('connection', (socket: Socket) => this.#track(socket));
  }

  #track(socket: Socket): void {
    this.#accepted++;
    this.#live.add(socket);
    this.#capture?.watch(socket);
    socket.once('close', () => {
      this.#closedRead += socket.bytesRead;
      this.#closedWritten += socket.bytesWritten;
      this.#live.delete(socket);
    });
  }

  #absolute(): ByteCounts {
    let bytesRead = this.#closedRead;
    let bytesWritten = this.#closedWritten;
    for (const s of this.#live) {
      bytesRead += s.bytesRead;
      bytesWritten += s.bytesWritten;
    }
    const own = this.#own?.counts();
    if (own) return { bytesRead: bytesRead + own.bytesRead, bytesWritten: bytesWritten + own.bytesWritten, connectionsAccepted: this.#accepted + own.connectionsAccepted, connectionsOpen: this.#live.size + own.connectionsOpen };
    return { bytesRead, bytesWritten, connectionsAccepted: this.#accepted, connectionsOpen: this.#live.size };
  }

  /** Counts since the last reset (open connections are a level, not a count, and are not reset). */
  read(): ByteCounts {
    const now = this.#absolute();
    return {
      bytesRead: now.bytesRead - this.#baseline.bytesRead,
      bytesWritten: now.bytesWritten - this.#baseline.bytesWritten,
      connectionsAccepted: now.connectionsAccepted - this.#baseline.connectionsAccepted,
      connectionsOpen: now.connectionsOpen,
    };
  }

  reset(): void {
    this.#baseline = this.#absolute();
  }

  /**
   * Opens a capture window (closing any open one): from now, every socket, open already or accepted
   * later, keeps the first `limitBytes` it reads and writes. For attributing bytes to protocol parts
   * (bench/wire/breakdown.ts), not for timing: a captured socket copies what it moves, and an HTTP
   * socket stays on Node's JS parser path for the rest of its life (see SocketRecorder).
   */
  startCapture(limitBytes = DEFAULT_CAPTURE_BYTES): void {
    this.stopCapture();
    this.#capture = new CaptureWindow(limitBytes);
    for (const socket of this.#live) this.#capture.watch(socket);
  }

  /** The open window's captures so far, one per socket, in the order the sockets were first seen. */
  captures(): SocketCapture[] {
    return this.#capture?.captures() ?? [];
  }

  /** Closes the window, takes the hooks off every socket and returns what it captured. */
  stopCapture(): SocketCapture[] {
    const window = this.#capture;
    this.#capture = undefined;
    return window?.stop() ?? [];
  }
}

/** Enough for the largest message of the payload sweep (64 KiB) with its HTTP or WebSocket framing. */
export const DEFAULT_CAPTURE_BYTES = 80 * 1024;

/** What one socket read and wrote while a capture window was open. */
export interface SocketCapture {
  /** the socket's place in the window, in the order sockets were first seen */
  socket: number;
  /** the first bytes read in the window, as they came from the kernel */
  read: Buffer;
  /** the first bytes written in the window, as they went to the kernel */
  written: Buffer;
  /** every byte read in the window, captured or not: larger than read.length when the capture was cut */
  bytesRead: number;
  bytesWritten: number;
}

class CaptureWindow {
  readonly #recorders = new Map<Socket, SocketRecorder>();

  constructor(private readonly limit: number) {}

  watch(socket: Socket): void {
    if (!this.#recorders.has(socket)) this.#recorders.set(socket, new SocketRecorder(socket, this.#recorders.size, this.limit));
  }

  captures(): SocketCapture[] {
    return [...this.#recorders.values()].map((r) => r.capture());
  }

  stop(): SocketCapture[] {
    for (const r of this.#recorders.values()) r.unhook();
    return this.captures();
  }
}

type WriteCallback = (error?: Error | null) => void;

const recorded = new WeakSet<Socket>();

/**
 * Whether a capture window has hooked this socket. A server whose library would take the socket's
 * handle away from JS (node:http2 reads and writes it in C++, past every hook) asks, to keep a recorded
 * socket on a path where its bytes pass through JS (servers/http2-server.ts).
 */
export const isRecorded = (socket: Socket): boolean => recorded.has(socket);

function bytesOf(chunk: unknown, encoding: BufferEncoding | undefined): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk), encoding ?? 'utf8');
}

/**
 * Hooks one socket where its bytes are still bytes: `push` (reads, before any setEncoding decodes
 * them and before an upgrade handler unshifts them a second time) and `_write`/`_writev` (every write,
 * end(chunk) included, as handed to the kernel). These are the stream hooks bytesRead and
 * bytesWritten count at, so the capture and the counters agree.
 */
class SocketRecorder {
  readonly #read = new Recording();
  readonly #written = new Recording();
  readonly #noop = () => {};

  constructor(
    private readonly socket: Socket,
    private readonly index: number,
    limit: number,
  ) {
    this.#read.limit = limit;
    this.#written.limit = limit;
    recorded.add(socket);
    const push = socket.push.bind(socket);
    const write = socket._write.bind(socket);
    const writev = socket._writev?.bind(socket);
    socket.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk !== null && chunk !== undefined) this.#read.add(bytesOf(chunk, encoding));
      return push(chunk, encoding);
    };
    socket._write = (chunk: unknown, encoding: BufferEncoding, callback: WriteCallback) => {
      this.#written.add(bytesOf(chunk, encoding));
      write(chunk, encoding, callback);
    };
    if (writev) {
      socket._writev = (chunks: Array<{ chunk: unknown; encoding: BufferEncoding }>, callback: WriteCallback) => {
        for (const { chunk, encoding } of chunks) this.#written.add(bytesOf(chunk, encoding));
        writev(chunks, callback);
      };
    }
    // node:http parses in C++ straight off the handle, where `push` never sees the bytes; Node
    // hands reads back to JS as soon as anyone listens for 'data', and this listener is that someone
    socket.on('data', this.#noop);
  }

  unhook(): void {
    // the hooks are own properties shadowing the prototype's: deleting them restores the originals
    const own = this.socket as unknown as Record<string, unknown>;
    delete own['push'];
    delete own['_write'];
    delete own['_writev'];
    this.socket.off('data', this.#noop);
  }

  capture(): SocketCapture {
    return {
      socket: this.index,
      read: this.#read.bytes(),
      written: this.#written.bytes(),
      bytesRead: this.#read.total,
      bytesWritten: this.#written.total,
    };
  }
}

class Recording {
  limit = 0;
  total = 0;
  readonly #chunks: Buffer[] = [];
  #kept = 0;

  add(chunk: Uint8Array): void {
    this.total += chunk.length;
    const room = this.limit - this.#kept;
    if (room <= 0) return;
    // a copy: a writer may reuse its buffer once the write is done
    const kept = Buffer.from(chunk.subarray(0, room));
    this.#chunks.push(kept);
    this.#kept += kept.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}
