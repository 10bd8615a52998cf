/**
 * `weld lsp` in a real editor: Debian's Neovim (0.7), headless, with its
 * built-in LSP client started on `weld lsp` by test/support/nvim-lsp.lua,
 * asking for a definition, a hover and a broken file's diagnostics. Skipped
 * where `nvim` is not installed (CI installs it: .ci/run's APT_PACKAGES).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bin, root } from './support.js';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const hasNvim = nvim.error === undefined && nvim.status === 0;
const dir = mkdtempSync(join(tmpdir(), 'weld-lsp-nvim-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasNvim)('weld lsp in Neovim (skipped: nvim is not installed)', () => {
  it('answers a definition, a hover and the diagnostics of a broken file', () => {
    const wit = join(dir, 'wit');
    cpSync(join(root, 'wit'), wit, { recursive: true });
    const broken = join(dir, 'broken');
    cpSync(join(root, 'wit'), broken, { recursive: true });
    writeFileSync(join(broken, 'calc.wit'), readFileSync(join(broken, 'calc.wit'), 'utf8').replace('record expr', 'recrd expr'));
    const out = join(dir, 'answers.json');
    const result = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(root, 'test', 'support', 'nvim-lsp.lua')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env, WELD_LSP_OUT: out, WELD_NODE: process.execPath, WELD_BIN: bin, WELD_ROOT: dir,
        WELD_FILE: join(wit, 'format.wit'), WELD_BROKEN: join(broken, 'calc.wit'),
      },
    });
    expect(result.error).toBeUndefined();
    const answers = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(answers.error).toBeUndefined();
    // `expr` in `equation: func(expression: expr, …)`: declared in calc.wit, brought in by a `use`.
    expect(answers.definition).toEqual({ uri: pathToFileURL(join(wit, 'calc.wit')).href, range: { start: { line: 13, character: 11 }, end: { line: 13, character: 15 } } });
    expect(answers.hover).toEqual({
      contents: { kind: 'markdown', value: '```wit\nrecord expr {\n  op: op,\n  lhs: f64,\n  rhs: f64,\n}\n```\n\nOne operation with both of its operands.' },
    });
    expect(answers.diagnostics).toEqual([{ message: "expected ':', found an identifier", lnum: 13, col: 10, end_lnum: 13, end_col: 11 }]);
  });
});
