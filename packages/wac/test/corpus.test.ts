/**
 * The golden syntax corpus: each `tests/parse/NAME.wac` either parses to the
 * tree in `NAME.wac.json` or fails with the rendered error in
 * `NAME.wac.err` (the CLI's renderer: message, `--> file:line:col`, the
 * line and a caret). `BLESS=1` rewrites the expectations.
 *
 * The library is imported by package name, so this tests the built `dist`
 * (run `npx tsc -b packages/wac` first).
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWac, printWac, WacError } from '@weld/wac';
import { renderWasmToolsDiagnostic } from '../../../cli/src/render-diagnostic.js';
import { withoutSpans } from './support/without-spans.js';

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'parse');
const cases = readdirSync(corpus).filter((name) => name.endsWith('.wac')).sort();
const bless = process.env['BLESS'] === '1';

/** The expectation of a case: its tree as JSON, or its rendered error. */
function outcome(name: string): { readonly file: string; readonly other: string; readonly text: string; readonly tree?: unknown } {
  const bytes = readFileSync(join(corpus, name));
  try {
    const tree = parseWac(bytes, name);
    return { file: `${name}.json`, other: `${name}.err`, text: `${JSON.stringify(tree, null, 2)}\n`, tree };
  } catch (error) {
    if (!(error instanceof WacError)) throw error;
    return { file: `${name}.err`, other: `${name}.json`, text: `${renderWasmToolsDiagnostic(error.toDiagnostic())}\n` };
  }
}

describe('the WAC syntax corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)('%s', (name) => {
    const result = outcome(name);
    const file = join(corpus, result.file);
    if (bless) {
      writeFileSync(file, result.text);
      rmSync(join(corpus, result.other), { force: true });
    }
    expect(existsSync(join(corpus, result.other)), `${result.other} expects the other outcome`).toBe(false);
    expect(result.text).toBe(readFileSync(file, 'utf8'));
    // A valid case prints back to text that parses to the same tree.
    if (result.tree !== undefined) {
      const printed = printWac(parseWac(readFileSync(join(corpus, name)), name));
      expect(withoutSpans(parseWac(printed, 'printed.wac'))).toEqual(withoutSpans(result.tree));
    }
  });
});
