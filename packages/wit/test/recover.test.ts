/**
 * The recovering parser against the throwing one, by the public API: over
 * the golden corpus its first diagnostic is the error `weld wit` reports
 * (which the goldens hold equal to wasm-tools'), and over random mutations
 * of the corpus it always ends, never throws, and stays sorted and capped.
 * `checkWitFiles` reports every file's errors, then a resolve error.
 *
 * The library is imported by package name, so this tests the built `dist`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WitError, checkWitFiles, loadWitText, parseWitRecovering } from '@weld/wit';
import type { Diagnostic, WitInput } from '@weld/wit';
import { parsePackageFile } from '../src/parse/parse.js';
import { mutate, mutationArb } from './support/text-mutation.js';

const uiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'ui');
const failDir = join(uiDir, 'parse-fail');

/** Every `.wit` file of the corpus (those of folder cases included), as path and text. */
function corpusFiles(dir: string): { readonly path: string; readonly text: string }[] {
  const out: { path: string; text: string }[] = [];
  const stack = [dir];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    for (const entry of readdirSync(next, { withFileTypes: true })) {
      const path = join(next, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.wit')) out.push({ path, text: readFileSync(path, 'utf8') });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The diagnostic of the error the throwing path (`loadWitText`: parse, then resolve) reports, if any. */
function thrownError(path: string, text: string): Diagnostic | undefined {
  try {
    loadWitText(path, text);
    return undefined;
  } catch (error) {
    if (!(error instanceof WitError)) throw error;
    return error.toDiagnostic();
  }
}

/** Where a diagnostic starts in its file. */
function startOf(d: Diagnostic): number {
  return d.location?.kind === 'span' ? (d.location.start ?? -1) : -1;
}

/**
 * The checks every text must pass; returns whether it fails to parse. A
 * file that fails to parse fails `loadWitText` with that error; one that
 * parses may still fail it, at resolving, which the throwing parser tells.
 */
function checkAgainstThrowing(path: string, text: string): boolean {
  const { diagnostics } = parseWitRecovering(text, path);
  expect(diagnostics.length).toBeLessThanOrEqual(100);
  for (let i = 1; i < diagnostics.length; i++) expect(startOf(diagnostics[i]!)).toBeGreaterThanOrEqual(startOf(diagnostics[i - 1]!));
  const thrown = thrownError(path, text);
  if (diagnostics.length > 0) {
    expect(diagnostics[0]).toEqual(thrown);
    return true;
  }
  if (thrown !== undefined) expect(() => parsePackageFile(text, 0)).not.toThrow();
  return false;
}

describe('the corpus', () => {
  const failing = corpusFiles(failDir);
  const passing = corpusFiles(uiDir).filter((file) => !file.path.startsWith(failDir));

  it('finds the corpus', () => {
    expect(failing.length).toBeGreaterThan(150);
    expect(passing.length).toBeGreaterThan(100);
  });

  it('reports first, for every file that fails to parse, exactly what the throwing parser reports', () => {
    let parseFailures = 0;
    for (const { path, text } of failing) if (checkAgainstThrowing(path, text)) parseFailures++;
    // Most of the corpus fails later, at resolving; a good part at parsing.
    expect(parseFailures).toBeGreaterThan(50);
  });

  it('finds no error in a file that parses', () => {
    for (const { path, text } of passing) expect(checkAgainstThrowing(path, text)).toBe(false);
  });

  it('on random mutations: ends, never throws, capped and sorted, first the throwing error, none when it parses', () => {
    const texts = [...failing, ...passing];
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (i, mutations) => {
        checkAgainstThrowing('fuzz.wit', mutate(texts[i]!.text, mutations));
      }),
      // `WELD_PROPERTY_SCALE=20` makes a soak run, as in the other property tests.
      { numRuns: 500 * Math.max(1, Number(process.env['WELD_PROPERTY_SCALE'] ?? '1') || 1) },
    );
  });
});

const encoder = new TextEncoder();

function folder(files: Record<string, string>): WitInput {
  return { kind: 'folder', path: 'pkg', files: Object.entries(files).map(([path, text]) => ({ path: `pkg/${path}`, bytes: encoder.encode(text) })) };
}

describe('checkWitFiles', () => {
  it('reports the errors of every file, in file order', async () => {
    const check = await checkWitFiles(folder({
      'b.wit': 'interface j { f: func(x); g: func() -> ; }',
      'a.wit': 'package a:b;\ninterface i { type t = ; }\n',
    }));
    expect(check.loaded).toBeUndefined();
    expect(check.diagnostics.map((d) => [d.message, d.location?.kind === 'span' && d.location.path])).toEqual([
      ['expected a type, found \';\'', 'pkg/a.wit'],
      ['expected \':\', found \')\'', 'pkg/b.wit'],
      ['expected a type, found \';\'', 'pkg/b.wit'],
    ]);
  });

  it('reports the first resolve error once every file parses', async () => {
    const check = await checkWitFiles(folder({ 'a.wit': 'package a:b;\ninterface i { use nope.{t}; }\n' }));
    expect(check.diagnostics).toHaveLength(1);
    expect(check.diagnostics[0]!.message).toMatch(/nope/);
  });

  it('loads what has no error', async () => {
    const check = await checkWitFiles({ kind: 'file', path: 'a.wit', bytes: encoder.encode('package a:b;\ninterface i { type t = u32; }\n') });
    expect(check.diagnostics).toEqual([]);
    expect(check.loaded?.resolve.interfaces.map((i) => i.name)).toEqual(['i']);
  });

  it('reports what cannot be read instead of throwing', async () => {
    const notUtf8 = await checkWitFiles({ kind: 'file', path: 'a.wit', bytes: Uint8Array.from([0xff, 0xfe, 0x00]) });
    expect(notUtf8.diagnostics.map((d) => d.message)).toEqual(['input file is not valid utf-8 [a.wit]']);
    const encoded = await checkWitFiles({ kind: 'file', path: 'a.wasm', bytes: Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) });
    expect(encoded.diagnostics).toHaveLength(1);
  });
});
