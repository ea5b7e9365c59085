import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root; a bundled child (see child-bundle.ts) is told it, since its own file lives elsewhere. */
export const ROOT = process.env['WIREBENCH_ROOT'] ?? dirname(dirname(dirname(fileURLToPath(import.meta.url))));
