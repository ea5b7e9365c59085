import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSPORTS } from '../transports/registry.ts';

/** Every transport a browser page has a client for (its descriptor names a connector). */
const PAGE_TRANSPORTS = TRANSPORTS.filter((t) => t.browser !== undefined).map((t) => t.name);

const ROOT = join(import.meta.dirname, '..');

interface Serving {
  child: ChildProcess;
  /** the first stdout line, or undefined when the process ended first */
  url: Promise<string | undefined>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

/** `npm run serve -- ...args` as its own process; a test ends it with SIGINT as a person would. */
function serve(args: string[]): Serving {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/cli/serve.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('close', (code) => resolve({ code, stderr })));
  const url = new Promise<string | undefined>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    void exit.then(() => resolve(undefined));
  });
  return { child, url, exit };
}

const running: Serving[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill('SIGINT');
    await s.exit;
  }
});

function started(args: string[]): Serving {
  const s = serve(args);
  running.push(s);
  return s;
}

describe('npm run serve', () => {
  it.each(PAGE_TRANSPORTS)('%s: serves the page and its scripts from the transport\'s own server', async (transport) => {
    const url = await started([transport, '--port', '0']).url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain(`data-transport="${transport}"`);
    for (const asset of ['app.js', 'connect.js', 'page.css']) {
      expect((await fetch(new URL(`_wirebench/${asset}`, url))).status, asset).toBe(200);
    }
    if (transport.startsWith('socketio')) {
      // the browser client comes from the socket.io server itself, through the same wrapped listener
      expect((await fetch(new URL('socket.io/socket.io.js', url))).status).toBe(200);
    }
  });

  it('stops on SIGINT with exit code 0', async () => {
    const s = serve(['ws', '--port', '0']);
    await s.url;
    s.child.kill('SIGINT');
    expect((await s.exit).code).toBe(0);
  });

  it('serves tcp without a page, and says why', async () => {
    const s = started(['tcp', '--port', '0']);
    expect(await s.url).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    s.child.kill('SIGINT');
    expect((await s.exit).stderr).toContain('a browser cannot open a raw TCP socket');
  });

  describe('refuses in one line with exit code 2', () => {
    let holder: Server | undefined;
    afterEach(() => holder?.close());

    it.each([
      [['nope'], /unknown transport 'nope'/],
      [[], /name one transport/],
      [['ws', '--port', 'abc'], /--port must be a whole number/],
      [['ws', '--port', '70000'], /--port must be a whole number/],
      [['ws', '--bogus'], /Unknown option '--bogus'/],
    ])('%j', async (args, message) => {
      const { code, stderr } = await serve(args).exit;
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });

    it.each(['ws', 'sse', 'tcp'])('a port in use (%s)', async (transport) => {
      holder = createServer();
      await new Promise<void>((resolve) => holder?.listen(0, '127.0.0.1', resolve));
      const { port } = holder.address() as AddressInfo;
      const { code, stderr } = await serve([transport, '--port', String(port)]).exit;
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(`wirebench serve: port ${port} on 127.0.0.1 is in use; try another --port, or 0 for any free one`);
    });
  });
});
