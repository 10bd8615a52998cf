/**
 * The resolve as the JSON that `wasm-tools component wit --json` prints:
 * the same keys in the same order, optional keys left out the same way.
 */
import type {
  Docs, Function, FunctionKind, Interface, Package, Resolve, Stability, Type, TypeDef, TypeDefKind, TypeOwner, World,
  WorldEntry, WorldItem,
} from '../model.js';
import { packageNameString } from '../model.js';
import { unreachable } from '../unreachable.js';

/** A JSON value built from plain objects, whose insertion order is the key order. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The resolve as the JSON value `wasm-tools component wit --json` prints, keys in the same order. */
export function resolveToJson(resolve: Resolve): Json {
  return {
    worlds: resolve.worlds.map(worldJson),
    interfaces: resolve.interfaces.map(interfaceJson),
    types: resolve.types.map(typeDefJson),
    packages: resolve.packages.map(packageJson),
  };
}

function withOptional(target: { [key: string]: Json }, docs: Docs, stability?: Stability): { [key: string]: Json } {
  if (docs !== undefined) target['docs'] = { contents: docs };
  if (stability && stability.kind !== 'unknown') target['stability'] = stabilityJson(stability);
  return target;
}

/** A gate as wit-parser's serde writes it: `{"stable":{"since":…}}` or `{"unstable":{"feature":…}}`, `deprecated` last. */
export function stabilityJson(stability: Exclude<Stability, { kind: 'unknown' }>): Json {
  const body: { [key: string]: Json } =
    stability.kind === 'stable' ? { since: stability.since } : { feature: stability.feature };
  if (stability.deprecated !== undefined) body['deprecated'] = stability.deprecated;
  return { [stability.kind]: body };
}

function packageJson(pkg: Package): Json {
  const out: { [key: string]: Json } = { name: packageNameString(pkg.name) };
  withOptional(out, pkg.docs);
  out['interfaces'] = Object.fromEntries(pkg.interfaces);
  out['worlds'] = Object.fromEntries(pkg.worlds);
  return out;
}

function entriesJson(entries: Map<string, WorldEntry>): Json {
  const out: { [key: string]: Json } = {};
  for (const [key, entry] of entries) out[key] = worldItemJson(entry.item);
  return out;
}

function worldJson(world: World): Json {
  const out: { [key: string]: Json } = {
    name: world.name,
    imports: entriesJson(world.imports),
    exports: entriesJson(world.exports),
    package: world.package ?? null,
  };
  return withOptional(out, world.docs, world.stability);
}

function worldItemJson(item: WorldItem): Json {
  switch (item.kind) {
    case 'interface': {
      const body: { [key: string]: Json } = { id: item.id };
      if (item.stability.kind !== 'unknown') body['stability'] = stabilityJson(item.stability);
      if (item.externalId !== undefined) body['external_id'] = item.externalId;
      if (item.docs !== undefined) body['docs'] = { contents: item.docs };
      return { interface: body };
    }
    case 'function':
      return { function: functionJson(item.function) };
    case 'type':
      return { type: item.id };
    default:
      return unreachable(item);
  }
}

function interfaceJson(iface: Interface): Json {
  const out: { [key: string]: Json } = {
    name: iface.name ?? null,
    types: Object.fromEntries(iface.types),
    functions: Object.fromEntries([...iface.functions].map(([name, f]) => [name, functionJson(f)])),
  };
  withOptional(out, iface.docs, iface.stability);
  out['package'] = iface.package ?? null;
  if (iface.cloneOf !== undefined) out['clone_of'] = iface.cloneOf;
  return out;
}

function functionKindJson(kind: FunctionKind): Json {
  return 'resource' in kind ? { [kind.kind]: kind.resource } : kind.kind;
}

function functionJson(func: Function): Json {
  const out: { [key: string]: Json } = {
    name: func.name,
    kind: functionKindJson(func.kind),
    params: func.params.map((p) => (p.name === '' ? { type: p.type } : { name: p.name, type: p.type })),
  };
  if (func.result !== undefined) out['result'] = func.result;
  withOptional(out, func.docs, func.stability);
  if (func.externalId !== undefined) out['external_id'] = func.externalId;
  return out;
}

function optionalType(type: Type | undefined): Json {
  return type ?? null;
}

function named(name: string, docs: Docs, extra: { [key: string]: Json } = {}): Json {
  return withOptional({ name, ...extra }, docs);
}

function typeDefKindJson(kind: TypeDefKind): Json {
  switch (kind.kind) {
    case 'record':
      return { record: { fields: kind.fields.map((f) => named(f.name, f.docs, { type: f.type })) } };
    case 'resource':
      return 'resource';
    case 'handle':
      return { handle: { [kind.handle]: kind.resource } };
    case 'flags':
      return { flags: { flags: kind.flags.map((f) => named(f.name, f.docs)) } };
    case 'tuple':
      return { tuple: { types: [...kind.types] } };
    case 'variant':
      return { variant: { cases: kind.cases.map((c) => named(c.name, c.docs, { type: optionalType(c.type) })) } };
    case 'enum':
      return { enum: { cases: kind.cases.map((c) => named(c.name, c.docs)) } };
    case 'option':
      return { option: kind.type };
    case 'result':
      return { result: { ok: optionalType(kind.ok), err: optionalType(kind.err) } };
    case 'list':
      return { list: kind.element };
    case 'map':
      return { map: [kind.key, kind.value] };
    case 'fixed-length-list':
      return { 'fixed-length-list': [kind.element, kind.size] };
    case 'future':
      return { future: optionalType(kind.type) };
    case 'stream':
      return { stream: optionalType(kind.type) };
    case 'type':
      return { type: kind.type };
    case 'unknown':
      return 'unknown';
    default:
      return unreachable(kind);
  }
}

function ownerJson(owner: TypeOwner): Json {
  return owner.kind === 'none' ? null : { [owner.kind]: owner.id };
}

function typeDefJson(def: TypeDef): Json {
  const out: { [key: string]: Json } = { name: def.name ?? null, kind: typeDefKindJson(def.kind), owner: ownerJson(def.owner) };
  withOptional(out, def.docs, def.stability);
  if (def.externalId !== undefined) out['external_id'] = def.externalId;
  return out;
}
