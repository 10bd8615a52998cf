/**
 * What the tests share about the built fixtures and the demo: where the
 * fixtures are, and what the demo prints for `'1.5 * 4' '10 / 4'`.
 */
import { fileURLToPath } from 'node:url';

/** The path of fixture `name` built into `test/fixtures/out/` by vitest's global setup. */
export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/out/${name}.wasm`, import.meta.url));

/** What `fn` threw (jco throws a ComponentError carrying an `err` result as `payload`). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** The demo's credits, printed after each result whoever computed it. */
export const demoCredits = '(computed by Rust, formatted by Go, routed by TypeScript)';

/** The demo's standard output for the arguments `'1.5 * 4' '10 / 4'`. */
export const demoStdout =
  `1.5 * 4 = 6 ${demoCredits}\n` +
  `10 / 4 = 2.5 ${demoCredits}\n` +
  'total = 8.5 (2 of 2 expressions, accumulated by Rust)\n';
