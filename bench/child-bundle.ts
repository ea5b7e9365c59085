import { buildSync } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

/**
 * Child entries bundled into one plain ES module each, so a child starts as plain node: through tsx a
 * process takes about 0.9 s to start here (bare node 0.2 s), and a point starts two or three of them.
 * Bundled once per orchestrator process, fresh from the sources every time (esbuild takes ~0.1 s);
 * packages stay external and load from node_modules as usual. Any failure falls back to tsx.
 */
const bundles = new Map<string, string | undefined>();

export function bundledEntry(root: string, modulePath: string): string | undefined {
  if (process.env['WIREBENCH_NO_BUNDLE']) return undefined;
  if (bundles.has(modulePath)) return bundles.get(modulePath);
  let outfile: string | undefined;
  try {
    const name = relative(root, modulePath).replace(/[^\w.-]+/g, '_').replace(/\.ts$/, '');
    // inside the project, so that node resolves the external packages from its node_modules
    const dir = join(root, 'node_modules', '.cache', 'wirebench');
    const result = buildSync({
      entryPoints: [modulePath],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error('esbuild wrote nothing');
    mkdirSync(dir, { recursive: true });
    // named after its content: runs in parallel (tests) never overwrite a file another is about to start
    outfile = join(dir, `${name}-${createHash('sha1').update(code).digest('hex').slice(0, 12)}.mjs`);
    const temporary = `${outfile}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, outfile);
  } catch {
    outfile = undefined;
  }
  bundles.set(modulePath, outfile);
  return outfile;
}
