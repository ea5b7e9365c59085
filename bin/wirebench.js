#!/usr/bin/env node
// `npx wirebench`: the sources are TypeScript, run as the npm scripts run them, through tsx's loader,
// in this same process (so signals and exit codes are the command's own).
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runWirebench } = await import('../bench/cli/wirebench.ts');
runWirebench(process.argv.slice(2));
