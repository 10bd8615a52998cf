/**
 * `weld wit semver-check` against `wasm-tools component semver-check`:
 * for each case, the previous and the new version of a package `a:b` with
 * the same worlds, checked by weld (the whole package) and by wasm-tools
 * (each world, both versions nested in one file, as its own tests do). The
 * verdicts agree wherever a world uses what changed; weld alone also holds
 * interfaces to their contract (a function removed from an interface that a
 * world only exports breaks for weld, not for wasm-tools: that case is
 * checked on its own). Then the CLI on files and on package binaries.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitText, semverCheck } from '@weld/wit';
import { root, run, wasmTools, weld } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-semver-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Case {
  readonly name: string;
  readonly previous: string;
  readonly next: string;
  readonly compatible: boolean;
}

const api = (body: string, worlds = 'world host { import api; }') => `interface api {\n  ${body}\n}\n${worlds}`;
const shape = 'variant shape { circle(f32), square(f32), none }';

const cases: readonly Case[] = [
  { name: 'nothing changed', previous: api('f: func(x: u32) -> string;'), next: api('f: func(x: u32) -> string;'), compatible: true },
  { name: 'a function added to an imported interface', previous: api('f: func();'), next: api('f: func();\n  g: func(x: string);'), compatible: true },
  { name: 'a type added to an imported interface', previous: api('f: func();'), next: api('f: func();\n  record r { a: u8 }'), compatible: true },
  { name: 'a function removed', previous: api('f: func();\n  g: func();'), next: api('f: func();'), compatible: false },
  { name: 'a parameter type changed', previous: api('f: func(x: u32);'), next: api('f: func(x: u64);'), compatible: false },
  { name: 'a parameter renamed', previous: api('f: func(x: u32);'), next: api('f: func(y: u32);'), compatible: false },
  { name: 'a result added', previous: api('f: func();'), next: api('f: func() -> u8;'), compatible: false },
  { name: 'a variant case removed', previous: api(`${shape}\n  area: func(s: shape) -> f64;`), next: api(`${shape.replace(', none', '')}\n  area: func(s: shape) -> f64;`), compatible: false },
  { name: 'a record field retyped', previous: api('record p { x: s32 }\n  f: func(p: p);'), next: api('record p { x: s64 }\n  f: func(p: p);'), compatible: false },
  { name: 'record fields reordered', previous: api('record p { x: s32, y: s32 }\n  f: func(p: p);'), next: api('record p { y: s32, x: s32 }\n  f: func(p: p);'), compatible: false },
  { name: 'an enum case added', previous: api('enum e { a, b }\n  f: func(v: e);'), next: api('enum e { a, b, c }\n  f: func(v: e);'), compatible: false },
  { name: 'an alias added beside one in use', previous: api('type n = u32;\n  f: func(v: n);'), next: api('type n = u32;\n  type m = u32;\n  f: func(v: n);'), compatible: true },
  { name: 'a resource method removed', previous: api('resource r { m: func(); n: func(); }'), next: api('resource r { m: func(); }'), compatible: false },
  { name: 'an import added to a world', previous: api('f: func();', 'world host { import api; }'), next: api('f: func();', 'world host { import api; import g: func(); }'), compatible: true },
  { name: 'an import removed from a world', previous: api('f: func();', 'world host { import api; import g: func(); }'), next: api('f: func();', 'world host { import api; }'), compatible: false },
  { name: 'an export added to a world', previous: api('f: func();', 'world host { import api; }'), next: api('f: func();', 'world host { import api; export run: func(); }'), compatible: false },
  { name: 'an export removed from a world', previous: api('f: func();', 'world host { import api; export run: func(); }'), next: api('f: func();', 'world host { import api; }'), compatible: true },
  { name: 'a function added to an exported interface', previous: api('f: func();', 'world svc { export api; }'), next: api('f: func();\n  g: func();', 'world svc { export api; }'), compatible: false },
  { name: 'a world function retyped', previous: api('f: func();', 'world host { import api; export run: func() -> u32; }'), next: api('f: func();', 'world host { import api; export run: func() -> s32; }'), compatible: false },
];

const worldsOf = (text: string): string[] => [...text.matchAll(/world ([a-z-]+)/g)].map((m) => m[1]!);

/** wasm-tools' verdict: every world of the new version passes `semver-check` against the previous one. */
function wasmToolsVerdict(test: Case, index: number): boolean {
  const file = join(scratch, `case-${index}.wit`);
  writeFileSync(file, `package foo:root;\npackage a:b@1.0.0 {\n${test.previous}\n}\npackage a:b@1.1.0 {\n${test.next}\n}\n`);
  return worldsOf(test.previous).every((world) => {
    const result = run(wasmTools(), ['component', 'semver-check', file, '--prev', `a:b/${world}@1.0.0`, '--new', `a:b/${world}@1.1.0`]);
    if (result.status !== 0) expect(result.stderr).toContain('is not semver-compatible with the previous world');
    return result.status === 0;
  });
}

function weldVerdict(test: Case): boolean {
  const a = loadWitText('old.wit', `package a:b@1.0.0;\n${test.previous}`);
  const b = loadWitText('new.wit', `package a:b@1.1.0;\n${test.next}`);
  return semverCheck({ resolve: a.resolve, package: a.main }, { resolve: b.resolve, package: b.main }).compatible;
}

describe('weld and wasm-tools agree on semver compatibility', () => {
  cases.forEach((test, index) => {
    it(test.name, () => {
      expect(weldVerdict(test)).toBe(test.compatible);
      expect(wasmToolsVerdict(test, index)).toBe(test.compatible);
    });
  });

  it('where they differ on purpose: a function removed from an interface that a world only exports', () => {
    const test: Case = { name: 'export shrinks', previous: api('f: func();\n  g: func();', 'world svc { export api; }'), next: api('f: func();', 'world svc { export api; }'), compatible: false };
    expect(wasmToolsVerdict(test, 99)).toBe(true);
    expect(weldVerdict(test)).toBe(false);
  });
});

describe('weld wit semver-check', () => {
  const write = (name: string, version: string, body: string): string => {
    const path = join(scratch, name);
    writeFileSync(path, `package a:b@${version};\n${body}\n`);
    return path;
  };
  const previous = write('v1.wit', '1.2.0', api(`${shape}\n  area: func(s: shape) -> f64;\n  origin: func() -> u32;`));
  const broken = write('v1-broken.wit', '1.2.1', api(`${shape.replace(', none', '')}\n  area: func(s: shape) -> f32;\n  extra: func();`));
  const grown = write('v1-grown.wit', '1.3.0', api(`${shape}\n  area: func(s: shape) -> f64;\n  origin: func() -> u32;\n  extra: func();`));

  it('lists the breaking differences and exits 1', () => {
    const result = weld('wit', 'semver-check', previous, broken);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'a:b@1.2.1 is not semver-compatible with a:b@1.2.0:\n' +
        '  type `shape` of interface `api` changed: case `none` was removed\n' +
        '  function `area` of interface `api` changed: was `func(s: shape) -> f64`, now `func(s: shape) -> f32`\n' +
        '  function `origin` of interface `api` was removed\n' +
        'other changes:\n' +
        '  function `extra` was added to interface `api`\n',
    );
  });

  it('passes a minor bump that only adds, and reads package binaries as well as WIT', () => {
    const ok = weld('wit', 'semver-check', previous, grown);
    expect(ok.stdout).toBe('a:b@1.3.0 is semver-compatible with a:b@1.2.0\nother changes:\n  function `extra` was added to interface `api`\n');
    expect(ok.status).toBe(0);
    const binaries = [previous, broken].map((path) => {
      const out = path.replace(/\.wit$/, '.wasm');
      expect(run(wasmTools(), ['component', 'wit', '--wasm', path, '-o', out]).status).toBe(0);
      return out;
    });
    const result = weld('wit', 'semver-check', binaries[0]!, binaries[1]!, '--json');
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { compatible: boolean; differences: { item: string; breaking: boolean }[] };
    expect(json.compatible).toBe(false);
    expect(json.differences.filter((d) => d.breaking).map((d) => d.item)).toEqual(['interface api: type shape', 'interface api: function area', 'interface api: function origin']);
  });

  it('a new major version is not held to compatibility; a component is not a package', () => {
    const major = write('v2.wit', '2.0.0', api('f: func();'));
    const result = weld('wit', 'semver-check', previous, major);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^a:b@2\.0\.0 need not be compatible with a:b@1\.2\.0 \(a new major version, or minor for 0\.x\)\nbreaking changes \(allowed\):\n/);
    const missing = weld('wit', 'semver-check', previous, join(scratch, 'nope.wit'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: cannot read '.*nope\.wit'/);
    const component = weld('wit', 'semver-check', previous, join(root, 'test', 'fixtures', 'out', 'rust-calc.wasm'));
    expect(component.status).toBe(1);
    expect(component.stderr).toMatch(/^error: .*rust-calc\.wasm: a component, not a WIT package\n/);
  });
});
