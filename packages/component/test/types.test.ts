/**
 * The type view (`componentTypes`) against wasmparser 0.263's validator:
 * golden dumps made by `types/oracle/` for WAT and WIT-built components,
 * structural checks of what `wasm-tools print` shows for the same files,
 * typed errors for inconsistent input, and a property test that corrupted
 * indices only ever raise `ComponentTypeError`.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ComponentTypeError, componentTypes, decodeComponent, peelAlias, typeInfo,
} from '@weld/component';
import type {
  AnyTypeId, Component, ComponentItem, ComponentTypes, EntityType, FuncTypeInfo, InstanceTypeInfo, ValueType,
} from '@weld/component';
import { dumpTypes } from './types-dump.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'types');
const root = join(here, '..', '..', '..');
const wasiWit = join(root, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');

const wasmTools = wasmToolsPath;

type Case =
  | { readonly name: string; readonly wat: string }
  | { readonly name: string; readonly wit: string; readonly world: string }
  | { readonly name: string; readonly witPackage: string };

/** Each has a golden `types/golden/NAME.types.txt` printed by the oracle. */
const CASES: readonly Case[] = [
  { name: 'instance-imports', wat: 'instance-imports.wat' },
  { name: 'instantiate', wat: 'instantiate.wat' },
  { name: 'type-context', wat: 'type-context.wat' },
  { name: 'shapes-app', wit: 'shapes.wit', world: 'app' },
  { name: 'shapes-package', witPackage: 'shapes.wit' },
  { name: 'mixed-node', wit: 'mixed.wit', world: 'node' },
  { name: 'wasi-command', wit: 'wasi', world: 'command' },
  { name: 'wasi-proxy', wit: 'wasi', world: 'proxy' },
];

let work = '';
const built = new Map<string, Uint8Array>();

function bytesOf(name: string): Uint8Array {
  const bytes = built.get(name);
  if (bytes === undefined) throw new Error(`fixture ${name} was not built`);
  return bytes;
}

function typesOf(name: string): ComponentTypes {
  return componentTypes(decodeComponent(bytesOf(name)));
}

beforeAll(() => {
  const tools = wasmTools();
  const run = (...args: string[]): void => {
    execFileSync(tools, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  work = mkdtempSync(join(tmpdir(), 'weld-types-'));
  // The WASI worlds: `wasi.wit` beside a `deps/` of jco's builtin packages.
  const wasi = join(work, 'wasi');
  mkdirSync(join(wasi, 'deps'), { recursive: true });
  copyFileSync(join(fixtures, 'wasi.wit'), join(wasi, 'wasi.wit'));
  for (const pkg of readdirSync(wasiWit)) symlinkSync(join(wasiWit, pkg), join(wasi, 'deps', pkg));

  for (const c of CASES) {
    const out = join(work, `${c.name}.wasm`);
    if ('wat' in c) {
      run('parse', join(fixtures, c.wat), '-o', out);
    } else if ('world' in c) {
      const wit = c.wit === 'wasi' ? wasi : join(fixtures, c.wit);
      const core = join(work, `${c.name}.core.wasm`);
      run('component', 'embed', '--dummy', wit, '--world', c.world, '-o', core);
      run('component', 'new', core, '-o', out);
    } else {
      run('component', 'wit', join(fixtures, c.witPackage), '--wasm', '-o', out);
    }
    built.set(c.name, readFileSync(out));
  }
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('componentTypes matches wasmparser', () => {
  for (const c of CASES) {
    it(`${c.name}: the same ids, alias chains and resources as the oracle's golden`, () => {
      const golden = join(fixtures, 'golden', `${c.name}.types.txt`);
      const actual = dumpTypes(typesOf(c.name));
      if (process.env['BLESS'] === '1') writeFileSync(golden, actual);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }

  // The oracle (types/oracle, a few lines over wasmparser) is built on first
  // use; then every WAT fixture of the codec and every real-world fixture
  // component is compared against it too.
  it('every other component on hand, against the oracle itself', () => {
    const oracle = process.env['WELD_TYPES_ORACLE'] ?? buildOracle();
    const tools = wasmTools();
    const files: string[] = [];
    const watDir = join(here, 'wat');
    for (const f of readdirSync(watDir).filter((f) => f.endsWith('.wat'))) {
      const out = join(work, `codec-${f}.wasm`);
      execFileSync(tools, ['parse', join(watDir, f), '-o', out]);
      files.push(out);
    }
    const out = join(root, 'test', 'fixtures', 'out');
    if (existsSync(out)) files.push(...readdirSync(out).filter((f) => f.endsWith('.wasm')).map((f) => join(out, f)));
    for (const file of files) {
      const expected = execFileSync(oracle, [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(dumpTypes(componentTypes(decodeComponent(readFileSync(file)))), file).toBe(expected);
    }
  }, 600_000);
});

/** Builds the wasmparser oracle with cargo (a no-op when it is up to date) and returns its path. */
function buildOracle(): string {
  const targetDir = join(root, '.weld', 'cache', 'types-oracle');
  execFileSync('cargo', [
    'build', '--release', '--locked', '--quiet',
    '--manifest-path', join(here, 'types', 'oracle', 'Cargo.toml'),
    '--target-dir', targetDir,
  ], { stdio: ['ignore', 'inherit', 'inherit'] });
  return join(targetDir, 'release', 'weld-types-oracle');
}

// ---------------------------------------------------------------------------
// Structure, as `wasm-tools print` shows it.

function item(items: ReadonlyMap<string, ComponentItem>, name: string): EntityType {
  const found = items.get(name);
  if (found === undefined) throw new Error(`no item ${name} in [${[...items.keys()].join(', ')}]`);
  return found.type;
}

function instanceType(t: ComponentTypes, entity: EntityType): InstanceTypeInfo {
  if (entity.kind !== 'instance') throw new Error(`expected an instance, got ${entity.kind}`);
  const info = typeInfo(t.arena, entity.id);
  if (info.kind !== 'instance') throw new Error(`instance id ${entity.id} is ${info.kind}`);
  return info.type;
}

function funcType(t: ComponentTypes, entity: EntityType): FuncTypeInfo {
  if (entity.kind !== 'func') throw new Error(`expected a func, got ${entity.kind}`);
  const info = typeInfo(t.arena, entity.id);
  if (info.kind !== 'func') throw new Error(`func id ${entity.id} is ${info.kind}`);
  return info.type;
}

function typeExport(entity: EntityType): { referenced: AnyTypeId; created: AnyTypeId } {
  if (entity.kind !== 'type') throw new Error(`expected a type, got ${entity.kind}`);
  return entity;
}

/** `id`, then what it was made from, back to the definition. */
function aliasChain(t: ComponentTypes, id: AnyTypeId): AnyTypeId[] {
  const chain = [id];
  for (let next = peelAlias(t.arena, id); next !== undefined; next = peelAlias(t.arena, next)) chain.push(next);
  return chain;
}

function defined(t: ComponentTypes, type: ValueType | undefined): string {
  if (type === undefined) return '_';
  if (typeof type !== 'number') return type;
  const info = typeInfo(t.arena, type);
  if (info.kind !== 'defined') return info.kind;
  return info.type.kind;
}

/** The id an own/borrow names, from a value type. */
function handle(t: ComponentTypes, type: ValueType | undefined, kind: 'own' | 'borrow'): AnyTypeId {
  if (typeof type !== 'number') throw new Error(`expected a handle, got ${String(type)}`);
  const info = typeInfo(t.arena, type);
  if (info.kind !== 'defined' || info.type.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(info)}`);
  return info.type.resource;
}

function resourceOf(t: ComponentTypes, id: AnyTypeId): number {
  const info = typeInfo(t.arena, id);
  if (info.kind !== 'resource') throw new Error(`expected a resource, got ${info.kind}`);
  return info.resource;
}

describe('a component made by `wasm-tools component new` (shapes.wit, world app)', () => {
  it('lists imports and exports in order with the right sorts', () => {
    const t = typesOf('shapes-app');
    expect([...t.imports].map(([n, i]) => `${n}:${i.type.kind}`)).toEqual([
      'test:shapes/types@0.1.0:instance',
      'test:shapes/canvas@0.1.0:instance',
      'point:type',
      'log:func',
    ]);
    expect([...t.exports].map(([n, i]) => `${n}:${i.type.kind}`)).toEqual([
      'area:func',
      'nearest:func',
      'test:shapes/geometry@0.1.0:instance',
    ]);
    expect(t.component.imports).toEqual(t.imports);
    expect(t.component.exports).toEqual(t.exports);
  });

  it('gives imported instance types their exports in declaration order', () => {
    const t = typesOf('shapes-app');
    const types = instanceType(t, item(t.imports, 'test:shapes/types@0.1.0'));
    expect([...types.exports.keys()]).toEqual(['point', 'shape', 'color', 'points']);
    const canvas = instanceType(t, item(t.imports, 'test:shapes/canvas@0.1.0'));
    expect([...canvas.exports.keys()]).toEqual([
      'surface', 'shape', 'color', 'point',
      '[constructor]surface', '[method]surface.draw', '[method]surface.size',
      '[method]surface.snapshot', '[static]surface.merge', 'origin',
    ]);
    expect(types.definedResources).toEqual([]);
    const surface = typeExport(item(canvas.exports, 'surface'));
    // `(export "surface" (type (sub resource)))`: a resource introduced in place.
    expect(surface.created).toBe(surface.referenced);
    expect(typeInfo(t.arena, surface.created).kind).toBe('resource');
    expect(t.component.importedResources).toEqual([[resourceOf(t, surface.created), [1, 0]]]);
  });

  it('traces a `use`d record back to the imported interface that defines it', () => {
    const t = typesOf('shapes-app');
    const types = instanceType(t, item(t.imports, 'test:shapes/types@0.1.0'));
    const canvas = instanceType(t, item(t.imports, 'test:shapes/canvas@0.1.0'));
    const geometry = instanceType(t, item(t.exports, 'test:shapes/geometry@0.1.0'));
    const defined = typeExport(item(types.exports, 'point'));
    // (export "point" (type (eq 0))): created is a unique alias of the record.
    expect(peelAlias(t.arena, defined.created)).toBe(defined.referenced);
    expect(peelAlias(t.arena, defined.referenced)).toBeUndefined();
    expect(typeInfo(t.arena, defined.referenced)).toEqual(typeInfo(t.arena, defined.created));

    // canvas `use types.{point}`: (alias outer 1 $point) then (export "point" (type (eq 5))).
    expect(typeExport(item(canvas.exports, 'point')).referenced).toBe(defined.created);
    // The world's `use types.{point}`: (import "point" (type (eq $point))).
    const worldPoint = typeExport(item(t.imports, 'point'));
    expect(worldPoint.referenced).toBe(defined.created);
    expect(aliasChain(t, worldPoint.created)).toEqual([worldPoint.created, defined.created, defined.referenced]);
    // The exported geometry, made by the shim and instantiated with the imported point.
    expect(typeExport(item(geometry.exports, 'point')).referenced).toBe(defined.created);
  });

  it('keeps resource identity through the shim and into exported functions', () => {
    const t = typesOf('shapes-app');
    const canvas = instanceType(t, item(t.imports, 'test:shapes/canvas@0.1.0'));
    const geometry = instanceType(t, item(t.exports, 'test:shapes/geometry@0.1.0'));
    const surface = typeExport(item(canvas.exports, 'surface'));
    const exportedSurface = typeExport(item(geometry.exports, 'surface'));
    expect(exportedSurface.referenced).toBe(surface.created);
    expect(peelAlias(t.arena, exportedSurface.created)).toBe(surface.created);
    expect(resourceOf(t, exportedSurface.created)).toBe(resourceOf(t, surface.created));

    const path = typeExport(item(geometry.exports, 'path'));
    expect(resourceOf(t, path.created)).not.toBe(resourceOf(t, surface.created));
    // path is defined by the component (its core module), not imported.
    expect(t.component.definedResources).toEqual([[resourceOf(t, path.created), [2, 4]]]);

    const ctor = funcType(t, item(geometry.exports, '[constructor]path'));
    expect(ctor.params.map((p) => p.name)).toEqual(['start']);
    expect(handle(t, ctor.result, 'own')).toBe(path.created);
    const render = funcType(t, item(geometry.exports, '[method]path.render'));
    expect(render.params.map((p) => p.name)).toEqual(['self', 'on']);
    expect(handle(t, render.params[0]?.type, 'borrow')).toBe(path.created);
    expect(handle(t, render.params[1]?.type, 'borrow')).toBe(exportedSurface.created);
    expect(defined(t, render.result)).toBe('option');

    const draw = funcType(t, item(canvas.exports, '[method]surface.draw'));
    expect(handle(t, draw.params[0]?.type, 'borrow')).toBe(surface.created);
    const merge = funcType(t, item(canvas.exports, '[static]surface.merge'));
    expect(handle(t, merge.params[1]?.type, 'own')).toBe(surface.created);
    expect(handle(t, merge.result, 'own')).toBe(surface.created);
  });

  it('types exported functions with the imported world types', () => {
    const t = typesOf('shapes-app');
    const worldPoint = typeExport(item(t.imports, 'point'));
    const area = funcType(t, item(t.exports, 'area'));
    expect(area.async).toBe(false);
    expect(area.params.map((p) => `${p.name}:${defined(t, p.type)}`)).toEqual(['ps:list']);
    expect(area.result).toBe('f64');
    const nearest = funcType(t, item(t.exports, 'nearest'));
    expect(nearest.params.map((p) => `${p.name}:${defined(t, p.type)}`)).toEqual(['ps:list', 'p:record']);
    expect(nearest.params[1]?.type).toBe(worldPoint.created);
    const list = typeInfo(t.arena, nearest.params[0]?.type as AnyTypeId);
    expect(list).toEqual({ kind: 'defined', type: { kind: 'list', element: worldPoint.created } });
    expect(typeInfo(t.arena, nearest.result as AnyTypeId)).toEqual({ kind: 'defined', type: { kind: 'option', type: 'u32' } });
    const log = funcType(t, item(t.imports, 'log'));
    expect(log).toEqual({ async: false, params: [{ name: 'msg', type: 'string' }], result: undefined });
  });
});

describe('resources across interfaces (mixed.wit, world node)', () => {
  it('uses the imported store blob in the exported cache and local interfaces', () => {
    const t = typesOf('mixed-node');
    const store = instanceType(t, item(t.imports, 'test:mixed/store'));
    const cache = instanceType(t, item(t.exports, 'test:mixed/cache'));
    const local = instanceType(t, item(t.exports, 'local'));
    const blob = typeExport(item(store.exports, 'blob')).created;
    expect(typeExport(item(cache.exports, 'blob')).referenced).toBe(blob);
    expect(typeExport(item(local.exports, 'blob')).referenced).toBe(blob);
    // entry is a record over blob: `use`d, so cache's entry refers to the store's.
    const entry = typeExport(item(store.exports, 'entry')).created;
    expect(typeExport(item(cache.exports, 'entry')).referenced).toBe(entry);

    const counter = typeExport(item(local.exports, 'counter')).created;
    const handle2 = typeExport(item(cache.exports, 'handle')).created;
    const defined = t.component.definedResources.map(([r]) => r);
    expect(defined).toEqual([resourceOf(t, handle2), resourceOf(t, counter)]);
    const wrap = funcType(t, item(local.exports, '[method]counter.wrap'));
    expect(handle(t, wrap.params[1]?.type, 'own')).toBe(typeExport(item(local.exports, 'blob')).created);
    expect(handle(t, wrap.result, 'own')).toBe(counter);
    // World-level types: (import "stats" (type (eq ..))) and the exported function using it.
    const stats = typeExport(item(t.imports, 'stats'));
    expect(funcType(t, item(t.imports, 'get-stats')).result).toBe(stats.created);
  });
});

describe('the WASI 0.2.12 proxy world', () => {
  it('types the exported handler with the imported wasi:http/types resources', () => {
    const t = typesOf('wasi-proxy');
    const types = instanceType(t, item(t.imports, 'wasi:http/types@0.2.12'));
    const handler = instanceType(t, item(t.exports, 'wasi:http/incoming-handler@0.2.12'));
    const handle2 = funcType(t, item(handler.exports, 'handle'));
    expect(handle2.params.map((p) => p.name)).toEqual(['request', 'response-out']);
    const request = handle(t, handle2.params[0]?.type, 'own');
    const exportedRequest = typeExport(item(handler.exports, 'incoming-request'));
    expect(request).toBe(exportedRequest.created);
    expect(exportedRequest.referenced).toBe(typeExport(item(types.exports, 'incoming-request')).created);
    expect(resourceOf(t, request)).toBe(resourceOf(t, typeExport(item(types.exports, 'incoming-request')).created));
    // Every imported resource has a path to where it is exported by name.
    for (const [resource, path] of t.component.importedResources) {
      const [first, ...rest] = path;
      let entity = [...t.imports.values()][first as number]?.type;
      for (const i of rest) entity = [...instanceType(t, entity as EntityType).exports.values()][i]?.type;
      expect(resourceOf(t, typeExport(entity as EntityType).created)).toBe(resource);
    }
  });
});

describe('instances and resources in WAT', () => {
  it('gives each import of one instance type its own resources', () => {
    const t = typesOf('instance-imports');
    const a = typeExport(item(t.exports, 'ar'));
    const b = typeExport(item(t.exports, 'br'));
    expect(resourceOf(t, a.created)).not.toBe(resourceOf(t, b.created));
    expect(t.component.importedResources.map(([, p]) => p)).toEqual([[0, 0], [1, 0], [3]]);
    // An aliased instance export keeps the instance type's id: `c2` is (eq $ar).
    const aExports = instanceType(t, item(t.imports, 'a')).exports;
    expect(a.referenced).toBe(typeExport(item(aExports, 'r')).created);
    const c = typeExport(item(t.imports, 'c'));
    expect(c.referenced).toBe(a.referenced);
    expect(peelAlias(t.arena, c.created)).toBe(a.referenced);
  });

  it('replaces imports by the arguments and makes defined resources fresh per instance', () => {
    const t = typesOf('instantiate');
    const host = instanceType(t, item(t.imports, 'host'));
    const file = typeExport(item(host.exports, 'file')).created;
    const one = instanceType(t, item(t.exports, 'one'));
    const two = instanceType(t, item(t.exports, 'two'));
    expect(resourceOf(t, typeExport(item(one.exports, 'file2')).created)).toBe(resourceOf(t, file));
    expect(typeExport(item(one.exports, 'file2')).referenced).toBe(file);
    const res1 = typeExport(item(one.exports, 'res')).created;
    const res2 = typeExport(item(two.exports, 'res')).created;
    expect(resourceOf(t, res1)).not.toBe(resourceOf(t, res2));
    expect(typeExport(item(one.exports, 'point2')).referenced).toBe(typeExport(item(host.exports, 'point')).created);
    const open2 = funcType(t, item(one.exports, 'open2'));
    expect(resourceOf(t, handle(t, open2.result, 'own'))).toBe(resourceOf(t, file));
    expect(t.component.definedResources.map(([, p]) => p)).toEqual([[0, 0], [1, 0]]);
  });
});

// ---------------------------------------------------------------------------
// Errors.

function component(...sections: Component['sections']): Component {
  return { version: 0x0d, layer: 1, sections };
}

const name = (n: string) => ({ name: n, implements: undefined, versionSuffix: undefined, externalId: undefined });

function errorOf(c: Component): ComponentTypeError {
  try {
    componentTypes(c);
  } catch (e) {
    if (e instanceof ComponentTypeError) return e;
    throw e;
  }
  throw new Error('expected a ComponentTypeError');
}

describe('inconsistent input', () => {
  it('reports an index past the end of its space, naming space and index', () => {
    const e = errorOf(component({ kind: 'import', imports: [{ name: name('f'), type: { kind: 'func', index: 3 } }] }));
    expect(e.kind).toBe('index-out-of-bounds');
    expect(e.message).toContain('unknown type 3');
    expect(e.message).toContain('section 0');
    expect(errorOf(component({ kind: 'export', exports: [{ name: name('f'), sort: 'func', index: 0, type: undefined }] })).message)
      .toContain('unknown function 0');
  });

  it('reports an index of the wrong sort', () => {
    const e = errorOf(component(
      { kind: 'type', types: [{ kind: 'list', element: 'u8' }] },
      { kind: 'import', imports: [{ name: name('f'), type: { kind: 'func', index: 0 } }] },
    ));
    expect(e.kind).toBe('wrong-sort');
    expect(e.message).toContain('type index 0 is not a function type');
    const own = errorOf(component(
      { kind: 'type', types: [{ kind: 'list', element: 'u8' }, { kind: 'own', resource: 0 }] },
    ));
    expect(own.message).toContain('type index 0 is not a resource type');
  });

  it('reports missing instance exports, missing arguments, duplicates and bad outer aliases', () => {
    const inst = { kind: 'instance', decls: [] } as const;
    expect(errorOf(component(
      { kind: 'type', types: [inst] },
      { kind: 'import', imports: [{ name: name('i'), type: { kind: 'instance', index: 0 } }] },
      { kind: 'alias', aliases: [{ kind: 'instance-export', sort: 'func', instance: 0, name: 'nope' }] },
    )).kind).toBe('missing-export');
    expect(errorOf(component(
      { kind: 'type', types: [{ kind: 'component', decls: [{ kind: 'import', name: name('x'), type: { kind: 'type', bounds: { kind: 'sub-resource' } } }] }] },
      { kind: 'import', imports: [{ name: name('c'), type: { kind: 'component', index: 0 } }] },
      { kind: 'instance', instances: [{ kind: 'instantiate', component: 0, args: [] }] },
    )).kind).toBe('missing-argument');
    expect(errorOf(component(
      { kind: 'type', types: [inst] },
      { kind: 'import', imports: [{ name: name('i'), type: { kind: 'instance', index: 0 } }, { name: name('i'), type: { kind: 'instance', index: 0 } }] },
    )).kind).toBe('duplicate-name');
    expect(errorOf(component(
      { kind: 'alias', aliases: [{ kind: 'outer', sort: 'type', count: 1, index: 0 }] },
    )).kind).toBe('invalid-outer-alias');
    expect(errorOf(component(
      { kind: 'type', types: [{ kind: 'instance', decls: [{ kind: 'type', type: { kind: 'resource', rep: 'i32', destructor: undefined } }] }] },
    )).kind).toBe('invalid-resource');
  });

  it('rejects unknown ids in peelAlias and typeInfo with a ComponentTypeError', () => {
    const t = componentTypes(component());
    expect(() => typeInfo(t.arena, 0)).toThrow(ComponentTypeError);
    expect(() => peelAlias(t.arena, -1)).toThrow(ComponentTypeError);
  });

  it('raises only ComponentTypeError when any index of a real component is corrupted', () => {
    const models = ['shapes-app', 'mixed-node', 'instantiate', 'type-context', 'instance-imports']
      .map((n) => decodeComponent(bytesOf(n)));
    const sites = models.map(indexSites);
    fc.assert(
      fc.property(
        fc.nat({ max: models.length - 1 }),
        fc.nat(),
        fc.oneof(fc.nat({ max: 40 }), fc.nat()),
        (which, site, value) => {
          const list = sites[which] as Site[];
          const chosen = list[site % list.length] as Site;
          const broken = withIndex(models[which] as Component, chosen, value);
          try {
            componentTypes(broken);
          } catch (e) {
            if (!(e instanceof ComponentTypeError)) throw e;
          }
        },
      ),
      { numRuns: Number(process.env["TYPES_RUNS"] ?? 400) },
    );
  });
});

/** A path to a numeric index field of the model. */
type Site = readonly (string | number)[];

const INDEX_FIELDS = new Set(['index', 'instance', 'component', 'func', 'resource', 'module', 'coreFunc', 'count', 'type', 'element', 'key', 'value', 'ok', 'err', 'result']);

/** Every index-like field of a model, skipping core module bytes. */
function indexSites(model: Component): Site[] {
  const sites: Site[] = [];
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (value instanceof Uint8Array || value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      if (typeof v === 'number' && typeof key === 'string' && INDEX_FIELDS.has(key)) sites.push([...path, key]);
      else walk(v, [...path, key]);
    }
  };
  walk(model, []);
  return sites;
}

function withIndex(value: unknown, site: Site, index: number): never {
  const [head, ...rest] = site;
  if (head === undefined) return index as never;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = withIndex(value[head as number], rest, index);
    return copy as never;
  }
  const record = value as Record<string, unknown>;
  return { ...record, [head]: withIndex(record[head as string], rest, index) } as never;
}
