/**
 * Test-only: rebuilds a {@link Resolve} from the JSON that
 * `wasm-tools component wit --json` prints (wit-parser's serde shapes), so the
 * printer can be checked against the reference before our resolver exists.
 * Spans are all `{start: 0, end: 0}` and the source map is empty.
 */
import { packageNameString } from '../../src/model.js';
import type {
  Case, Docs, EnumCase, Field, Flag, Function, FunctionKind, Interface, Package, PackageName, Param,
  PrimitiveType, Resolve, Stability, Type, TypeDef, TypeDefKind, TypeOwner, World, WorldEntry,
  WorldItem, WorldKey,
} from '../../src/model.js';
import { SourceMap } from '../../src/source-map.js';
import type { Span } from '../../src/source-map.js';

type Json = Record<string, unknown>;

const noSpan: Span = { start: 0, end: 0 };

function fail(what: string, value: unknown): never {
  throw new Error(`unexpected ${what} in wit JSON: ${JSON.stringify(value)}`);
}

function obj(value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('non-object', value);
  return value as Json;
}

function arr(value: unknown): unknown[] {
  if (!Array.isArray(value)) fail('non-array', value);
  return value;
}

function str(value: unknown): string {
  if (typeof value !== 'string') fail('non-string', value);
  return value;
}

function num(value: unknown): number {
  if (typeof value !== 'number') fail('non-number', value);
  return value;
}

function optStr(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : str(value);
}

/** The single `{ tag: payload }` entry of an externally tagged serde enum. */
function tagged(value: unknown): [string, unknown] {
  const entries = Object.entries(obj(value));
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) fail('enum value', value);
  return entry;
}

/** Entries of a serialized `IndexMap`; `JSON.parse` keeps string keys in document order. */
function entries(value: unknown): [string, unknown][] {
  return Object.entries(obj(value));
}

const primitives: ReadonlySet<string> = new Set<PrimitiveType>([
  'bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'string',
  'error-context',
]);

function isPrimitive(value: string): value is PrimitiveType {
  return primitives.has(value);
}

function type(value: unknown): Type {
  if (typeof value === 'number') return value;
  const name = str(value);
  if (!isPrimitive(name)) fail('type', value);
  return name;
}

function optType(value: unknown): Type | undefined {
  return value === undefined || value === null ? undefined : type(value);
}

function docs(value: unknown): Docs {
  return value === undefined ? undefined : str(obj(value)['contents']);
}

function stability(value: unknown): Stability {
  if (value === undefined || value === 'unknown') return { kind: 'unknown' };
  const [tag, payload] = tagged(value);
  const fields = obj(payload);
  const deprecated = optStr(fields['deprecated']);
  switch (tag) {
    case 'stable': return { kind: 'stable', since: str(fields['since']), deprecated };
    case 'unstable': return { kind: 'unstable', feature: str(fields['feature']), deprecated };
    default: return fail('stability', value);
  }
}

function packageName(value: unknown): PackageName {
  const text = str(value);
  const colon = text.indexOf(':');
  const at = text.indexOf('@');
  return {
    namespace: text.slice(0, colon),
    name: text.slice(colon + 1, at < 0 ? undefined : at),
    version: at < 0 ? undefined : text.slice(at + 1),
  };
}

const simpleFunctionKinds = ['freestanding', 'async-freestanding', 'getter', 'setter'] as const;
const resourceFunctionKinds = [
  'method', 'async-method', 'method-getter', 'method-setter', 'static', 'async-static',
  'static-getter', 'static-setter', 'constructor',
] as const;

function functionKind(value: unknown): FunctionKind {
  const simple = simpleFunctionKinds.find((k) => k === value);
  if (simple !== undefined) return { kind: simple };
  const [tag, payload] = tagged(value);
  const kind = resourceFunctionKinds.find((k) => k === tag);
  if (kind === undefined) fail('function kind', value);
  return { kind, resource: num(payload) };
}

function func(value: unknown): Function {
  const f = obj(value);
  return {
    name: str(f['name']),
    kind: functionKind(f['kind']),
    params: arr(f['params']).map((p): Param => {
      const param = obj(p);
      // An empty name is skipped by serde.
      return { name: optStr(param['name']) ?? '', type: type(param['type']), span: noSpan };
    }),
    result: optType(f['result']),
    docs: docs(f['docs']),
    stability: stability(f['stability']),
    span: noSpan,
    externalId: optStr(f['external_id']),
  };
}

function functions(value: unknown): Map<string, Function> {
  return new Map(entries(value).map(([name, f]) => [name, func(f)]));
}

function idMap(value: unknown): Map<string, number> {
  return new Map(entries(value).map(([name, id]) => [name, num(id)]));
}

function typeOwner(value: unknown): TypeOwner {
  if (value === null) return { kind: 'none' };
  const [tag, id] = tagged(value);
  if (tag !== 'world' && tag !== 'interface') fail('type owner', value);
  return { kind: tag, id: num(id) };
}

/** `[a, b]` of a serde tuple variant such as `map` or `fixed-length-list`. */
function pair(value: unknown): [unknown, unknown] {
  const [a, b, ...rest] = arr(value);
  if (rest.length > 0) fail('pair', value);
  return [a, b];
}

function named<T>(value: unknown, key: string, build: (item: Json) => T): T[] {
  return arr(obj(value)[key]).map((item) => build(obj(item)));
}

function typeDefKind(value: unknown): TypeDefKind {
  if (value === 'resource') return { kind: 'resource' };
  if (value === 'unknown') return { kind: 'unknown' };
  const [tag, payload] = tagged(value);
  switch (tag) {
    case 'record':
      return {
        kind: 'record',
        fields: named(payload, 'fields', (f): Field => ({
          name: str(f['name']), type: type(f['type']), docs: docs(f['docs']), span: noSpan,
        })),
      };
    case 'handle': {
      const [handle, resource] = tagged(payload);
      if (handle !== 'own' && handle !== 'borrow') fail('handle', payload);
      return { kind: 'handle', handle, resource: num(resource) };
    }
    case 'flags':
      return {
        kind: 'flags',
        flags: named(payload, 'flags', (f): Flag => ({ name: str(f['name']), docs: docs(f['docs']), span: noSpan })),
      };
    case 'tuple':
      return { kind: 'tuple', types: arr(obj(payload)['types']).map(type) };
    case 'variant':
      return {
        kind: 'variant',
        cases: named(payload, 'cases', (c): Case => ({
          name: str(c['name']), type: optType(c['type']), docs: docs(c['docs']), span: noSpan,
        })),
      };
    case 'enum':
      return {
        kind: 'enum',
        cases: named(payload, 'cases', (c): EnumCase => ({ name: str(c['name']), docs: docs(c['docs']), span: noSpan })),
      };
    case 'option':
      return { kind: 'option', type: type(payload) };
    case 'result': {
      const r = obj(payload);
      return { kind: 'result', ok: optType(r['ok']), err: optType(r['err']) };
    }
    case 'list':
      return { kind: 'list', element: type(payload) };
    case 'map': {
      const [key, val] = pair(payload);
      return { kind: 'map', key: type(key), value: type(val) };
    }
    case 'fixed-length-list': {
      const [element, size] = pair(payload);
      return { kind: 'fixed-length-list', element: type(element), size: num(size) };
    }
    case 'future':
    case 'stream':
      return { kind: tag, type: optType(payload) };
    case 'type':
      return { kind: 'type', type: type(payload) };
    default:
      return fail('type kind', value);
  }
}

function typeDef(value: unknown): TypeDef {
  const t = obj(value);
  return {
    name: optStr(t['name']),
    kind: typeDefKind(t['kind']),
    owner: typeOwner(t['owner']),
    docs: docs(t['docs']),
    stability: stability(t['stability']),
    span: noSpan,
    externalId: optStr(t['external_id']),
  };
}

function iface(value: unknown): Interface {
  const i = obj(value);
  const pkg = i['package'];
  return {
    name: optStr(i['name']),
    types: idMap(i['types']),
    functions: functions(i['functions']),
    docs: docs(i['docs']),
    stability: stability(i['stability']),
    package: pkg === null ? undefined : num(pkg),
    span: noSpan,
    cloneOf: i['clone_of'] === undefined ? undefined : num(i['clone_of']),
  };
}

/** `interface-N` keys name interfaces imported by path; any other key is a kebab name. */
function worldKey(text: string): WorldKey {
  const match = /^interface-(\d+)$/.exec(text);
  return match?.[1] === undefined ? { kind: 'name', name: text } : { kind: 'interface', id: Number(match[1]) };
}

function worldItem(value: unknown): WorldItem {
  const [tag, payload] = tagged(value);
  switch (tag) {
    case 'interface': {
      const i = obj(payload);
      return {
        kind: 'interface',
        id: num(i['id']),
        stability: stability(i['stability']),
        externalId: optStr(i['external_id']),
        docs: docs(i['docs']),
        span: noSpan,
      };
    }
    case 'function':
      return { kind: 'function', function: func(payload) };
    case 'type':
      return { kind: 'type', id: num(payload), span: noSpan };
    default:
      return fail('world item', value);
  }
}

function worldEntries(value: unknown): Map<string, WorldEntry> {
  return new Map(entries(value).map(([key, item]) => [key, { key: worldKey(key), item: worldItem(item) }]));
}

function world(value: unknown): World {
  const w = obj(value);
  const pkg = w['package'];
  return {
    name: str(w['name']),
    imports: worldEntries(w['imports']),
    exports: worldEntries(w['exports']),
    package: pkg === null ? undefined : num(pkg),
    docs: docs(w['docs']),
    stability: stability(w['stability']),
    includes: [],
    span: noSpan,
  };
}

function pkg(value: unknown): Package {
  const p = obj(value);
  return {
    name: packageName(p['name']),
    docs: docs(p['docs']),
    interfaces: idMap(p['interfaces']),
    worlds: idMap(p['worlds']),
  };
}

/** Builds a {@link Resolve} from parsed `wasm-tools component wit --json` output. */
export function resolveFromJson(json: unknown): Resolve {
  const root = obj(json);
  const packages = arr(root['packages']).map(pkg);
  return {
    worlds: arr(root['worlds']).map(world),
    interfaces: arr(root['interfaces']).map(iface),
    types: arr(root['types']).map(typeDef),
    packages,
    packageNames: new Map(packages.map((p, id) => [packageNameString(p.name), id])),
    features: new Set(),
    allFeatures: false,
    featuresSeen: new Set(),
    sourceMap: new SourceMap(),
  };
}
