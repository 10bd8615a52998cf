import { describe, expect, it } from 'vitest';
import { loadWitText } from './load.js';
import { semverCheck, semverCompatible, type SemverCheckResult } from './semver-check.js';
import { parseSemver } from './semver.js';

/** Checks `next` (a package body) at version `to` against `previous` at `from`. */
function check(previous: string, next: string, from = '1.0.0', to = '1.1.0'): SemverCheckResult {
  const a = loadWitText('old.wit', `package a:b@${from};\n${previous}`);
  const b = loadWitText('new.wit', `package a:b@${to};\n${next}`);
  return semverCheck({ resolve: a.resolve, package: a.main }, { resolve: b.resolve, package: b.main });
}

const breaking = (result: SemverCheckResult): string[] => result.differences.filter((d) => d.breaking).map((d) => d.message);
const fine = (result: SemverCheckResult): string[] => result.differences.filter((d) => !d.breaking).map((d) => d.message);

const base = `
interface types {
  variant shape { circle(f32), square(f32), none }
  record point { x: s32, y: s32 }
  resource canvas { constructor(); draw: func(s: shape, at: point) -> result<_, string>; }
  area: func(s: shape) -> f64;
  origin: func() -> point;
}
world app { import types; export run: func(); }
`;

describe('semverCheck', () => {
  it('the same package is compatible, with no differences', () => {
    expect(check(base, base)).toEqual({ previous: 'a:b@1.0.0', next: 'a:b@1.1.0', compatibilityRequired: true, compatible: true, differences: [] });
  });

  it('added functions, types, interfaces, worlds and imports are fine in a minor bump', () => {
    const next = base
      .replace('origin: func() -> point;', 'origin: func() -> point;\n  scale: func(p: point, by: s32) -> point;\n  type coord = s32;')
      .replace('world app { import types;', 'interface extra { ping: func(); }\nworld cli { import extra; }\nworld app { import types; import extra;');
    const result = check(base, next);
    expect(result.compatible).toBe(true);
    expect(breaking(result)).toEqual([]);
    expect(fine(result)).toEqual([
      'type `coord` was added to interface `types`',
      'function `scale` was added to interface `types`',
      'interface `extra` was added',
      'import `a:b/extra` was added to world `app`',
      'world `cli` was added',
    ]);
  });

  it('a removed function, a changed parameter type and a removed case break', () => {
    const next = base.replace('origin: func() -> point;', '').replace('area: func(s: shape) -> f64;', 'area: func(s: shape) -> f32;').replace(', none }', ' }');
    const result = check(base, next);
    expect(result.compatible).toBe(false);
    expect(breaking(result)).toEqual([
      'type `shape` of interface `types` changed: case `none` was removed',
      'function `area` of interface `types` changed: was `func(s: shape) -> f64`, now `func(s: shape) -> f32`',
      'function `origin` of interface `types` was removed',
    ]);
    expect(result.differences.map((d) => d.item)).toEqual(['interface types: type shape', 'interface types: function area', 'interface types: function origin']);
  });

  it('records, methods, parameter names, worlds: every kind of break is named', () => {
    const next = base
      .replace('record point { x: s32, y: s32 }', 'record point { y: s32, x: s64, z: s32 }')
      .replace('draw: func(s: shape, at: point)', 'draw: func(shape: shape, at: point)')
      .replace('world app { import types; export run: func(); }', 'world app { export run: func(); export stop: func(); }');
    expect(breaking(check(base, next))).toEqual([
      'type `point` of interface `types` changed: field `x` moved from position 1 to 2; field `x` changed type from `s32` to `s64`; field `y` moved from position 2 to 1; field `z` was added',
      'function `[method]canvas.draw` of interface `types` changed: was `func(self: borrow<canvas>, s: shape, at: point) -> result<_, string>`, now `func(self: borrow<canvas>, shape: shape, at: point) -> result<_, string>`',
      'import `a:b/types` of world `app` was removed: a component built for the previous version imports it',
      'export `stop` was added to world `app`: a component built for the previous version does not export it',
    ]);
  });

  it('a removed interface, world or type; a type of another kind', () => {
    const result = check(base, 'interface types { type shape = u32; record point { x: s32, y: s32 } area: func(s: shape) -> f64; origin: func() -> point; }');
    expect(breaking(result)).toEqual([
      'type `shape` of interface `types` changed: was a variant, now an alias',
      'type `canvas` of interface `types` was removed',
      'function `[constructor]canvas` of interface `types` was removed',
      'function `[method]canvas.draw` of interface `types` was removed',
      'world `app` was removed',
    ]);
  });

  it('a world may lose exports but not gain them; an exported interface may not gain functions', () => {
    const previous = 'interface api { get: func() -> string; }\nworld svc { export api; export health: func(); }';
    const dropped = check(previous, 'interface api { get: func() -> string; }\nworld svc { export api; }');
    expect(dropped.compatible).toBe(true);
    expect(fine(dropped)).toEqual(['export `health` of world `svc` was removed']);
    const grown = check(previous, 'interface api { get: func() -> string; put: func(v: string); }\nworld svc { export api; export health: func(); }');
    expect(breaking(grown)).toEqual(['function `put` was added to export `a:b/api` of world `svc`: a component built for the previous version does not export it']);
  });

  it('a new major (or 0.x minor) version need not be compatible, but still lists the differences', () => {
    const result = check(base, 'interface types {}', '1.4.2', '2.0.0');
    expect(result).toMatchObject({ compatibilityRequired: false, compatible: true });
    expect(breaking(result).length).toBeGreaterThan(0);
    expect(check(base, 'interface types {}', '0.2.0', '0.3.0').compatible).toBe(true);
    expect(check(base, 'interface types {}', '0.2.0', '0.2.1').compatible).toBe(false);
  });

  it('another package name is one breaking difference', () => {
    const a = loadWitText('a.wit', 'package a:b@1.0.0; interface i {}');
    const b = loadWitText('b.wit', 'package c:d@1.0.1; interface i {}');
    expect(semverCheck({ resolve: a.resolve, package: a.main }, { resolve: b.resolve, package: b.main }).differences).toEqual([
      { kind: 'changed', breaking: true, item: 'package', message: 'the previous package is a:b, which is not the same as the new package, c:d' },
    ]);
  });

  it('types used from a dependency are matched by name, whatever its version', () => {
    const dep = (v: string) => `package x:y@${v} { interface io { resource reader; } }`;
    const a = loadWitText('a.wit', `package a:b@1.0.0;\ninterface i { use x:y/io@1.0.0.{reader}; read: func(s: borrow<reader>); }\n${dep('1.0.0')}`);
    const b = loadWitText('b.wit', `package a:b@1.0.1;\ninterface i { use x:y/io@1.1.0.{reader}; read: func(s: borrow<reader>); }\n${dep('1.1.0')}`);
    expect(semverCheck({ resolve: a.resolve, package: a.main }, { resolve: b.resolve, package: b.main }).differences).toEqual([]);
  });

  it('nested anonymous types are compared iteratively, up to the parser limit', () => {
    const deep = (inner: string) => `interface i { f: func(x: ${'list<'.repeat(90)}${inner}${'>'.repeat(90)}); }`;
    expect(check(deep('u8'), deep('u8')).differences).toEqual([]);
    expect(check(deep('u8'), deep('u16')).compatible).toBe(false);
  });
});

describe('semverCompatible', () => {
  it('follows wit-parser: same major from 1.0, same minor for 0.x, same patch for 0.0.x', () => {
    const ok = (a: string, b: string) => semverCompatible(parseSemver(a), parseSemver(b));
    expect([ok('1.2.0', '1.9.3'), ok('1.2.0', '2.0.0'), ok('0.2.0', '0.2.7'), ok('0.2.0', '0.3.0'), ok('0.0.1', '0.0.1'), ok('0.0.1', '0.0.2')]).toEqual([
      true, false, true, false, true, false,
    ]);
  });
});
