/**
 * jco's WASI trees (0.2.10, 0.2.12 and 0.3.0): for every world of each tree,
 * and for a world importing and one exporting every interface, the guest and
 * the host declarations pass the TypeScript checker in strict mode.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, sourcesUnder, strictOptions, tempDir, typecheck, wasiTree, writeFiles } from './support.js';

for (const version of ['0.2.10', '0.2.12', '0.3.0']) {
  describe(`WASI ${version}`, () => {
    const tree = wasiTree(version);
    for (const world of tree.worlds) {
      for (const mode of ['guest', 'host'] as const) {
        it(`${world} --${mode} type-checks`, async () => {
          const out = tempDir('wasi-out');
          const files = await generate(tree.dir, world, mode);
          expect(files.length).toBeGreaterThan(0);
          writeFiles(out, files);
          // A guest as componentize-js sees it (ES2022, no Node types); a host on Node.
          const options = mode === 'guest' ? strictOptions({ lib: ['lib.es2022.d.ts'] }) : strictOptions();
          expect(typecheck(sourcesUnder(out), options)).toEqual([]);
          // The same input gives the same bytes.
          expect(await generate(tree.dir, world, mode)).toEqual(files);
        });
      }
    }
  });
}

it('the world over every WASI 0.2.12 interface has one import file per interface', async () => {
  const tree = wasiTree('0.2.12');
  const files = await generate(tree.dir, 'weld:wasi/all-imports', 'guest');
  const imports = files.filter((f) => f.path.startsWith('imports/')).map((f) => f.path);
  expect(imports).toContain('imports/wasi-io-streams.d.ts');
  expect(imports).toContain('imports/wasi-http-types.d.ts');
  const streams = files.find((f) => f.path === 'imports/wasi-io-streams.d.ts')!.text;
  expect(streams).toContain("declare module 'wasi:io/streams@0.2.12' {");
  expect(streams).toContain('export class OutputStream implements Disposable {');
  expect(streams).toContain('blockingWriteAndFlush(contents: Uint8Array): void;');
  void join;
});
