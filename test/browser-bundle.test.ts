/**
 * The core packages run anywhere: each bundles for the browser with esbuild
 * and no Node built-in is imported by weld's own code. A builtin that a
 * dependency maps away in its `browser` field (TypeScript, under ts-morph,
 * does so for `fs`, `path`, `perf_hooks`, …) is that dependency's business
 * and esbuild honours it; one that nothing maps away fails the build. The
 * bundle then runs in a context with only what browsers have (no `process`,
 * no `require`), ts-morph included.
 */
import { builtinModules } from 'node:module';
import { createContext, runInContext } from 'node:vm';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules);
const isBuiltin = (path: string): boolean => path.startsWith('node:') || builtins.has(path.split('/')[0]!);

interface Bundled {
  readonly code: string;
  /** Every Node built-in asked for, with the file that asked. */
  readonly builtins: readonly { readonly path: string; readonly importer: string }[];
}

/** Bundles `source` (a module importing weld packages) for the browser; an IIFE sets the global `weld`. */
async function bundle(source: string, format: 'esm' | 'iife' = 'esm'): Promise<Bundled> {
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
    format,
    globalName: 'weld',
    write: false,
    logLevel: 'silent',
    plugins: [record],
  });
  return { code: result.outputFiles[0]!.text, builtins: seen };
}

/** The builtins that weld's own code (not a dependency in node_modules) imports. */
const weldsOwn = (bundled: Bundled) => bundled.builtins.filter((b) => !b.importer.includes('/node_modules/'));

describe('the core bundles for the browser', () => {
  it.each(['wit', 'component', 'compose', 'oci', 'wac'])('@weld/%s, importing no Node built-in at all', async (name) => {
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

  it('@weld/oci/node resolves to a stand-in that says what to use instead', async () => {
    const bundled = await bundle(`export { pullWasm, dockerCredentials } from '@weld/oci/node';`);
    expect(bundled.builtins).toEqual([]);
    expect(bundled.code).toContain('read images with registrySource or your own ImageSource');
  });

  it('@weld/oci talks to a registry where there is no Node, through the fetch it is given, sending bodies whole', async () => {
    const bundled = await bundle(`export { RegistryClient, sha256 } from '@weld/oci';`, 'iife');
    // What browsers have for fetch, and no more: no process, no Buffer, no fetch of its own (the client is given one).
    const context = createContext({
      TextEncoder, TextDecoder, URL, URLSearchParams, console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, btoa,
      Headers, Response, ReadableStream, AbortController,
    });
    runInContext(bundled.code, context);
    const oci = context['weld'] as typeof import('@weld/oci');
    const manifest = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] }));
    const digest = oci.sha256(manifest);
    const requests: { method: string; url: string; body: unknown; duplex: unknown }[] = [];
    const fetch: import('@weld/oci').Fetch = async (url, init) => {
      requests.push({ method: String(init.method), url, body: init.body, duplex: init.duplex });
      if (init.method === 'PUT') return new Response(null, { status: 201, headers: { 'docker-content-digest': digest } });
      return new Response(manifest, { headers: { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': digest } });
    };
    const client = new oci.RegistryClient({ registry: 'registry.test', fetch });
    expect((await client.getManifest('app', 'v1')).descriptor).toEqual({ mediaType: 'application/vnd.oci.image.index.v1+json', digest, size: manifest.length });
    expect(await client.putManifest('app', 'v2', manifest, 'application/vnd.oci.image.index.v1+json')).toEqual({ digest, subjectAccepted: false });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET https://registry.test/v2/app/manifests/v1', 'PUT https://registry.test/v2/app/manifests/v2']);
    // A page's fetch streams a request body only over HTTP/2: the manifest went whole.
    expect(requests[1]!.body).toBe(manifest);
    expect(requests[1]!.duplex).toBeUndefined();
  });

  it('runs where there is no Node: WIT from memory, a digest, guest and host declarations', async () => {
    const entry = `export { loadWitFiles, printWit } from '@weld/wit'; export { sha256Hex } from '@weld/component'; export { generateTypes } from '@weld/bindgen';`;
    const bundled = await bundle(entry, 'iife');
    // Only what browsers have: no process, no require, no Buffer.
    const context = createContext({ TextEncoder, TextDecoder, URL, console, setTimeout, clearTimeout, queueMicrotask, performance });
    runInContext(bundled.code, context);
    const core = context['weld'] as typeof import('@weld/wit') & typeof import('@weld/component') & typeof import('@weld/bindgen');
    const bytes = new TextEncoder().encode('package a:b;\ninterface i { f: func(x: u32) -> string; }\nworld w { export i; }\n');
    const loaded = await core.loadWitFiles({ kind: 'file', path: 'a.wit', bytes });
    expect(core.printWit(loaded.resolve, loaded.packages)).toContain('interface i {');
    expect(core.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const input = { resolve: loaded.resolve, package: loaded.main };
    expect(core.generateTypes(input, { mode: 'guest' }).map((f) => f.text).join('')).toContain("declare module 'a:b/w'");
    expect(core.generateTypes(input, { mode: 'host' }).map((f) => f.text).join('')).toContain('export function f(x: number): string;');
  }, 120_000);
});
