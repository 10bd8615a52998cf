/**
 * The `package-docs` custom section: docs and `@since`/`@unstable`/
 * `@deprecated` gates, which the component binary format has no place for,
 * stored as JSON next to a WIT package (or a component's world) and injected
 * back after decoding. A port of wit-parser's `src/metadata.rs`: reading
 * formats v0 and v1, `inject`, and writing (v1, as the reference writes it).
 */
import { interfaceIdOf, stabilityJson, unreachable } from '@weld/wit';
import type { Docs, Function, InterfaceId, Json, PackageId, Resolve, Stability, TypeId, WorldEntry, WorldId } from '@weld/wit';
import type { CustomSection } from '../model/index.js';
import { WitDecodeError } from './errors.js';

/** The section version this reader understands; v0 is a subset of it. */
const packageDocsVersion = 1;

/** Docs and gates of one package, its worlds and its interfaces. */
export interface PackageMetadata {
  readonly docs: Docs;
  readonly worlds: ReadonlyMap<string, WorldMetadata>;
  readonly interfaces: ReadonlyMap<string, InterfaceMetadata>;
}

/** Docs and gates of a world and of what it imports and exports. */
export interface WorldMetadata {
  readonly docs: Docs;
  readonly stability: Stability;
  /** Inline interfaces by name: imported, or exported when no import has that name (v0: `interfaces`). */
  readonly interfaceImportsOrExports: ReadonlyMap<string, InterfaceMetadata>;
  /** Types the world defines (always imports). */
  readonly types: ReadonlyMap<string, TypeMetadata>;
  /** Functions by name: imported, or exported when no import has that name (v0: `funcs`). */
  readonly funcImportsOrExports: ReadonlyMap<string, FunctionMetadata>;
  readonly interfaceExports: ReadonlyMap<string, InterfaceMetadata>;
  readonly funcExports: ReadonlyMap<string, FunctionMetadata>;
  /** Gates and docs of interfaces imported or exported by id, keyed by `ns:pkg/iface@version`. */
  readonly interfaceImportStability: ReadonlyMap<string, Stability>;
  readonly interfaceExportStability: ReadonlyMap<string, Stability>;
  readonly interfaceImportDocs: ReadonlyMap<string, string>;
  readonly interfaceExportDocs: ReadonlyMap<string, string>;
}

/** Docs and gates of an interface, its functions and its types. */
export interface InterfaceMetadata {
  readonly docs: Docs;
  readonly stability: Stability;
  readonly funcs: ReadonlyMap<string, FunctionMetadata>;
  readonly types: ReadonlyMap<string, TypeMetadata>;
}

/** v0 stored a function's docs alone; v1 stores docs and a gate. */
export type FunctionMetadata =
  | { readonly kind: 'just-docs'; readonly docs: Docs }
  | { readonly kind: 'docs-and-stability'; readonly docs: Docs; readonly stability: Stability };

/** Docs and gate of a type, and the docs of its fields, cases or flags (`items`). */
export interface TypeMetadata {
  readonly docs: Docs;
  readonly stability: Stability;
  readonly items: ReadonlyMap<string, string>;
}

/**
 * The one `package-docs` section among `customs`, parsed; undefined when there
 * is none. Throws {@link WitDecodeError} for several sections, an unknown
 * version, or JSON that does not have the expected shape.
 */
export function findPackageMetadata(customs: Iterable<CustomSection>): PackageMetadata | undefined {
  let found: PackageMetadata | undefined;
  for (const custom of customs) {
    if (custom.name !== 'package-docs') continue;
    if (found) throw new WitDecodeError('multiple "package-docs" sections');
    if (custom.kind !== 'package-docs') throw new WitDecodeError('the "package-docs" section is not a version byte followed by UTF-8 JSON');
    found = parsePackageMetadata(custom.version, custom.json);
  }
  return found;
}

/** Parses the JSON of a `package-docs` section of format `version` (0 or 1). */
export function parsePackageMetadata(version: number, json: string): PackageMetadata {
  if (version !== 0 && version !== packageDocsVersion) {
    throw new WitDecodeError(`expected package-docs version ${packageDocsVersion}, got Some(${version})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new WitDecodeError(`invalid package-docs JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return packageMetadata(value, 'package-docs');
}

// ---------------------------------------------------------------------------
// Reading the JSON. Like serde with `deny_unknown_fields`: every field is
// optional (null counts as absent for docs), unknown fields are errors.

type JsonObject = { readonly [key: string]: unknown };

function object(value: unknown, where: string, fields: readonly string[]): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WitDecodeError(`${where}: expected an object`);
  for (const key of Object.keys(value)) {
    if (!fields.includes(key)) throw new WitDecodeError(`${where}: unknown field \`${key}\`, expected one of ${fields.map((f) => `\`${f}\``).join(', ')}`);
  }
  return value as JsonObject;
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new WitDecodeError(`${where}: expected a string`);
  return value;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new WitDecodeError(`${where}: expected a string`);
  return value;
}

function map<T>(value: unknown, where: string, item: (value: unknown, where: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  if (value === undefined) return out;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WitDecodeError(`${where}: expected an object`);
  for (const [key, v] of Object.entries(value)) out.set(key, item(v, `${where}.${key}`));
  return out;
}

function stability(value: unknown, where: string): Stability {
  if (value === undefined || value === 'unknown') return { kind: 'unknown' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WitDecodeError(`${where}: expected a stability`);
  const entries = Object.entries(value);
  const [tag, body] = entries[0] ?? [];
  if (entries.length !== 1 || typeof body !== 'object' || body === null) throw new WitDecodeError(`${where}: expected a stability`);
  const fields = body as JsonObject;
  const deprecated = optionalString(fields['deprecated'], `${where}.deprecated`);
  if (tag === 'stable') return { kind: 'stable', since: string(fields['since'], `${where}.since`), deprecated };
  if (tag === 'unstable') return { kind: 'unstable', feature: string(fields['feature'], `${where}.feature`), deprecated };
  throw new WitDecodeError(`${where}: unknown stability \`${tag}\``);
}

function packageMetadata(value: unknown, where: string): PackageMetadata {
  const o = object(value, where, ['docs', 'worlds', 'interfaces']);
  return {
    docs: optionalString(o['docs'], `${where}.docs`),
    worlds: map(o['worlds'], `${where}.worlds`, worldMetadata),
    interfaces: map(o['interfaces'], `${where}.interfaces`, interfaceMetadata),
  };
}

function worldMetadata(value: unknown, where: string): WorldMetadata {
  const o = object(value, where, [
    'docs', 'stability', 'interfaces', 'types', 'funcs', 'interface_exports', 'func_exports',
    'interface_import_stability', 'interface_export_stability', 'interface_import_docs', 'interface_export_docs',
  ]);
  return {
    docs: optionalString(o['docs'], `${where}.docs`),
    stability: stability(o['stability'], `${where}.stability`),
    interfaceImportsOrExports: map(o['interfaces'], `${where}.interfaces`, interfaceMetadata),
    types: map(o['types'], `${where}.types`, typeMetadata),
    funcImportsOrExports: map(o['funcs'], `${where}.funcs`, functionMetadata),
    interfaceExports: map(o['interface_exports'], `${where}.interface_exports`, interfaceMetadata),
    funcExports: map(o['func_exports'], `${where}.func_exports`, functionMetadata),
    interfaceImportStability: map(o['interface_import_stability'], `${where}.interface_import_stability`, stability),
    interfaceExportStability: map(o['interface_export_stability'], `${where}.interface_export_stability`, stability),
    interfaceImportDocs: map(o['interface_import_docs'], `${where}.interface_import_docs`, string),
    interfaceExportDocs: map(o['interface_export_docs'], `${where}.interface_export_docs`, string),
  };
}

function interfaceMetadata(value: unknown, where: string): InterfaceMetadata {
  const o = object(value, where, ['docs', 'stability', 'funcs', 'types']);
  return {
    docs: optionalString(o['docs'], `${where}.docs`),
    stability: stability(o['stability'], `${where}.stability`),
    funcs: map(o['funcs'], `${where}.funcs`, functionMetadata),
    types: map(o['types'], `${where}.types`, typeMetadata),
  };
}

/** Untagged: a string or null is v0's docs alone, an object is v1's docs and gate. */
function functionMetadata(value: unknown, where: string): FunctionMetadata {
  if (value === null || typeof value === 'string') return { kind: 'just-docs', docs: value ?? undefined };
  const o = object(value, where, ['docs', 'stability']);
  return { kind: 'docs-and-stability', docs: optionalString(o['docs'], `${where}.docs`), stability: stability(o['stability'], `${where}.stability`) };
}

function typeMetadata(value: unknown, where: string): TypeMetadata {
  const o = object(value, where, ['docs', 'stability', 'items']);
  return {
    docs: optionalString(o['docs'], `${where}.docs`),
    stability: stability(o['stability'], `${where}.stability`),
    items: map(o['items'], `${where}.items`, string),
  };
}

// ---------------------------------------------------------------------------
// Injecting. Docs are set when present; gates always (an absent gate clears).

/** Writes the docs and gates of `metadata` into package `pkg` of `resolve`, overriding what is there. */
export function injectPackageMetadata(metadata: PackageMetadata, resolve: Resolve, pkg: PackageId): void {
  const target = resolve.packages[pkg]!;
  for (const [name, data] of metadata.worlds) {
    const id = target.worlds.get(name);
    if (id === undefined) throw new WitDecodeError(`missing world ${JSON.stringify(name)}`);
    injectWorld(data, resolve, id);
  }
  for (const [name, data] of metadata.interfaces) {
    const id = target.interfaces.get(name);
    if (id === undefined) throw new WitDecodeError(`missing interface ${JSON.stringify(name)}`);
    injectInterface(data, resolve, id);
  }
  if (metadata.docs !== undefined) target.docs = metadata.docs;
}

/** The entry filed under the plain name `name` (not an interface id). */
function named(entries: ReadonlyMap<string, WorldEntry>, name: string): WorldEntry | undefined {
  const entry = entries.get(name);
  return entry?.key.kind === 'name' ? entry : undefined;
}

/** `name_world_key`: a plain name, or `ns:pkg/iface@version`. */
function worldKeyString(resolve: Resolve, entry: WorldEntry): string {
  if (entry.key.kind === 'name') return entry.key.name;
  const id = interfaceIdOf(resolve, entry.key.id);
  if (id === undefined) throw new WitDecodeError('an interface imported by id has no name');
  return id;
}

function injectWorld(data: WorldMetadata, resolve: Resolve, id: WorldId): void {
  const world = resolve.worlds[id]!;
  const inlineInterfaces = [
    ...[...data.interfaceImportsOrExports].map(([name, d]) => ({ name, d, onlyExport: false })),
    ...[...data.interfaceExports].map(([name, d]) => ({ name, d, onlyExport: true })),
  ];
  for (const { name, d, onlyExport } of inlineInterfaces) {
    const entry = onlyExport ? named(world.exports, name) : named(world.imports, name) ?? named(world.exports, name);
    if (entry?.item.kind !== 'interface') throw new WitDecodeError(`missing interface ${JSON.stringify(name)}`);
    entry.item.stability = d.stability;
    injectInterface(d, resolve, entry.item.id);
  }

  for (const [name, d] of data.types) {
    const entry = named(world.imports, name);
    if (entry?.item.kind !== 'type') throw new WitDecodeError(`missing type ${JSON.stringify(name)}`);
    injectType(d, resolve, entry.item.id);
  }

  // Interfaces imported or exported by id are found by their id string.
  const byKey = new Map<string, WorldEntry>();
  for (const [entries, direction] of [[world.imports, 'import'], [world.exports, 'export']] as const) {
    for (const entry of entries.values()) {
      if (entry.item.kind === 'interface') {
        byKey.set(`${direction} ${worldKeyString(resolve, entry)}`, entry);
      }
    }
  }
  const lookup = (name: string, direction: 'import' | 'export'): WorldEntry & { item: { kind: 'interface' } } => {
    const entry = byKey.get(`${direction} ${name}`);
    if (entry === undefined) throw new WitDecodeError(`missing interface \`${name}\``);
    if (entry.item.kind !== 'interface') throw new WitDecodeError(`item \`${name}\` wasn't an interface`);
    return entry as WorldEntry & { item: { kind: 'interface' } };
  };
  for (const [name, s] of data.interfaceImportStability) lookup(name, 'import').item.stability = s;
  for (const [name, s] of data.interfaceExportStability) lookup(name, 'export').item.stability = s;
  for (const [name, docs] of data.interfaceImportDocs) lookup(name, 'import').item.docs = docs;
  for (const [name, docs] of data.interfaceExportDocs) lookup(name, 'export').item.docs = docs;

  const functions = [
    ...[...data.funcImportsOrExports].map(([name, d]) => ({ name, d, onlyExport: false })),
    ...[...data.funcExports].map(([name, d]) => ({ name, d, onlyExport: true })),
  ];
  for (const { name, d, onlyExport } of functions) {
    const entry = onlyExport ? named(world.exports, name) : named(world.imports, name) ?? named(world.exports, name);
    if (entry?.item.kind !== 'function') throw new WitDecodeError(`missing func ${JSON.stringify(name)}`);
    entry.item = { kind: 'function', function: withFunctionMetadata(d, entry.item.function) };
  }

  if (data.docs !== undefined) world.docs = data.docs;
  world.stability = data.stability;
}

function injectInterface(data: InterfaceMetadata, resolve: Resolve, id: InterfaceId): void {
  const iface = resolve.interfaces[id]!;
  for (const [name, d] of data.types) {
    const type = iface.types.get(name);
    if (type === undefined) throw new WitDecodeError(`missing type ${JSON.stringify(name)}`);
    injectType(d, resolve, type);
  }
  for (const [name, d] of data.funcs) {
    const func = iface.functions.get(name);
    if (func === undefined) throw new WitDecodeError(`missing func ${JSON.stringify(name)}`);
    iface.functions.set(name, withFunctionMetadata(d, func));
  }
  if (data.docs !== undefined) iface.docs = data.docs;
  iface.stability = data.stability;
}

function withFunctionMetadata(data: FunctionMetadata, func: Function): Function {
  switch (data.kind) {
    case 'just-docs':
      return { ...func, docs: data.docs };
    case 'docs-and-stability':
      return { ...func, docs: data.docs, stability: data.stability };
    default:
      return unreachable(data);
  }
}

function injectType(data: TypeMetadata, resolve: Resolve, id: TypeId): void {
  const type = resolve.types[id]!;
  if (data.items.size > 0) {
    const kind = type.kind;
    const withDocs = <T extends { readonly name: string; readonly docs: Docs }>(items: readonly T[]): T[] => {
      let unused = data.items.size;
      const out = items.map((item) => {
        const docs = data.items.get(item.name);
        if (docs === undefined) return item;
        unused--;
        return { ...item, docs };
      });
      if (unused > 0) {
        throw new WitDecodeError(`not all 'items' match type items; ${JSON.stringify([...data.items.keys()])} vs ${JSON.stringify(items.map((i) => i.name))}`);
      }
      return out;
    };
    switch (kind.kind) {
      case 'record':
        type.kind = { kind: 'record', fields: withDocs(kind.fields) };
        break;
      case 'flags':
        type.kind = { kind: 'flags', flags: withDocs(kind.flags) };
        break;
      case 'variant':
        type.kind = { kind: 'variant', cases: withDocs(kind.cases) };
        break;
      case 'enum':
        type.kind = { kind: 'enum', cases: withDocs(kind.cases) };
        break;
      default:
        throw new WitDecodeError(`got 'items' for unexpected type \`${type.name ?? kind.kind}\` (a ${kind.kind})`);
    }
  }
  if (data.docs !== undefined) type.docs = data.docs;
  type.stability = data.stability;
}

// ---------------------------------------------------------------------------
// Writing: wit-parser's `extract` and serde's output in one step. Empty maps,
// absent docs and unknown gates are left out, as `skip_serializing_if` does.

type JsonMap = { [key: string]: Json };

/** Sets `key` to `value` unless the value is an empty object. */
function setNonEmpty(target: JsonMap, key: string, value: JsonMap): void {
  if (Object.keys(value).length > 0) target[key] = value;
}

function docsAndGate(target: JsonMap, docs: Docs, gate: Stability): JsonMap {
  if (docs !== undefined) target['docs'] = docs;
  if (gate.kind !== 'unknown') target['stability'] = stabilityJson(gate);
  return target;
}

function typeJson(resolve: Resolve, id: TypeId): JsonMap {
  const type = resolve.types[id]!;
  const out = docsAndGate({}, type.docs, type.stability);
  const items: JsonMap = {};
  const kind = type.kind;
  const named: readonly { readonly name: string; readonly docs: Docs }[] =
    kind.kind === 'record' ? kind.fields : kind.kind === 'flags' ? kind.flags : kind.kind === 'variant' || kind.kind === 'enum' ? kind.cases : [];
  for (const item of named) if (item.docs !== undefined) items[item.name] = item.docs;
  setNonEmpty(out, 'items', items);
  return out;
}

const functionJson = (func: Function): JsonMap => docsAndGate({}, func.docs, func.stability);

function interfaceJson(resolve: Resolve, id: InterfaceId): JsonMap {
  const iface = resolve.interfaces[id]!;
  const out = docsAndGate({}, iface.docs, iface.stability);
  const funcs: JsonMap = {};
  for (const [name, func] of iface.functions) setNonEmpty(funcs, name, functionJson(func));
  const types: JsonMap = {};
  for (const [name, type] of iface.types) setNonEmpty(types, name, typeJson(resolve, type));
  setNonEmpty(out, 'funcs', funcs);
  setNonEmpty(out, 'types', types);
  return out;
}

function worldJson(resolve: Resolve, id: WorldId): JsonMap {
  const world = resolve.worlds[id]!;
  const maps = {
    interfaces: {} as JsonMap, types: {} as JsonMap, funcs: {} as JsonMap,
    interface_exports: {} as JsonMap, func_exports: {} as JsonMap,
    interface_import_stability: {} as JsonMap, interface_export_stability: {} as JsonMap,
    interface_import_docs: {} as JsonMap, interface_export_docs: {} as JsonMap,
  };
  const directions = [[world.imports, true], [world.exports, false]] as const;
  for (const [entries, isImport] of directions) {
    for (const entry of entries.values()) {
      const { key, item } = entry;
      // An interface named from its package keeps its gate and docs here; its contents are its package's.
      if (item.kind === 'interface' && (key.kind === 'interface' || resolve.interfaces[item.id]!.name !== undefined)) {
        const name = worldKeyString(resolve, entry);
        if (item.stability.kind !== 'unknown') {
          (isImport ? maps.interface_import_stability : maps.interface_export_stability)[name] = stabilityJson(item.stability);
        }
        if (item.docs !== undefined) (isImport ? maps.interface_import_docs : maps.interface_export_docs)[name] = item.docs;
        continue;
      }
      if (key.kind !== 'name') continue;
      switch (item.kind) {
        case 'interface':
          setNonEmpty(isImport ? maps.interfaces : maps.interface_exports, key.name, interfaceJson(resolve, item.id));
          break;
        case 'type':
          setNonEmpty(maps.types, key.name, typeJson(resolve, item.id));
          break;
        case 'function':
          setNonEmpty(isImport ? maps.funcs : maps.func_exports, key.name, functionJson(item.function));
          break;
        default:
          unreachable(item);
      }
    }
  }
  const out = docsAndGate({}, world.docs, world.stability);
  for (const [name, value] of Object.entries(maps)) setNonEmpty(out, name, value);
  return out;
}

/**
 * The `package-docs` custom section of package `pkg`: the docs and gates of
 * the package, its worlds and its interfaces, as wasm-tools writes it (format
 * v1, compact JSON, keys in the reference's order).
 */
export function packageDocsSection(resolve: Resolve, pkg: PackageId): CustomSection {
  const target = resolve.packages[pkg]!;
  const worlds: JsonMap = {};
  for (const [name, id] of target.worlds) setNonEmpty(worlds, name, worldJson(resolve, id));
  const interfaces: JsonMap = {};
  for (const [name, id] of target.interfaces) setNonEmpty(interfaces, name, interfaceJson(resolve, id));
  const out: JsonMap = {};
  if (target.docs !== undefined) out['docs'] = target.docs;
  setNonEmpty(out, 'worlds', worlds);
  setNonEmpty(out, 'interfaces', interfaces);
  return { kind: 'package-docs', name: 'package-docs', version: packageDocsVersion, json: JSON.stringify(out) };
}
