/**
 * A canonical text dump of a component's type view: ids and resources are
 * numbered by first mention, so two computations with the same id identity
 * and alias chains print the same text. `types/oracle/` (wasmparser 0.263) prints the
 * same format; the goldens in `types/golden/` are its output.
 */
import { peelAlias, typeInfo } from '@weld/component';
import type {
  AnyTypeId, ComponentItem, ComponentTypes, DefinedTypeInfo, EntityType, ResourceId, TypeArena, ValueType,
} from '@weld/component';

export function dumpTypes(types: ComponentTypes): string {
  const arena: TypeArena = types.arena;
  const ids = new Map<AnyTypeId, number>();
  const queue: AnyTypeId[] = [];
  const resources = new Map<ResourceId, number>();

  const id = (t: AnyTypeId): string => {
    let n = ids.get(t);
    if (n === undefined) {
      n = ids.size;
      ids.set(t, n);
      queue.push(t);
    }
    return `#${n}`;
  };
  const res = (r: ResourceId): string => {
    let n = resources.get(r);
    if (n === undefined) {
      n = resources.size;
      resources.set(r, n);
    }
    return `R${n}`;
  };
  const vt = (t: ValueType): string => (typeof t === 'number' ? id(t) : t);
  const ovt = (t: ValueType | undefined): string => (t === undefined ? '_' : vt(t));
  const entity = (e: EntityType): string => {
    switch (e.kind) {
      case 'module': return 'module';
      case 'func': return `func ${id(e.id)}`;
      case 'value': return `value ${vt(e.type)}`;
      case 'type': {
        const r = id(e.referenced);
        return `type ref=${r} created=${id(e.created)}`;
      }
      case 'instance': return `instance ${id(e.id)}`;
      case 'component': return `component ${id(e.id)}`;
    }
  };
  const item = (name: string, i: ComponentItem): string => {
    let s = `${name}: ${entity(i.type)}`;
    if (i.implements !== undefined) s += ` implements=${i.implements}`;
    if (i.versionSuffix !== undefined) s += ` version-suffix=${i.versionSuffix}`;
    if (i.externalId !== undefined) s += ` external-id=${i.externalId}`;
    return s;
  };
  const items = (m: ReadonlyMap<string, ComponentItem>): string => [...m].map(([n, i]) => item(n, i)).join('; ');
  const paths = (l: readonly (readonly [ResourceId, readonly number[]])[]): string =>
    l.map(([r, p]) => `${res(r)}@${p.join('.')}`).join(',');

  const describeDefined = (d: DefinedTypeInfo): string => {
    switch (d.kind) {
      case 'primitive': return `primitive ${d.type}`;
      case 'record': return `record {${d.fields.map((f) => `${f.name}: ${vt(f.type)}`).join(', ')}}`;
      case 'variant': return `variant {${d.cases.map((c) => `${c.name}: ${ovt(c.type)}`).join(', ')}}`;
      case 'list': return `list ${vt(d.element)}`;
      case 'fixed-size-list': return `fixed-size-list ${vt(d.element)} ${d.length}`;
      case 'map': {
        const k = vt(d.key);
        return `map ${k} ${vt(d.value)}`;
      }
      case 'tuple': return `tuple (${d.types.map(vt).join(', ')})`;
      case 'flags': return `flags ${d.names.join(',')}`;
      case 'enum': return `enum ${d.names.join(',')}`;
      case 'option': return `option ${vt(d.type)}`;
      case 'result': {
        const o = ovt(d.ok);
        return `result ${o} ${ovt(d.err)}`;
      }
      case 'own': return `own ${id(d.resource)}`;
      case 'borrow': return `borrow ${id(d.resource)}`;
      case 'future': return `future ${ovt(d.type)}`;
      case 'stream': return `stream ${ovt(d.type)}`;
    }
  };
  const describe = (t: AnyTypeId): string => {
    const info = typeInfo(arena, t);
    switch (info.kind) {
      case 'resource': return `resource ${res(info.resource)}`;
      case 'defined': return describeDefined(info.type);
      case 'func': {
        const f = info.type;
        return `func${f.async ? ' async' : ''} (${f.params.map((p) => `${p.name}: ${vt(p.type)}`).join(', ')}) -> ${ovt(f.result)}`;
      }
      case 'instance': {
        const e = items(info.type.exports);
        return `instance {${e}} defined=[${info.type.definedResources.map(res).join(',')}]`;
      }
      case 'component': {
        const i = items(info.type.imports);
        const e = items(info.type.exports);
        const ir = paths(info.type.importedResources);
        return `component {imports: ${i}} {exports: ${e}} imported=[${ir}] defined=[${paths(info.type.definedResources)}]`;
      }
    }
  };

  let head = '';
  for (const [n, i] of types.imports) head += `import ${item(n, i)}\n`;
  for (const [n, i] of types.exports) head += `export ${item(n, i)}\n`;
  let out = '';
  for (let n = 0; n < queue.length; n++) {
    const t = queue[n] as AnyTypeId;
    const d = describe(t);
    const a = peelAlias(arena, t);
    out += `#${n} = ${d}${a === undefined ? '' : ` alias-of ${id(a)}`}\n`;
  }
  return head + out;
}
