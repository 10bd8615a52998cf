/** Writers for core types: the mirror image of `decode/core.ts`. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type {
  AbstractHeapType, CompositeType, CoreExport, CoreImport, CoreNumType, CoreSort, CoreType, CoreTypeRef,
  CoreValType, FieldType, GlobalType, HeapType, MemoryType, ModuleTypeDecl, RecGroup, RefType, StorageType,
  SubType, TableType, TagType,
} from '../model/core.js';

const NUM_TYPES: Readonly<Record<CoreNumType, number>> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };

const ABSTRACT_HEAP_TYPES: Readonly<Record<AbstractHeapType, number>> = {
  func: 0x70, extern: 0x6f, any: 0x6e, none: 0x71, noextern: 0x72, nofunc: 0x73, eq: 0x6d, struct: 0x6b,
  array: 0x6a, i31: 0x6c, exn: 0x69, noexn: 0x74, cont: 0x68, nocont: 0x75,
};

/** Core sort → byte. */
export const CORE_SORT_BYTES: Readonly<Record<CoreSort, number>> = {
  func: 0x00, table: 0x01, memory: 0x02, global: 0x03, tag: 0x04, 'func-exact': 0x20,
};

/** Writes a heap type. */
export function writeHeapType(w: BinaryWriter, heap: HeapType): void {
  switch (heap.kind) {
    case 'abstract':
      if (heap.shared) w.u8(0x65);
      w.u8(ABSTRACT_HEAP_TYPES[heap.type]);
      return;
    case 'concrete':
      w.signed(heap.index);
      return;
    case 'exact':
      w.u8(0x62).u32(heap.index);
      return;
    default:
      unreachable(heap);
  }
}

/** Writes a reference type, in its short form when it has one (unless `abbreviated: false`). */
export function writeRefType(w: BinaryWriter, ref: RefType): void {
  if (ref.nullable && ref.heap.kind === 'abstract' && ref.abbreviated !== false) {
    writeHeapType(w, ref.heap);
    return;
  }
  w.u8(ref.nullable ? 0x63 : 0x64);
  writeHeapType(w, ref.heap);
}

/** Writes a core value type. */
export function writeCoreValType(w: BinaryWriter, type: CoreValType): void {
  if (typeof type === 'string') w.u8(NUM_TYPES[type]);
  else writeRefType(w, type);
}

function writeStorageType(w: BinaryWriter, type: StorageType): void {
  if (type === 'i8') w.u8(0x78);
  else if (type === 'i16') w.u8(0x77);
  else writeCoreValType(w, type);
}

function writeFieldType(w: BinaryWriter, field: FieldType): void {
  writeStorageType(w, field.type);
  w.u8(field.mutable ? 1 : 0);
}

function writeCompositeType(w: BinaryWriter, c: CompositeType): void {
  if (c.shared) w.u8(0x65);
  if (c.describes !== undefined) w.u8(0x4c).u32(c.describes);
  if (c.descriptor !== undefined) w.u8(0x4d).u32(c.descriptor);
  const inner = c.inner;
  switch (inner.kind) {
    case 'func':
      w.u8(0x60);
      w.vec(inner.params, writeCoreValType);
      w.vec(inner.results, writeCoreValType);
      return;
    case 'struct':
      w.u8(0x5f).vec(inner.fields, writeFieldType);
      return;
    case 'array':
      w.u8(0x5e);
      writeFieldType(w, inner.field);
      return;
    case 'cont':
      w.u8(0x5d).signed(inner.index);
      return;
    default:
      unreachable(inner);
  }
}

/** True when the sub type is written with a `sub`/`sub final` prefix. */
function subTypeIsExplicit(t: SubType): boolean {
  return !t.final || t.supertypes.length > 0 || t.explicit === true;
}

function writeSubType(w: BinaryWriter, t: SubType): void {
  if (subTypeIsExplicit(t)) {
    w.u8(t.final ? 0x4f : 0x50).vec(t.supertypes, (ww, i) => ww.u32(i));
  }
  writeCompositeType(w, t.composite);
}

/** True when the group is written with the `rec` prefix. */
function recGroupIsExplicit(g: RecGroup): boolean {
  return g.types.length !== 1 || g.explicit === true;
}

/** Writes a recursion group. */
export function writeRecGroup(w: BinaryWriter, g: RecGroup): void {
  if (recGroupIsExplicit(g)) {
    w.u8(0x4e).vec(g.types, writeSubType);
  } else {
    writeSubType(w, g.types[0]!);
  }
}

function writeLimits(w: BinaryWriter, l: { is64: boolean; shared: boolean; initial: bigint; maximum: bigint | undefined }, extra: number): void {
  const flags = (l.maximum !== undefined ? 1 : 0) | (l.shared ? 2 : 0) | (l.is64 ? 4 : 0) | extra;
  w.u8(flags).u64(l.initial);
  if (l.maximum !== undefined) w.u64(l.maximum);
}

/** Writes a table type. */
export function writeTableType(w: BinaryWriter, t: TableType): void {
  writeRefType(w, t.element);
  writeLimits(w, t, 0);
}

/** Writes a memory type. */
export function writeMemoryType(w: BinaryWriter, m: MemoryType): void {
  writeLimits(w, m, m.pageSizeLog2 !== undefined ? 8 : 0);
  if (m.pageSizeLog2 !== undefined) w.u32(m.pageSizeLog2);
}

/** Writes a global type. */
export function writeGlobalType(w: BinaryWriter, g: GlobalType): void {
  writeCoreValType(w, g.type);
  w.u8((g.mutable ? 1 : 0) | (g.shared ? 2 : 0));
}

/** Writes a tag type. */
export function writeTagType(w: BinaryWriter, t: TagType): void {
  w.u8(t.attribute).u32(t.funcTypeIndex);
}

/** Writes the type of a core import. */
export function writeCoreTypeRef(w: BinaryWriter, t: CoreTypeRef): void {
  w.u8(CORE_SORT_BYTES[t.kind]);
  switch (t.kind) {
    case 'func':
    case 'func-exact':
      w.u32(t.index);
      return;
    case 'table':
      writeTableType(w, t.type);
      return;
    case 'memory':
      writeMemoryType(w, t.type);
      return;
    case 'global':
      writeGlobalType(w, t.type);
      return;
    case 'tag':
      writeTagType(w, t.type);
      return;
    default:
      unreachable(t);
  }
}

/** Writes a core import. */
export function writeCoreImport(w: BinaryWriter, i: CoreImport): void {
  w.name(i.module).name(i.name);
  writeCoreTypeRef(w, i.type);
}

/** Writes a core export. */
export function writeCoreExport(w: BinaryWriter, e: CoreExport): void {
  w.name(e.name).u8(CORE_SORT_BYTES[e.kind]).u32(e.index);
}

function writeModuleTypeDecl(w: BinaryWriter, d: ModuleTypeDecl): void {
  switch (d.kind) {
    case 'import':
      w.u8(0x00);
      writeCoreImport(w, d.import);
      return;
    case 'type':
      w.u8(0x01);
      writeRecGroup(w, d.group);
      return;
    case 'outer-alias':
      w.u8(0x02).u8(0x10).u8(0x01).u32(d.count).u32(d.index);
      return;
    case 'export':
      w.u8(0x03).name(d.name);
      writeCoreTypeRef(w, d.type);
      return;
    default:
      unreachable(d);
  }
}

/** Writes an entry of a core type section. */
export function writeCoreType(w: BinaryWriter, t: CoreType): void {
  switch (t.kind) {
    case 'rec': {
      // A bare non-final `sub` would read as a module type (0x50): prefix it with 0x00.
      const only = t.group.types[0];
      if (!recGroupIsExplicit(t.group) && only !== undefined && subTypeIsExplicit(only) && !only.final) w.u8(0x00);
      writeRecGroup(w, t.group);
      return;
    }
    case 'module':
      w.u8(0x50).vec(t.decls, writeModuleTypeDecl);
      return;
    default:
      unreachable(t);
  }
}
