import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { WirebenchError } from '../errors.ts';
import { bundledEntry } from './child-bundle.ts';
import { ROOT } from './root.ts';
import { runtimeArgs, type Runtime } from '../runtimes/resolve.ts';

export { ROOT };

/** The last bytes a child wrote to stderr, kept to explain why it failed. */
const STDERR_TAIL_BYTES = 2000;

let tasksetChecked: boolean | undefined;
export function canPin(): boolean {
  tasksetChecked ??= spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  return tasksetChecked;
}

export interface ForkOptions {
  /** pin the process (all its threads) to this CPU with taskset */
  cpu?: number;
  args?: string[];
  /** node flags besides the TypeScript loader, e.g. --expose-gc */
  nodeArgs?: string[];
  /** variables added to the inherited environment (e.g. where a service the server needs listens) */
  env?: Record<string, string>;
  /** the binary it runs on (bench/runtimes); absent: this process's own node */
  runtime?: Pick<Runtime, 'kind' | 'binary'>;
}

type Message = { t: string; id?: number };

/** What a child said when it failed (wb:fatal), with the child's own stack where it sent one. */
function childFailure(m: { message?: string; stack?: string }): Error {
  const error = new Error(m.message ?? 'fatal');
  if (m.stack) error.stack = m.stack;
  return error;
}

/**
 * A child process of the suite (a server or a load process) with typed request/response over IPC.
 * It runs as a bundle (child-bundle.ts) or, failing that, through tsx; cwd is the project root so
 * `--import tsx` resolves from any caller.
 */
export class Child {
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  #stderr = '';
  #nextId = 1;
  #exitCode: number | null | undefined;

  constructor(modulePath: string, options: ForkOptions = {}) {
    const pinned = options.cpu !== undefined && canPin();
    const bundle = bundledEntry(ROOT, modulePath);
    const runtime = options.runtime ?? { kind: 'node', binary: process.execPath };
    const nodeArgs = runtimeArgs(runtime, options.nodeArgs ?? [], !bundle);
    this.process = fork(bundle ?? modulePath, options.args ?? [], {
      cwd: ROOT,
      env: { ...process.env, ...options.env, WIREBENCH_ROOT: ROOT },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // JSON over the channel: the one serialization Node and Bun children both speak (advanced is Node's own)
      serialization: 'json',
      // taskset execs the runtime in place, so the pin covers every thread it will ever start
      ...(pinned
        ? { execPath: 'taskset', execArgv: ['-c', String(options.cpu), runtime.binary, ...nodeArgs] }
        : { execPath: runtime.binary, execArgv: nodeArgs }),
    });
    this.process.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.#exitCode = code ?? (signal ? -1 : null);
        resolve(this.#exitCode);
      });
    });
  }

  get running(): boolean {
    return this.#exitCode === undefined;
  }

  /** Why the child died, in one line: its exit code and the last line it wrote to stderr. */
  describeExit(): string {
    const lastLine = this.#stderr.trim().split('\n').pop() ?? '';
    return `exited with code ${this.#exitCode ?? '?'}${lastLine ? `: ${lastLine}` : ''}`;
  }

  send(message: object): void {
    if (this.process.connected) this.process.send(message);
  }

  /** Waits for the first message of a type; rejects when the child exits or the time runs out. */
  waitFor<T extends Message>(type: string, timeoutMs: number, id?: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: Message) => {
        if (m.t === 'wb:fatal') return finish(() => reject(childFailure(m as { message?: string; stack?: string })));
        if (m.t === type && (id === undefined || m.id === id)) finish(() => resolve(m as T));
      };
      const onExit = () => finish(() => reject(new Error(this.describeExit())));
      const timer = setTimeout(() => finish(() => reject(new WirebenchError('WB_TIMEOUT', `no '${type}' within ${timeoutMs} ms`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
        settle();
      };
      this.process.on('message', onMessage);
      this.process.once('exit', onExit);
      if (!this.running) onExit();
    });
  }

  /** Sends a request carrying a fresh id and waits for the reply of the same type and id. */
  request<T extends Message>(message: { t: string }, timeoutMs: number): Promise<T> {
    const id = this.#nextId++;
    const reply = this.waitFor<T>(message.t, timeoutMs, id);
    this.send({ ...message, id });
    return reply;
  }

  /** Ends the child: SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async kill(graceMs = 2000): Promise<void> {
    if (!this.running) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
