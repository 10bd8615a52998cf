/**
 * Checks of what the built `weld compose` wrote, shared by the end-to-end
 * compose tests (test/compose.test.ts, test/compose-run.test.ts).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { run, wasmTools, weld, type Run } from '../support.js';
import { validate } from './components.js';

/** Checks a composed file: valid for wasm-tools, and `weld inspect --wit` equals `wasm-tools component wit`. */
export function expectGoodOutput(file: string): void {
  const bytes = readFileSync(file);
  expect(validate(bytes), `wasm-tools validate ${file}`).toBeUndefined();
  const expected = run(wasmTools(), ['component', 'wit', file]);
  expect(expected.status).toBe(0);
  const actual = weld('inspect', '--wit', file);
  expect(actual.stderr).toBe('');
  expect(actual.stdout).toBe(expected.stdout);
}

/** Checks that a `weld` run succeeded without errors; returns it. */
export function expectOk(result: Run): Run {
  expect(result.stderr.split('\n').filter((l) => l.startsWith('error') || l.startsWith('internal'))).toEqual([]);
  expect(result.status).toBe(0);
  return result;
}

/** The imports of `world root` in WIT as `weld inspect --wit` prints a component's. */
export function worldImports(wit: string): string[] {
  const world = /^world root \{\n([\s\S]*?)^\}/mu.exec(wit)?.[1] ?? '';
  return [...world.matchAll(/^ {2}import ([^;]+);/gmu)].map((m) => m[1]!);
}
