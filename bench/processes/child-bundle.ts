import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';

/**
 * Child entries bundled into plain ES modules, so a child starts as plain node: through tsx a process
 * took about 0.9 s to start here (bare node 0.1 s), and a point starts two or three of them. Code
 * splitting keeps each dynamically imported transport in a chunk of its own, so a server or load process
 * loads only its own transport's library (all of them hoisted to the top of one bundle cost ~0.3 s).
 * Built once per orchestrator process, fresh from the sources (esbuild takes ~0.1 s); packages stay
 * external and load from node_modules as usual. Any failure falls back to tsx.
 */
const bundles = new Map<string, string | undefined>();
const ENTRY_NAME = 'entry';

export function bundledEntry(root: string, modulePath: string): string | undefined {
  if (process.env['WIREBENCH_NO_BUNDLE']) return undefined;
  if (bundles.has(modulePath)) return bundles.get(modulePath);
  let entry: string | undefined;
  // inside the project, so that node resolves the external packages from its node_modules
  const dir = join(root, 'node_modules', '.cache', 'wirebench');
  const staging = join(dir, `.staging-${process.pid}-${bundles.size}`);
  try {
    const result = buildSync({
      entryPoints: { [ENTRY_NAME]: modulePath },
      bundle: true,
      splitting: true,
      outdir: staging,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const hash = createHash('sha1');
    for (const file of result.outputFiles) hash.update(relative(staging, file.path)).update(file.contents);
    const name = relative(root, modulePath).replace(/[^\w.-]+/g, '_').replace(/\.ts$/, '');
    // named after its content: runs in parallel (tests) never overwrite files another is about to start
    const final = join(dir, `${name}-${hash.digest('hex').slice(0, 12)}`);
    if (!existsSync(final)) {
      for (const file of result.outputFiles) {
        mkdirSync(dirname(file.path), { recursive: true });
        writeFileSync(file.path, file.contents);
      }
      try {
        renameSync(staging, final);
      } catch (error) {
        if (!existsSync(final)) throw error; // another process put the same bundle there first: fine
      }
    }
    entry = join(final, `${ENTRY_NAME}.js`);
  } catch {
    entry = undefined;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  bundles.set(modulePath, entry);
  return entry;
}
