/**
 * Test inputs for `@weld/compose`: components made from WIT with wasm-tools
 * and the checks run on composed output live in test/support/components.ts
 * (shared with the `weld compose` tests); the goldens are here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export { componentFromWit, jcoWasiWit, repoRoot, rustCalcWitDir, validate, wasmToolsBin, witOf } from '../../../test/support/components.js';
export type { InlineWit } from '../../../test/support/components.js';

/** Strips a template literal's common indentation and its first and last line breaks. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length));
  return `${lines.map((l) => l.slice(indent)).join('\n')}\n`;
}

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** Compares `actual` with `test/golden/<name>`; `BLESS=1` writes it instead. */
export function golden(name: string, actual: string): { readonly expected: string; readonly actual: string } {
  const file = join(goldenDir, name);
  if (process.env['BLESS'] === '1' || !existsSync(file)) {
    if (process.env['BLESS'] !== '1') throw new Error(`missing golden file ${file}; run with BLESS=1 to write it`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  return { expected: readFileSync(file, 'utf8'), actual };
}
