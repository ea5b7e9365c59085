import { DEFAULT_RUNTIME, findRuntime } from './catalog.ts';
import { packageDir } from './install.ts';
import { existsSync } from 'node:fs';
import { resolveRuntime, type Runtime } from './resolve.ts';

/**
 * Every runtime a run names, installed (saying so on stderr, since ~50 MB takes a while) and started
 * once to read its version, in the order named. Throws the first one's usage error.
 */
export function prepareRuntimes(names: readonly string[] = [DEFAULT_RUNTIME], quiet = false): Runtime[] {
  return names.map((name) => {
    const source = findRuntime(name)?.source;
    if (!quiet && source && 'package' in source && name !== DEFAULT_RUNTIME && !existsSync(packageDir(source.package, source.version))) {
      process.stderr.write(`installing runtime ${name} (${source.package}@${source.version}) from the npm registry, once…\n`);
    }
    return resolveRuntime(name);
  });
}
