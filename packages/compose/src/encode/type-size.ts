/**
 * wasmparser's effective type size (`TypeInfo` in validator/types.rs): a
 * type counts 1 plus the sizes of the types it contains, each time it
 * contains them, so sharing does not make it small. A component's own type
 * (1 plus its imports and exports) must stay under `MAX_WASM_TYPE_SIZE`.
 * Composing can cross it where no input does: each input is one export
 * of the result, and their sizes add up.
 */
import type { AnyTypeId, ComponentItem, ComponentTypes, TypeArena, ValueType } from '@weld/component';

/** The ids and value types `id`'s size is made of, in order. */
function partsOf(arena: TypeArena, id: AnyTypeId): (ValueType | ComponentItem | undefined)[] {
  const info = arena.ids[id]?.info;
  switch (info?.kind) {
    case undefined: case 'resource': return [];
    case 'func': return [...info.type.params.map((p) => p.type), ...(info.type.result === undefined ? [] : [info.type.result])];
    case 'instance': return [...info.type.exports.values()];
    case 'component': return [...info.type.imports.values(), ...info.type.exports.values()];
    case 'defined': {
      const t = info.type;
      switch (t.kind) {
        case 'primitive': case 'flags': case 'enum': case 'own': case 'borrow': return [];
        case 'record': return t.fields.map((f) => f.type);
        case 'variant': return t.cases.map((c) => c.type).filter((c) => c !== undefined);
        case 'tuple': return [...t.types];
        case 'list': case 'fixed-size-list': return [t.element];
        case 'option': return [t.type];
        case 'map': return [t.key, t.value];
        case 'result': return [t.ok, t.err].filter((c) => c !== undefined);
        case 'future': case 'stream': return t.type === undefined ? [] : [t.type];
        default: return [];
      }
    }
    default: return [];
  }
}

/** The id whose size an item or value type has, or undefined for size 1 (a primitive, a module). */
function idOf(part: ValueType | ComponentItem | undefined): AnyTypeId | undefined {
  if (part === undefined || typeof part === 'string') return undefined;
  if (typeof part === 'number') return part;
  const e = part.type;
  switch (e.kind) {
    case 'func': case 'instance': case 'component': return e.id;
    case 'type': return e.referenced;
    case 'value': return typeof e.type === 'number' ? e.type : undefined;
    default: return undefined;
  }
}

/** The effective size of `types`' component type; sizes stop counting at `cap` (nothing above it matters). */
export function componentTypeSize(types: ComponentTypes, cap: number): number {
  const { arena } = types;
  const size = new Map<AnyTypeId, number>();
  // Post-order with its own stack: a type's size once its parts' sizes are known.
  const sizeOf = (root: AnyTypeId): number => {
    const stack: { readonly id: AnyTypeId; expanded: boolean }[] = [{ id: root, expanded: false }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (size.has(top.id)) {
        stack.pop();
        continue;
      }
      const parts = partsOf(arena, top.id).map(idOf);
      if (!top.expanded) {
        top.expanded = true;
        for (const p of parts) if (p !== undefined && !size.has(p)) stack.push({ id: p, expanded: false });
        continue;
      }
      stack.pop();
      let total = 1;
      for (const p of parts) total = Math.min(cap, total + (p === undefined ? 1 : size.get(p) ?? 1));
      size.set(top.id, total);
    }
    return size.get(root)!;
  };
  let total = 1;
  for (const item of [...types.imports.values(), ...types.exports.values()]) {
    const id = idOf(item);
    total = Math.min(cap, total + (id === undefined ? 1 : sizeOf(id)));
  }
  return total;
}
