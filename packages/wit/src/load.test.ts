import { describe, expect, it } from 'vitest';
import { loadWitFiles, packageNameString, packageSource, printWit, WitError } from '@weld/wit';
import type { FileBytes, PackageResolver, ResolvedPackage } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
import * as browser from './node/browser.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const file = (path: string, text: string) => ({ kind: 'file', path, bytes: bytes(text) }) as const;
const folder = (path: string, files: readonly FileBytes[]): ResolvedPackage => ({
  source: packageSource({ kind: 'folder', path, files }),
  origin: { kind: 'folder', path },
});

describe('loadWitFiles', () => {
  it('loads a folder and its deps from memory, with nothing read from disk', async () => {
    const deps: PackageResolver = {
      packages: () => [folder('wit/deps/dep', [file('wit/deps/dep/api.wit', 'package b:dep;\ninterface api { f: func(); }\n')])],
      resolve: () => undefined,
    };
    const loaded = await loadWitFiles(
      { kind: 'folder', path: 'wit', files: [file('wit/world.wit', 'package a:app;\nworld app { import b:dep/api; }\n')] },
      { resolvers: [deps] },
    );
    expect(printWit(loaded.resolve, loaded.packages)).toContain('package b:dep {');
  });

  it('reads a resolver\'s packages lazily, in order: the first bad entry is the one reported, and later ones are never asked for', async () => {
    let asked = 0;
    const deps: PackageResolver = {
      *packages() {
        asked++;
        yield { source: packageSource(file('wit/deps/a.wit', 'package b:a;\ninterface i { oops }\n')), origin: { kind: 'file', path: 'wit/deps/a.wit' } };
        asked++;
        yield { source: packageSource(file('wit/deps/b.wit', 'package b:b;\n')), origin: { kind: 'file', path: 'wit/deps/b.wit' } };
      },
      resolve: () => undefined,
    };
    const error = await loadWitFiles({ kind: 'folder', path: 'wit', files: [file('wit/w.wit', 'package a:w;\n')] }, { resolvers: [deps] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WitError);
    expect((error as WitError).location?.path).toBe('wit/deps/a.wit');
    expect(asked).toBe(1);
  });

  it('asks a resolver by name for what nobody defines, and takes only the exact package', async () => {
    const asked: string[] = [];
    const byName: PackageResolver = {
      resolve: (name) => {
        asked.push(packageNameString(name));
        return packageNameString(name) === 'c:dep@1.0.0' ? folder('fallback', [file('fallback/dep.wit', 'package c:dep@1.0.0;\ninterface api {}\n')]) : undefined;
      },
    };
    const loaded = await loadWitFiles(file('main.wit', 'package a:m;\nworld w { import c:dep/api@1.0.0; }\n'), { resolvers: [byName] });
    expect(asked).toEqual(['c:dep@1.0.0']);
    expect(printWit(loaded.resolve, loaded.packages)).toContain('package c:dep@1.0.0 {');
  });

  it('refuses an encoded package without a decoder, naming the file', async () => {
    const wasm = { kind: 'file', path: 'pkg.wasm', bytes: new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]) } as const;
    await expect(loadWitFiles(wasm)).rejects.toThrow('not read without a decoder [pkg.wasm]');
  });
});

describe('@weld/wit/node', () => {
  it('loads a path as before', async () => {
    const loaded = await loadWit('packages/wit/tests/ui/accessors-world.wit');
    expect(loaded.packages.length).toBeGreaterThan(0);
  });

  it('outside Node (the default export condition) says what to use instead', async () => {
    await expect(browser.loadWit('wit')).rejects.toThrow('pass the files to loadWitFiles of @weld/wit');
    expect(() => new browser.FileSystemResolver('wit/deps')).toThrow("needs Node's file system");
  });
});
