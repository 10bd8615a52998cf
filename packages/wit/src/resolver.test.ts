import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitText, type WasmDecoder } from './load.js';
import { loadWit } from './node/index.js';
import { packageNameString, type PackageName } from './model.js';
import { printWit } from './print/print.js';
import type { PackageResolver, ResolvedPackage } from './resolver.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-resolver-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A main `.wit` file with no `deps/` folder: every package it uses must come through the resolvers. */
function mainFile(text: string): string {
  const path = join(scratch, `main-${Math.random().toString(36).slice(2)}.wit`);
  writeFileSync(path, text);
  return path;
}

/**
 * A registry-like resolver over WIT texts held in memory, answering
 * asynchronously by name only, and recording what it is asked.
 */
function memoryResolver(texts: Record<string, string>): PackageResolver & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async resolve(name: PackageName): Promise<ResolvedPackage | undefined> {
      const key = packageNameString(name);
      asked.push(key);
      await Promise.resolve();
      const text = texts[key];
      if (text === undefined) return undefined;
      return { source: { kind: 'wit', files: [{ path: `memory:${key}`, text }] }, origin: { kind: 'file', path: `memory:${key}` } };
    },
  };
}

const main = 'package x:main;\n\nworld w {\n  import x:a/i@1.0.0;\n}\n';
const a = 'package x:a@1.0.0;\n\ninterface i {\n  use x:b/j.{t};\n  f: func() -> t;\n}\n';
const b = 'package x:b;\n\ninterface j {\n  type t = u32;\n}\n';

describe('loadWit through PackageResolver alone', () => {
  it('takes used packages, transitively, from an in-memory resolver', async () => {
    const resolver = memoryResolver({ 'x:a@1.0.0': a, 'x:b': b });
    const loaded = await loadWit(mainFile(main), { resolvers: [resolver] });
    expect(resolver.asked).toEqual(['x:a@1.0.0', 'x:b']);
    expect(loaded.packages.map((id) => packageNameString(loaded.resolve.packages[id]!.name))).toEqual(['x:main', 'x:b', 'x:a@1.0.0']);
    expect(printWit(loaded.resolve, loaded.packages)).toContain('f: func() -> t;');
  });

  it('passes over an answer that is another package and asks the next resolver', async () => {
    const wrong = memoryResolver({ 'x:a@1.0.0': a.replace('@1.0.0', '@1.0.1'), 'x:b': b });
    const right = memoryResolver({ 'x:a@1.0.0': a });
    const loaded = await loadWit(mainFile(main), { resolvers: [wrong, right] });
    expect(right.asked).toEqual(['x:a@1.0.0']);
    expect(loaded.resolve.packageNames.has('x:a@1.0.0')).toBe(true);
  });

  it('merges an encoded package a resolver answers with', async () => {
    const decodeWasm: WasmDecoder = (encoded) => {
      if (encoded.kind !== 'text') throw new Error('text only');
      const decoded = loadWitText('decoded.wit', encoded.text);
      return { resolve: decoded.resolve, package: decoded.main };
    };
    const encoded: PackageResolver = {
      resolve: (name) => packageNameString(name) !== 'x:b'
        ? undefined
        : { source: { kind: 'encoded', path: 'memory:b.wat', encoded: { kind: 'text', text: b } }, origin: { kind: 'file', path: 'memory:b.wat' } },
    };
    const loaded = await loadWit(mainFile(main), { decodeWasm, resolvers: [memoryResolver({ 'x:a@1.0.0': a }), encoded] });
    expect([...loaded.resolve.packageNames.keys()].sort()).toEqual(['x:a@1.0.0', 'x:b', 'x:main']);
  });

  it('reports a package no resolver has as the reference does', async () => {
    const path = mainFile(main);
    await expect(loadWit(path, { resolvers: [memoryResolver({})] })).rejects.toThrow("package 'x:a@1.0.0' not found");
  });
});
