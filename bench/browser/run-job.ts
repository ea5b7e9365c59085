import type { LoadHealth, LoadJob, LoadResult } from '../../protocol/control.ts';
import { nowUs } from '../../protocol/envelope.ts';
import { LoopMonitor } from '../../protocol/loop-monitor.ts';
import type { LoadHooks } from '../processes/load-process.ts';
import { scenarioNamed } from '../scenarios/registry.ts';
import { launchBrowser } from './launch.ts';
import { descendantsCpuUs } from './process-cpu.ts';
import { BrowserSession } from './session.ts';
import { browserSkipReason } from './support.ts';

export interface BrowserHooks extends LoadHooks {
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
  const scenario = await scenarioNamed(job.scenario).browser?.();
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
    const output = await scenario({ job, sizes: job.sizes, session, mark, capture: hooks.capture });
    return { ...output, health };
  } finally {
    await session.close();
    await browser.close();
  }
}
