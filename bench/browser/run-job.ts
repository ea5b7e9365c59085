import type { CaptureAction, LoadHealth, LoadJob, LoadResult } from '../../protocol/control.ts';
import { nowUs } from '../../protocol/envelope.ts';
import { LoopMonitor } from '../../protocol/loop-monitor.ts';
import { browserEcho } from './echo.ts';
import { browserFanout } from './fanout.ts';
import { launchBrowser } from './launch.ts';
import { descendantsCpuUs } from './process-cpu.ts';
import type { BrowserScenario } from './scenario.ts';
import { BrowserSession } from './session.ts';
import { browserSkipReason } from './support.ts';
import { browserWire } from './wire.ts';

const SCENARIOS: Record<string, BrowserScenario> = { echo: browserEcho, fanout: browserFanout, wire: browserWire };

export interface BrowserHooks {
  mark(name: string): Promise<void>;
  capture(name: string, action: CaptureAction): Promise<void>;
  /** Chromium to start; default /usr/bin/chromium */
  executablePath?: string;
}

/**
 * Runs one load job with Chromium as the client: a fresh browser, the job's scenario in its pages, the
 * browser closed again. The load health is the browser's: the CPU of every Chromium process over the
 * measured window (pinned with this process, when the orchestrator pins), and this driver's event loop.
 */
export async function runBrowserJob(job: LoadJob, hooks: BrowserHooks): Promise<LoadResult> {
  const reason = browserSkipReason(job);
  const scenario = SCENARIOS[job.scenario];
  if (reason || !scenario) throw new Error(reason ?? `no browser scenario '${job.scenario}'`);
  const loop = new LoopMonitor();
  let window: { atUs: number; cpuUs: number } | undefined;
  let health: LoadHealth = { elapsedUs: 0, cpuUs: 0, loopDelayP99Us: 0, loopDelayMaxUs: 0 };
  const cpuUs = () => {
    const own = process.cpuUsage();
    return descendantsCpuUs() + own.user + own.system;
  };
  const mark = async (name: string) => {
    if (name === 'end' && window) {
      const delay = loop.take();
      health = { elapsedUs: nowUs() - window.atUs, cpuUs: cpuUs() - window.cpuUs, loopDelayP99Us: delay.p99Us, loopDelayMaxUs: delay.maxUs };
    }
    await hooks.mark(name);
    if (name === 'start') {
      loop.take();
      window = { atUs: nowUs(), cpuUs: cpuUs() };
    }
  };
  const browser = await launchBrowser(hooks.executablePath);
  const session = new BrowserSession(browser, job.transport, job.host, job.port);
  try {
    const result = await scenario({ job, session, mark, capture: hooks.capture });
    return { ...result, health };
  } finally {
    await session.close();
    await browser.close();
  }
}
