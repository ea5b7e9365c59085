import { describe, expect, it } from 'vitest';
import { npmBannerNote, takeJsonFlag } from '../bench/cli/json-flag.ts';
import { WirebenchError } from '../bench/errors.ts';

describe('--json', () => {
  it('alone is stdout; with a file, there; the rest of argv is left as it was', () => {
    expect(takeJsonFlag(['--quiet', '--json'], { separateValue: true })).toEqual({ rest: ['--quiet'], json: { to: 'stdout' } });
    expect(takeJsonFlag(['--json', 'rows.json', '--quiet'], { separateValue: true })).toEqual({ rest: ['--quiet'], json: { to: 'file', path: 'rows.json' } });
    expect(takeJsonFlag(['--json=rows.json'], { separateValue: false })).toEqual({ rest: [], json: { to: 'file', path: 'rows.json' } });
    expect(takeJsonFlag(['--json', '--out', 'x'], { separateValue: true })).toEqual({ rest: ['--out', 'x'], json: { to: 'stdout' } });
    expect(takeJsonFlag(['--json=-'], { separateValue: true })).toEqual({ rest: [], json: { to: 'stdout' } });
    expect(takeJsonFlag(['--out', 'x'], { separateValue: true })).toEqual({ rest: ['--out', 'x'] });
  });

  it('never takes a positional argument as its file where the command has them (compare a.json b.json)', () => {
    expect(takeJsonFlag(['--json', 'a.json', 'b.json'], { separateValue: false })).toEqual({ rest: ['a.json', 'b.json'], json: { to: 'stdout' } });
  });

  it('leaves what follows a lone -- alone (options for every bench run of an A/B comparison)', () => {
    expect(takeJsonFlag(['--json', '--', '--json'], { separateValue: false })).toEqual({ rest: ['--', '--json'], json: { to: 'stdout' } });
  });

  it('refuses it twice, and an empty file name', () => {
    expect(() => takeJsonFlag(['--json', '--json'], { separateValue: true })).toThrow(WirebenchError);
    expect(() => takeJsonFlag(['--json='], { separateValue: true })).toThrow(/names no file/);
  });

  it('says how to get JSON alone under npm run, whose banner is already on stdout', () => {
    const stdout = { to: 'stdout' } as const;
    expect(npmBannerNote(stdout, { npm_command: 'run' })).toMatch(/npm run -s/);
    expect(npmBannerNote(stdout, { npm_command: 'run', npm_config_loglevel: 'silent' })).toBeUndefined();
    expect(npmBannerNote(stdout, { npm_command: 'exec' })).toBeUndefined();
    expect(npmBannerNote({ to: 'file', path: 'x' }, { npm_command: 'run' })).toBeUndefined();
  });
});
