/**
 * Colours, spinners and progress bars: only on a terminal, and never with
 * NO_COLOR (no-color.org) or `--no-color`. The terminal is a pseudo-terminal
 * from util-linux `script`; the check is for any escape sequence at all
 * (colour, cursor hiding, redraws).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root, weld } from './support.js';
import { findTool } from './support/registry.js';

const scriptTool = findTool('script');
const scratch = mkdtempSync(join(tmpdir(), 'weld-terminal-'));
const layout = join(scratch, 'layout');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a pull from a local layout prints on a pseudo-terminal (stdout and stderr both), with `env` and `extra` flags. */
function pullOnTerminal(env: NodeJS.ProcessEnv, extra: readonly string[]): string {
  const command = [process.execPath, bin, 'pull', layout, '-o', join(scratch, `${extra.length}-${Object.keys(env).length}.wasm`), ...extra].map((a) => `'${a}'`).join(' ');
  const result = spawnSync(scriptTool!, ['-qec', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', CI: '', ...env } });
  expect(result.status, result.stdout).toBe(0);
  return result.stdout;
}

describe.skipIf(scriptTool === undefined)('on a terminal (util-linux script is missing: skipped)', () => {
  beforeAll(() => {
    expect(weld('package', join(root, 'components', 'prebuilt', 'calc.wasm'), '-o', layout).status).toBe(0);
  });

  it('draws progress bars by default', () => {
    expect(pullOnTerminal({}, [])).toContain('\u001b[');
  });

  it('draws nothing but text with NO_COLOR', () => {
    const text = pullOnTerminal({ NO_COLOR: '1' }, []);
    expect(text).not.toContain('\u001b');
    expect(text).toMatch(/^pulled /m);
  });

  it('draws nothing but text with --no-color, before or after the command', () => {
    expect(pullOnTerminal({}, ['--no-color'])).not.toContain('\u001b');
    const before = spawnSync(scriptTool!, ['-qec', `'${process.execPath}' '${bin}' --no-color wit wit`, '/dev/null'], { cwd: root, encoding: 'utf8' });
    expect(before.stdout).toMatch(/^package weld:demo@0\.1\.0;/);
  });
});

it('lists --no-color in --help', () => {
  expect(weld('--help').stdout).toContain('--no-color');
});
