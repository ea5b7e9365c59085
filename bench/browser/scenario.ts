import type { CaptureAction, LoadJob } from '../../protocol/control.ts';
import type { ScenarioOutput } from '../scenarios/scenario.ts';
import type { BrowserSession } from './session.ts';

/**
 * What a browser scenario gets: the job, its sizes, the pages, and the same marks and capture windows
 * as a Node scenario (bench/scenarios/scenario.ts LoadContext). It returns the same result, so the
 * scenario's figures() turn it into the same rows with client=browser.
 */
export interface BrowserLoad<Sizes = unknown> {
  readonly job: LoadJob;
  readonly sizes: Sizes;
  readonly session: BrowserSession;
  mark(name: string): Promise<void>;
  capture(name: string, action: CaptureAction): Promise<void>;
}

/**
 * A scenario's load as a page runs it. Declared through a method so that its parameter is checked
 * bivariantly, as Scenario's own members are: a BrowserScenario<EchoSizes> is a BrowserScenario.
 */
export type BrowserScenario<Sizes = unknown, Data = unknown> = {
  run(load: BrowserLoad<Sizes>): Promise<ScenarioOutput<Data>>;
}['run'];
