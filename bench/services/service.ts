import { serviceEnv } from '../../servers/relay.ts';
import { startRedis } from './redis.ts';

/** A service the suite started for a point's servers, e.g. a private Redis. */
export interface RunningService {
  name: string;
  /** what the servers connect to, handed over in serviceEnv(name) */
  url: string;
  stop(): Promise<void>;
}

/** Service name (as a server module's cluster.services names it) -> how to start one. */
const SERVICES: Record<string, () => Promise<RunningService>> = {
  redis: startRedis,
};

/** The services a point needs, started, and the environment that tells its server processes where they are. */
export interface StartedServices {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startServices(names: readonly string[]): Promise<StartedServices> {
  const running: RunningService[] = [];
  const stop = async () => void (await Promise.allSettled(running.map((s) => s.stop())));
  try {
    for (const name of names) {
      const start = SERVICES[name];
      if (!start) throw new Error(`unknown service '${name}'`);
      running.push(await start());
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env: Object.fromEntries(running.map((s) => [serviceEnv(s.name), s.url])), stop };
}
