/**
 * The core packages run anywhere: each bundles for the browser with esbuild
 * and no Node built-in is imported by weld's own code. A builtin that a
 * dependency maps away in its `browser` field (TypeScript, under ts-morph,
 * does so for `fs`, `path`, `perf_hooks`, …) is that dependency's business
 * and esbuild honours it; one that nothing maps away fails the build.
 */
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules);
const isBuiltin = (path: string): boolean => path.startsWith('node:') || builtins.has(path.split('/')[0]!);

interface Bundled {
  readonly code: string;
  /** Every Node built-in asked for, with the file that asked. */
  readonly builtins: readonly { readonly path: string; readonly importer: string }[];
}

/** Bundles `source` (a module importing weld packages) for the browser. */
async function bundle(source: string): Promise<Bundled> {
  const seen: { path: string; importer: string }[] = [];
  const record: Plugin = {
    name: 'record-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (isBuiltin(args.path)) seen.push({ path: args.path, importer: args.importer });
        return undefined;
      });
    },
  };
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), sourcefile: 'entry.js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [record],
  });
  return { code: result.outputFiles[0]!.text, builtins: seen };
}

/** The builtins that weld's own code (not a dependency in node_modules) imports. */
const weldsOwn = (bundled: Bundled) => bundled.builtins.filter((b) => !b.importer.includes('/node_modules/'));

describe('the core bundles for the browser', () => {
  it.each(['wit', 'component', 'compose'])('@weld/%s, importing no Node built-in at all', async (name) => {
    const bundled = await bundle(`export * from '@weld/${name}';`);
    expect(bundled.builtins).toEqual([]);
  });

  it('@weld/bindgen, ts-morph included (its dependencies map their builtins away), its own code importing none', async () => {
    const bundled = await bundle(`export * from '@weld/bindgen';`);
    // What is left of Node in the bundle is TypeScript's own, behind its `isNodeLikeSystem()` check.
    expect(weldsOwn(bundled)).toEqual([]);
  }, 120_000);

  it('@weld/wit/node resolves to a stand-in that says what to use instead', async () => {
    const bundled = await bundle(`export { loadWit } from '@weld/wit/node';`);
    expect(bundled.builtins).toEqual([]);
    expect(bundled.code).toContain('pass the files to loadWitFiles of @weld/wit');
  });

  it('the browser bundle of @weld/wit loads WIT from memory', async () => {
    const bundled = await bundle(`export { loadWitFiles, printWit } from '@weld/wit';`);
    const wit = (await import(`data:text/javascript;base64,${Buffer.from(bundled.code).toString('base64')}`)) as typeof import('@weld/wit');
    const bytes = new TextEncoder().encode('package a:b;\ninterface i { f: func(); }\n');
    const loaded = await wit.loadWitFiles({ kind: 'file', path: 'a.wit', bytes });
    expect(wit.printWit(loaded.resolve, loaded.packages)).toContain('interface i {');
  });
});
