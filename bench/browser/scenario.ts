import type { CaptureAction, LoadJob } from '../../protocol/control.ts';
import type { ScenarioResult } from '../scenarios/scenario.ts';
import type { BrowserSession } from './session.ts';

/**
 * What a browser scenario gets: the job, the pages, and the same marks and capture windows as a Node
 * scenario (bench/scenarios/scenario.ts LoadContext). It returns the same result shape, so the Node
 * scenario's figures() turn it into the same rows with client=browser.
 */
export interface BrowserLoad {
  readonly job: LoadJob;
  readonly session: BrowserSession;
  mark(name: string): Promise<void>;
  capture(name: string, action: CaptureAction): Promise<void>;
}

export type BrowserScenario = (load: BrowserLoad) => Promise<ScenarioResult>;
