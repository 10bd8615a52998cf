/**
 * `weld wit` on inputs a stranger can make big: long chains (`use` chains,
 * `deps/` chains, alias and include chains), which a recursive walk cannot
 * survive, and wide declarations (many types, interfaces, names, resources,
 * parameters), which show any quadratic step. Each must exit 0 and print
 * what wasm-tools prints; without wasm-tools, the printed text must at least
 * read back to itself (and the comparison is skipped, saying why). The sizes are a fraction of bench/wit/large.mjs's,
 * big enough to overflow the stack or take seconds before the fixes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run, wasmTools, weld } from './support.js';
import { generators, writeTree } from './support/wit-large.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'weld-wit-large-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** wasm-tools, or why the comparison with it is skipped. */
const reference = ((): { path: string } | { reason: string } => {
  try {
    return { path: wasmTools() };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
})();

/**
 * Each case: a generator, its size, and the wall time `weld wit` may take.
 * The limits are loose, for loaded machines; the quadratic versions took
 * several times longer at these sizes, the recursive ones crashed.
 */
const cases: readonly { name: keyof typeof generators; n: number; seconds: number }[] = [
  { name: 'manyTypes', n: 20_000, seconds: 10 },
  { name: 'manyInterfaces', n: 20_000, seconds: 10 },
  { name: 'useManyNames', n: 10_000, seconds: 8 },
  { name: 'manyResources', n: 10_000, seconds: 10 },
  { name: 'manyParams', n: 8_000, seconds: 4 },
  { name: 'useChain', n: 4_000, seconds: 8 },
  // wasm-tools itself overflows its stack a little past 3,000.
  { name: 'depsChain', n: 2_000, seconds: 15 },
  { name: 'aliasChain', n: 10_000, seconds: 8 },
  { name: 'includeChain', n: 5_000, seconds: 8 },
  // The npm semver package refused versions over 256 characters.
  { name: 'longVersion', n: 300, seconds: 4 },
];

const skipReason = 'reason' in reference ? ` (skipped: ${reference.reason})` : '';

for (const { name, n, seconds } of cases) {
  describe(`weld wit, ${name} (${n})`, () => {
    const dir = join(scratch, name);
    let printed: string | undefined;

    it(`exits 0 within ${seconds} s${'path' in reference ? '' : ' and prints text that reads back to itself'}`, () => {
      writeTree(dir, generators[name](n));
      const started = performance.now();
      const actual = weld('wit', dir);
      const elapsed = (performance.now() - started) / 1000;
      expect(actual.stderr).toBe('');
      expect(actual.status).toBe(0);
      expect(elapsed, `weld wit took ${elapsed.toFixed(1)} s`).toBeLessThan(seconds);
      printed = actual.stdout;
      if ('path' in reference) return;
      const again = join(scratch, `${name}-again.wit`);
      writeFileSync(again, printed);
      const reread = weld('wit', again);
      expect(reread.stderr).toBe('');
      expect(reread.stdout).toBe(printed);
    });

    it.skipIf('reason' in reference)(`prints what wasm-tools prints${skipReason}`, () => {
      if (!('path' in reference) || printed === undefined) throw new Error('needs wasm-tools and the run above');
      const expected = run(reference.path, ['component', 'wit', dir]);
      expect(expected.status).toBe(0);
      expect(printed).toBe(expected.stdout);
    });
  });
}
