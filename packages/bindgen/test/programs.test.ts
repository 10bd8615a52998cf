/**
 * Hand-written guest and host programs for a world that uses every WIT type
 * constructor (test/wit/kitchen) type-check against the generated
 * declarations, and each `@ts-expect-error` in them is an error: tsc reports
 * an unused one, so a clean run proves each wrong program is rejected.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, sourcesUnder, strictOptions, tempDir, typecheck, writeFiles } from './support.js';

const kitchen = new URL('./wit/kitchen', import.meta.url).pathname;
const programs = new URL('./programs/', import.meta.url).pathname;

describe('world kitchen', () => {
  it('guest programs type-check, and the wrong ones fail where marked', async () => {
    const dir = tempDir('guest');
    writeFiles(join(dir, 'generated'), await generate(kitchen, 'kitchen', 'guest'));
    for (const file of ['kitchen-guest.ts', 'kitchen-guest-check.ts', 'kitchen-guest-missing.ts']) copyFileSync(join(programs, file), join(dir, file));
    const diagnostics = typecheck(sourcesUnder(dir), strictOptions({ lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.es2018.asyncgenerator.d.ts'] }));
    expect(diagnostics).toEqual([]);
  });

  it('the expected errors are real: without the markers, each line fails', async () => {
    const dir = tempDir('guest-unmarked');
    writeFiles(join(dir, 'generated'), await generate(kitchen, 'kitchen', 'guest'));
    const source = readFileSync(join(programs, 'kitchen-guest.ts'), 'utf8');
    const markers = source.split('\n').filter((line) => line.includes('@ts-expect-error')).length;
    copyFileSync(join(programs, 'kitchen-guest.ts'), join(dir, 'kitchen-guest.ts'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'kitchen-guest.ts'), source.replaceAll('// @ts-expect-error', '// expected error'));
    const diagnostics = typecheck(sourcesUnder(dir), strictOptions({ lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'] }));
    expect(diagnostics.length).toBeGreaterThanOrEqual(markers);
    expect(diagnostics.join('\n')).toContain("'\"triangle\"'");
  });

  it('host programs type-check, and the wrong ones fail where marked', async () => {
    const dir = tempDir('host');
    writeFiles(join(dir, 'generated'), await generate(kitchen, 'kitchen', 'host'));
    copyFileSync(join(programs, 'kitchen-host.ts'), join(dir, 'kitchen-host.ts'));
    const diagnostics = typecheck(sourcesUnder(dir), strictOptions({ lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'] }));
    expect(diagnostics).toEqual([]);
  });

  it('generates the same bytes from the same input', async () => {
    const first = await generate(kitchen, 'kitchen', 'guest');
    const second = await generate(kitchen, 'kitchen', 'guest');
    expect(second).toEqual(first);
    expect(first.map((f) => f.path)).toEqual([
      'imports/clock.d.ts', 'imports/weld-kitchen-flow.d.ts', 'imports/weld-kitchen-types.d.ts', 'kitchen.d.ts',
    ]);
  });
});
