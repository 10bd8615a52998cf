import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WitError } from '../errors.js';
import { FileSystemResolver, readPackageAt } from './fs-resolver.js';
import { loadWit } from './index.js';
import type { PackageName } from '../model.js';
import type { ResolvedPackage } from '../resolver.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-fs-resolver-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder under the scratch folder holding `files` (path → text or bytes). */
function tree(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = join(scratch, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

const pkg = (namespace: string, name: string, version?: string): PackageName => ({ namespace, name, version });
const witPackage = (name: string) => `package ${name};\n\ninterface i {\n  type t = u32;\n}\n`;
const wasmMagic = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);

describe('FileSystemResolver.packages', () => {
  it('lists every kind of entry by name and passes over other files', () => {
    const dir = tree('kinds', {
      'deps/b-folder/types.wit': witPackage('a:b'),
      'deps/b-folder/notes.md': 'not WIT',
      'deps/c.wit': witPackage('a:c'),
      'deps/d.wasm': wasmMagic,
      'deps/e.wat': ';; a comment\n(component)\n',
      'deps/.DS_Store': 'junk',
      'deps/README.md': 'junk',
    });
    const deps = join(dir, 'deps');
    const listed = [...new FileSystemResolver(deps).packages()];
    expect(listed).toEqual<ResolvedPackage[]>([
      {
        source: { kind: 'wit', files: [{ path: `${deps}/b-folder/types.wit`, text: witPackage('a:b') }] },
        origin: { kind: 'folder', path: `${deps}/b-folder` },
      },
      { source: { kind: 'wit', files: [{ path: `${deps}/c.wit`, text: witPackage('a:c') }] }, origin: { kind: 'file', path: `${deps}/c.wit` } },
      {
        source: { kind: 'encoded', path: `${deps}/d.wasm`, encoded: { kind: 'binary', bytes: expect.any(Uint8Array) as Uint8Array } },
        origin: { kind: 'file', path: `${deps}/d.wasm` },
      },
      {
        source: { kind: 'encoded', path: `${deps}/e.wat`, encoded: { kind: 'text', text: ';; a comment\n(component)\n' } },
        origin: { kind: 'file', path: `${deps}/e.wat` },
      },
    ]);
  });

  it('lists nothing for a missing folder', () => {
    expect([...new FileSystemResolver(join(scratch, 'nowhere', 'deps')).packages()]).toEqual([]);
  });
});

describe('FileSystemResolver.resolve', () => {
  it("finds a package by wkg's NS-NAME-VERSION folder name, and by NAME-VERSION", () => {
    const deps = join(tree('versioned', { 'deps/weld-dep-0.1.0/counter.wit': witPackage('weld:dep@0.1.0'), 'deps/other-2.0.0.wit': witPackage('weld:other@2.0.0') }), 'deps');
    const resolver = new FileSystemResolver(deps);
    expect(resolver.resolve(pkg('weld', 'dep', '0.1.0'))?.origin).toEqual({ kind: 'folder', path: `${deps}/weld-dep-0.1.0` });
    expect(resolver.resolve(pkg('weld', 'other', '2.0.0'))?.origin).toEqual({ kind: 'file', path: `${deps}/other-2.0.0.wit` });
  });

  it('finds each kind of entry by NAME, preferring the more specific name', () => {
    const deps = join(tree('named', {
      'deps/folder/a.wit': witPackage('x:folder'),
      'deps/file.wit': witPackage('x:file'),
      'deps/bin.wasm': wasmMagic,
      'deps/text.wat': '(component)',
      'deps/http/types.wit': witPackage('wasi:http@0.2.0'),
      'deps/http-0.2.3/types.wit': witPackage('wasi:http@0.2.3'),
    }), 'deps');
    const resolver = new FileSystemResolver(deps);
    expect(resolver.resolve(pkg('x', 'folder'))?.origin).toEqual({ kind: 'folder', path: `${deps}/folder` });
    expect(resolver.resolve(pkg('x', 'file'))?.source.kind).toBe('wit');
    expect(resolver.resolve(pkg('x', 'bin'))?.source).toMatchObject({ kind: 'encoded', encoded: { kind: 'binary' } });
    expect(resolver.resolve(pkg('x', 'text'))?.source).toMatchObject({ kind: 'encoded', encoded: { kind: 'text', text: '(component)' } });
    expect(resolver.resolve(pkg('wasi', 'http', '0.2.3'))?.origin.path).toBe(`${deps}/http-0.2.3`);
    expect(resolver.resolve(pkg('wasi', 'http', '0.2.0'))?.origin.path).toBe(`${deps}/http`);
  });

  it('has no package that no entry is named for, nor any in a missing folder', () => {
    const deps = join(tree('missing', { 'deps/present.wit': witPackage('x:present'), 'deps/absent.txt': 'not a package' }), 'deps');
    expect(new FileSystemResolver(deps).resolve(pkg('x', 'absent'))).toBeUndefined();
    expect(new FileSystemResolver(join(scratch, 'nowhere', 'deps')).resolve(pkg('x', 'present'))).toBeUndefined();
  });

  it('refuses two entries of the same name form for one package', () => {
    const deps = join(tree('twice', { 'deps/dep/a.wit': witPackage('x:dep'), 'deps/dep.wit': witPackage('x:dep') }), 'deps');
    const resolve = () => new FileSystemResolver(deps).resolve(pkg('x', 'dep'));
    expect(resolve).toThrow(WitError);
    expect(resolve).toThrow(`package \`x:dep\` has more than one entry in ${deps}: ${deps}/dep, ${deps}/dep.wit`);
  });
});

describe('readPackageAt', () => {
  it('names a missing path as the reference does', () => {
    expect(() => readPackageAt(join(scratch, 'no-such.wit'))).toThrow(`failed to read path for WIT [${join(scratch, 'no-such.wit')}]: no such file or directory`);
  });
});

describe('loadWit over the deps/ folder', () => {
  it('reports two entries defining one package, whatever their names', async () => {
    const dir = tree('two-defs', {
      'main.wit': 'package x:main;\n\ninterface m {\n  use x:dep/i.{t};\n}\n',
      'deps/first/a.wit': witPackage('x:dep'),
      'deps/second.wit': witPackage('x:dep'),
    });
    await expect(loadWit(dir)).rejects.toThrow(
      `package \`x:dep\` is defined in two different locations:\n  * ${dir}/deps/second.wit:1:9\n  * ${dir}/deps/first/a.wit:1:9`,
    );
  });

  it("reads wkg's NAME-VERSION folders like any other entry", async () => {
    const dir = tree('wkg', {
      'main.wit': 'package x:main;\n\ninterface m {\n  use weld:dep/i@0.1.0.{t};\n}\n',
      'deps/weld-dep-0.1.0/counter.wit': witPackage('weld:dep@0.1.0'),
    });
    const loaded = await loadWit(dir);
    expect(loaded.packages.map((id) => loaded.resolve.packages[id]!.name)).toEqual([pkg('x', 'main'), pkg('weld', 'dep', '0.1.0')]);
  });
});
