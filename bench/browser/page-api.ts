import type { Frame } from 'playwright-core';
import type { BrowserSupport } from '../../transports/descriptor.ts';

/** Delivery as the page counts it (clients/browser/bench.js). */
export interface PageDelivery {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reordered: number;
}

export interface EchoParams {
  /** sender names are `${prefix}${index}` */
  prefix: string;
  count: number;
  maxMs: number;
  payloadBytes: number;
  replyTimeoutMs: number;
  record: boolean;
}

/**
 * The functions clients/browser/bench.js puts on `window.wb`, as Node calls them. Times are
 * microseconds read in the page; arrays of numbers cross the DevTools channel as JSON.
 */
export interface PageApi {
  /** the transport's connector, as its descriptor names it (with the short-polling interval, where it polls) */
  setup(connector: BrowserSupport & { pollIntervalMs?: number }): Promise<void>;
  open(count: number): Promise<void>;
  closeAll(): Promise<void>;
  echo(params: EchoParams): Promise<{ rtts: number[]; delivery: PageDelivery }>;
  fanoutListen(broadcasts: number): void;
  fanoutSend(params: { broadcasts: number; payloadBytes: number; gapMs: number }): Promise<void>;
  fanoutResult(
    settleMs: number,
  ): Promise<{ first: (number | null)[]; last: (number | null)[]; delivery: Omit<PageDelivery, 'sent' | 'lost'> }>;
  exchanges(size: number, count: number, replyTimeoutMs: number, settleMs: number): Promise<number>;
  show(text: string): void;
}

type Fn = (...args: unknown[]) => unknown;

/** Calls `window.wb[name](...args)` in the page and returns its (awaited) result. */
export function callPage<K extends keyof PageApi>(
  page: Frame,
  name: K,
  ...args: Parameters<PageApi[K]>
): Promise<Awaited<ReturnType<PageApi[K]>>> {
  // runs in the page: it may use nothing from this module's scope
  const run = ({ name, args }: { name: string; args: unknown[] }) => {
    const api = (window as unknown as { wb: Record<string, Fn> }).wb;
    const fn = api[name];
    if (!fn) throw new Error(`the page has no wb.${name}`);
    return fn(...args);
  };
  return page.evaluate(run, { name, args: args as unknown[] }) as Promise<Awaited<ReturnType<PageApi[K]>>>;
}
