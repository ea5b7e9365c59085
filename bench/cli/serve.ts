/**
 * `npm run serve -- <transport> [--port N] [--host H]`: one transport's server alone, for people and
 * browsers, with a small page at / that measures round trips and is a chat room between tabs.
 * Prints the URL on stdout (one line, for scripts) and hints on stderr. Ctrl-C stops it.
 *
 * tcp gets its server but no page: a browser cannot open a raw TCP socket (only HTTP, WebSocket,
 * WebTransport), so a page could not talk to it. The server alone still serves people with nc.
 */
import { Server as HttpServer } from 'node:http';
import { Server as NetServer, createServer } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST } from '../../servers/listen.ts';
import { attachPage } from '../../servers/page/route.ts';
import { mountStatsEndpoint } from '../../servers/stats-endpoint.ts';
import { TRANSPORT_NAMES, findTransport } from '../../transports/registry.ts';
import { startServer } from '../../transports/start.ts';
import { usageError } from '../errors.ts';
import { thisRuntime } from '../runtimes/catalog.ts';
import { runIfEntry } from './run-command.ts';

/** A port people can remember; `--port 0` takes any free one (the tests do). */
const DEFAULT_PORT = 8080;
const MAX_PORT = 65_535;

const USAGE = `Usage: wirebench serve <transport> [--port N] [--host H]      (or: npm run serve -- <transport> ...)

Starts one transport's server alone and serves a page at / that connects with the browser's own
client: live round-trip times, and a chat room between tabs.

  --port <n>   port to listen on, 0 for any free one (default: ${DEFAULT_PORT})
  --host <h>   address to listen on (default: ${DEFAULT_HOST})
  -h, --help   show this help

Transports: ${TRANSPORT_NAMES.join(', ')}
`;

function parse(argv: string[]): { transport: string; host: string; port: number } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', default: String(DEFAULT_PORT) },
        host: { type: 'string', default: DEFAULT_HOST },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const [transport, ...extra] = positionals;
  const known = TRANSPORT_NAMES.join(', ');
  if (transport === undefined || extra.length > 0) throw usageError(`name one transport: ${known}`);
  if (!findTransport(transport)) throw usageError(`unknown transport '${transport}'; choose from: ${known}`);
  // serve runs the server in this process, on whatever runs it: bun-ws needs Bun (`bun bench/cli/serve.ts bun-ws`)
  const unsupported = findTransport(transport)?.unsupportedOn?.(thisRuntime());
  if (unsupported) throw usageError(`'${transport}' cannot run here: ${unsupported}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > MAX_PORT) throw usageError(`--port must be a whole number from 0 to ${MAX_PORT}, got '${values.port}'`);
  return { transport, host: values.host, port };
}

/** Listens on host:port and closes again at once: whether startServer can have it, asked safely. */
function probe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return usageError(`port ${port} on ${host} is in use; try another --port, or 0 for any free one`);
    case 'EACCES':
      return usageError(`no permission to listen on port ${port} of ${host}`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return usageError(`cannot listen on host '${host}' (${error.code})`);
    default:
      return error;
  }
}

function url(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

async function serve(argv: readonly string[]): Promise<void> {
  const options = parse([...argv]);
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const { transport, host, port } = options;
  // tried first on a bare server: ws's WebSocketServer re-emits its http server's listen error as an
  // 'error' event nobody listens to, which would crash with a stack trace instead of saying why
  await probe(host, port).then(() => undefined, (error: NodeJS.ErrnoException) => {
    throw listenProblem(error, host, port);
  });
  const server = await startServer(transport, host, port).catch((error: NodeJS.ErrnoException) => {
    throw listenProblem(error, host, port);
  });
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const browser = findTransport(transport)?.browser;
  const listener = server.transport.listener;
  // a server that listens by itself (Bun.serve) has no node:net server to mount the page on
  const hasPage = browser !== undefined && listener instanceof NetServer && attachPage(listener, transport, browser);
  mountStatsEndpoint(server); // GET /_wirebench/stats, for load pointed here with `npm run bench -- --target`
  // a server that listens by itself (Bun.serve) speaks HTTP as node:http's do
  const http = listener instanceof HttpServer || !(listener instanceof NetServer);
  process.stderr.write(
    hasPage
      ? `serving '${transport}' alone: open the URL in two browser tabs to chat. Ctrl-C stops.\n` +
        // the page's own requests at http:// are HTTP/1.1; a browser speaks HTTP/2 only over TLS
        (browser?.tls ? `For HTTP/2 open ${url('https', host, server.port)}/ instead (a self-signed certificate, made now: accept the warning).\n` : '')
      : http
        ? `serving '${transport}' alone, with no page: the page has no browser client for it yet. Ctrl-C stops.\n`
        : `serving '${transport}' alone, with no page: a browser cannot open a raw TCP socket.\n` +
          `Try it with: nc ${host} ${server.port}   then type  b|me|1|0|hello  (one message a line). Ctrl-C stops.\n`,
  );
  // the URL last: once a script sees it, the server is up and Ctrl-C is handled
  process.stdout.write(http ? `${url('http', host, server.port)}/\n` : `${url('tcp', host, server.port)}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  await serve(argv);
  // the server keeps the process alive; Ctrl-C ends it (see stop)
  return new Promise<number>(() => {});
}

runIfEntry(import.meta.url, 'serve', main);
