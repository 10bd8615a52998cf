/**
 * The short, deterministic part of the fuzzing harness: every target, a fixed
 * seed, a few hundred cases of mutated real inputs and small bombs, and every
 * reproducer kept in test/fuzz/regressions/. Each case must end in success or
 * in weld's own typed error. `npm run fuzz -- --minutes N` runs the long
 * campaign (scripts/fuzz.mjs).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputsFor } from './inputs.js';
import { targets } from './targets.js';

const regressions = join(import.meta.dirname, 'regressions');
const runs: Record<string, number> = { decode: 300, 'round-trip': 150, wit: 400, 'wit-recover': 400, compose: 30, config: 150, wac: 400 };

describe('fuzzing', () => {
  for (const target of targets) {
    it(`${target.name}: mutated inputs and bombs end in success or a typed error`, async () => {
      await fc.assert(
        fc.asyncProperty(inputsFor(target, 1), async (input) => {
          await target.run(input);
        }),
        { seed: 20261204, numRuns: runs[target.name] ?? 100, endOnFailure: true },
      );
    }, 120_000);

    const dir = join(regressions, target.name);
    const kept = existsSync(dir) ? readdirSync(dir).filter((name) => !name.endsWith('.txt')).sort() : [];
    for (const name of kept) {
      it(`${target.name}: regression ${name}`, async () => {
        expect(await target.run(new Uint8Array(readFileSync(join(dir, name))))).toMatch(/^(ok|\w+(:[\w-]+)?)$/);
      }, 60_000);
    }
  }
});
