import { measuredPoints, type RunRecord } from '../../results/run-record.ts';

/** The suite's own measuring libraries (hdr-histogram-js and what it loads): in every load process, no transport's. */
const SUITE_LIBRARIES = new Set(['hdr-histogram-js', '@assemblyscript/loader', 'base64-js', 'pako']);
/** Native add-ons a WebSocket library uses when they are installed: whether they were loaded is worth its own column. */
const ADD_ONS = ['bufferutil', 'utf-8-validate'];

const listed = (packages: Record<string, string[]> | undefined) =>
  Object.entries(packages ?? {})
    .filter(([name]) => !SUITE_LIBRARIES.has(name))
    .map(([name, versions]) => `${name} ${versions.join(' + ')}`)
    .join(', ') || '–';

/**
 * Per transport, every library its measured processes really loaded, with the version each loaded (read
 * from the modules in memory at the end of a point, not from package.json at the top: socket.io's server
 * runs the ws that engine.io pins), and whether the native add-ons were among them.
 */
export function loadedLibrariesSection(run: RunRecord): string[] {
  const byTransport = new Map<string, { server?: Record<string, string[]>; load?: Record<string, string[]> }>();
  for (const p of measuredPoints(run)) {
    if (p.client !== 'node' || byTransport.has(p.transport)) continue;
    byTransport.set(p.transport, { ...(p.serverPackages ? { server: p.serverPackages } : {}), ...(p.result.packages ? { load: p.result.packages } : {}) });
  }
  if (![...byTransport.values()].some((v) => v.server || v.load)) return [];
  const addOns = (packages: Record<string, string[]> | undefined) => ADD_ONS.filter((a) => packages?.[a]).join(', ') || 'none';
  return [
    '### Libraries each transport ran',
    '',
    'Read from the modules each measured process had in memory at the end of its first point (server and load process apart).',
    '',
    '| transport | server process | load process | native add-ons loaded (server / load) |',
    '|---|---|---|---|',
    ...[...byTransport].map(([transport, { server, load }]) => `| ${transport} | ${listed(server)} | ${listed(load)} | ${addOns(server)} / ${addOns(load)} |`),
    '',
  ];
}
