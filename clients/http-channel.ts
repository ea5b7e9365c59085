import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';

export interface HttpReply {
  status: number;
  body: string;
}

/**
 * One keep-alive HTTP connection to the server (an http.Agent with a single socket), as an HTTP
 * transport's client uses for one direction. A single socket keeps requests in order: two sockets
 * could deliver two POSTs in either order.
 */
export class HttpChannel {
  /**
   * TCP keep-alive probes after 45 s idle, as Chromium sets them, not http.Agent's 1 s: on Node 22 and
   * later (libuv probes every keepAliveMsecs once idle, and gives up after 10 unanswered) 100,000 idle
   * long-poll clients sent 70,000 probes a second here, and under that load unanswered ones aborted
   * 16,658 idle connections with ETIMEDOUT in six minutes
   */
  readonly #agent = new Agent({ keepAlive: true, keepAliveMsecs: 45_000, maxSockets: 1 });
  #drops = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    /** the source address its socket is bound to (a large point spreads its load over several) */
    private readonly localAddress?: string,
  ) {}

  /**
   * One request and its whole reply. A request written on a kept-alive socket the server had just closed
   * (its keepAliveTimeout ran out while this side was busy) fails with ECONNRESET before the server
   * read it: it is sent once more on a new socket, as Node's docs for `request.reusedSocket` do it and as
   * browsers do. Without that, a long-poll client on a starved load process lost its poll and, with it,
   * the connection (50,000 longpoll clients on six load processes here).
   */
  request(method: 'GET' | 'POST', path: string, body?: string, retried = false): Promise<HttpReply> {
    // a socket this side cut (drop(), a network failure played) is a loss for the transport to recover from, not a retry
    const drops = this.#drops;
    return new Promise((resolve, reject) => {
      const headers = body === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' };
      const { host, port, localAddress } = this;
      const req = request({ host, port, method, path, agent: this.#agent, headers, ...(localAddress === undefined ? {} : { localAddress }) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE';
        if (!retried && req.reusedSocket && reset && drops === this.#drops) this.request(method, path, body, true).then(resolve, reject);
        else reject(error);
      });
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  /**
   * Destroys the socket at once, mid-request or idle, as a network failure would: a pending request
   * fails. The agent stays usable: the next request opens a new socket.
   */
  drop(): void {
    this.#drops++;
    for (const list of [this.#agent.sockets, this.#agent.freeSockets]) {
      for (const sockets of Object.values(list)) for (const socket of sockets ?? []) socket.destroy();
    }
  }
}

/** A client id for the HTTP transports, which have no connection of their own to name a client by. */
export function newClientId(): string {
  return randomBytes(12).toString('base64url');
}

export function expectStatus(reply: HttpReply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${reply.body}`.trim());
}
