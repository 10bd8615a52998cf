/** Readers for core types: value, reference and heap types, rec groups, limits, imports, exports. */
import { unreachable } from '@weld/wit';
import type { BinaryReader } from '../binary/reader.js';
import type {
  AbstractHeapType, CompositeInnerType, CompositeType, CoreExport, CoreImport, CoreNumType, CoreSort,
  CoreType, CoreTypeRef, CoreValType, FieldType, GlobalType, HeapType, MemoryType, ModuleTypeDecl,
  RecGroup, RefType, StorageType, SubType, TableType, TagType,
} from '../model/core.js';
import {
  MAX_WASM_FUNCTION_PARAMS, MAX_WASM_FUNCTION_RETURNS, MAX_WASM_MODULE_TYPE_DECLS, MAX_WASM_STRUCT_FIELDS, MAX_WASM_SUPERTYPES,
  MAX_WASM_TYPES,
} from '../limits.js';

const NUM_TYPES: Readonly<Record<number, CoreNumType>> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' };

/** Byte → abstract heap type. */
export const ABSTRACT_HEAP_TYPES: ReadonlyMap<number, AbstractHeapType> = new Map<number, AbstractHeapType>([
  [0x70, 'func'], [0x6f, 'extern'], [0x6e, 'any'], [0x71, 'none'], [0x72, 'noextern'], [0x73, 'nofunc'],
  [0x6d, 'eq'], [0x6b, 'struct'], [0x6a, 'array'], [0x6c, 'i31'], [0x69, 'exn'], [0x74, 'noexn'],
  [0x68, 'cont'], [0x75, 'nocont'],
]);

const CORE_SORTS: Readonly<Record<number, CoreSort>> = {
  0x00: 'func', 0x01: 'table', 0x02: 'memory', 0x03: 'global', 0x04: 'tag', 0x20: 'func-exact',
};

function readAbstractHeapType(r: BinaryReader): AbstractHeapType {
  const byte = r.u8('an abstract heap type');
  const type = ABSTRACT_HEAP_TYPES.get(byte);
  if (type === undefined) throw r.invalidByte(byte, 'an abstract heap type');
  return type;
}

/** Reads a heap type: a type index (s33 ≥ 0), `exact $t`, or an abstract type (maybe `shared`). */
export function readHeapType(r: BinaryReader): HeapType {
  const byte = r.peek('a heap type');
  if (byte === 0x65) {
    r.u8('shared');
    return { kind: 'abstract', shared: true, type: readAbstractHeapType(r) };
  }
  if (byte === 0x62) {
    r.u8('exact');
    return { kind: 'exact', index: r.u32('an exact type index') };
  }
  if (ABSTRACT_HEAP_TYPES.has(byte)) {
    r.u8('a heap type');
    return { kind: 'abstract', shared: false, type: ABSTRACT_HEAP_TYPES.get(byte)! };
  }
  const start = r.position;
  const index = r.s33('a heap type');
  if (index < 0) throw r.invalidByte(byte, 'a heap type', start);
  return { kind: 'concrete', index };
}

/** Reads a reference type: `0x63 ht` / `0x64 ht`, or a short form. */
export function readRefType(r: BinaryReader): RefType {
  const byte = r.peek('a reference type');
  if (byte === 0x63 || byte === 0x64) {
    r.u8('a reference type');
    const nullable = byte === 0x63;
    const heap = readHeapType(r);
    return nullable && heap.kind === 'abstract'
      ? { kind: 'ref', nullable, heap, abbreviated: false }
      : { kind: 'ref', nullable, heap };
  }
  let shared = false;
  if (byte === 0x65) {
    r.u8('shared');
    shared = true;
  }
  const type = readAbstractHeapType(r);
  return { kind: 'ref', nullable: true, heap: { kind: 'abstract', shared, type } };
}

/** Reads a core value type. */
export function readCoreValType(r: BinaryReader): CoreValType {
  const byte = r.peek('a core value type');
  const num = NUM_TYPES[byte];
  if (num !== undefined) {
    r.u8('a core value type');
    return num;
  }
  if (byte === 0x63 || byte === 0x64 || byte === 0x65 || ABSTRACT_HEAP_TYPES.has(byte)) return readRefType(r);
  r.u8('a core value type');
  throw r.invalidByte(byte, 'a core value type');
}

function readStorageType(r: BinaryReader): StorageType {
  const byte = r.peek('a storage type');
  if (byte === 0x78) {
    r.u8('i8');
    return 'i8';
  }
  if (byte === 0x77) {
    r.u8('i16');
    return 'i16';
  }
  return readCoreValType(r);
}

function readFieldType(r: BinaryReader): FieldType {
  const type = readStorageType(r);
  const m = r.u8('a field mutability');
  if (m > 1) throw r.invalidByte(m, 'a field mutability (0x00 or 0x01)');
  return { type, mutable: m === 1 };
}

function readCompositeType(r: BinaryReader, first: number): CompositeType {
  let opcode = first;
  let shared = false;
  let describes: number | undefined;
  let descriptor: number | undefined;
  if (opcode === 0x65) {
    shared = true;
    opcode = r.u8('a composite type');
  }
  if (opcode === 0x4c) {
    describes = r.u32('a described type index');
    opcode = r.u8('a composite type');
  }
  if (opcode === 0x4d) {
    descriptor = r.u32('a descriptor type index');
    opcode = r.u8('a composite type');
  }
  let inner: CompositeInnerType;
  switch (opcode) {
    case 0x60:
      inner = {
        kind: 'func',
        params: r.vec('function parameters', readCoreValType, { max: MAX_WASM_FUNCTION_PARAMS, desc: 'function params' }),
        results: r.vec('function results', readCoreValType, { max: MAX_WASM_FUNCTION_RETURNS, desc: 'function returns' }),
      };
      break;
    case 0x5e:
      inner = { kind: 'array', field: readFieldType(r) };
      break;
    case 0x5f:
      inner = { kind: 'struct', fields: r.vec('struct fields', readFieldType, { max: MAX_WASM_STRUCT_FIELDS, desc: 'struct fields' }) };
      break;
    case 0x5d: {
      const start = r.position;
      const index = r.s33('a continuation type index');
      if (index < 0) throw r.error('malformed', 'invalid continuation type', start);
      inner = { kind: 'cont', index };
      break;
    }
    default:
      throw r.invalidByte(opcode, 'a composite type (func, struct, array or cont)');
  }
  return { shared, describes, descriptor, inner };
}

function readSubType(r: BinaryReader): SubType {
  const opcode = r.u8('a sub type');
  if (opcode === 0x4f || opcode === 0x50) {
    const supertypes = r.vec('supertypes', (rr) => rr.u32('a supertype index'), { max: MAX_WASM_SUPERTYPES, desc: 'supertype idxs' });
    const composite = readCompositeType(r, r.u8('a composite type'));
    const final = opcode === 0x4f;
    return final && supertypes.length === 0
      ? { final, supertypes, composite, explicit: true }
      : { final, supertypes, composite };
  }
  return { final: true, supertypes: [], composite: readCompositeType(r, opcode) };
}

/** Reads a recursion group (explicit `0x4e vec(subtype)` or one implicit subtype). */
export function readRecGroup(r: BinaryReader): RecGroup {
  if (r.peek('a recursion group') === 0x4e) {
    r.u8('rec');
    return { types: r.vec('rec group types', readSubType, { max: MAX_WASM_TYPES, desc: 'rec group types' }), explicit: true };
  }
  return { types: [readSubType(r)] };
}

function readLimits(r: BinaryReader, what: string, allowedFlags: number): {
  flags: number; is64: boolean; shared: boolean; initial: bigint; maximum: bigint | undefined;
} {
  const flags = r.u8(`${what} limits flags`);
  if ((flags & ~allowedFlags) !== 0) throw r.invalidByte(flags, `${what} limits flags`);
  const initial = r.u64(`${what} initial size`);
  const maximum = (flags & 1) !== 0 ? r.u64(`${what} maximum size`) : undefined;
  return { flags, is64: (flags & 4) !== 0, shared: (flags & 2) !== 0, initial, maximum };
}

/** Reads a table type. */
export function readTableType(r: BinaryReader): TableType {
  const element = readRefType(r);
  const { is64, shared, initial, maximum } = readLimits(r, 'table', 0b111);
  return { element, is64, shared, initial, maximum };
}

/** Reads a memory type. */
export function readMemoryType(r: BinaryReader): MemoryType {
  const { flags, is64, shared, initial, maximum } = readLimits(r, 'memory', 0b1111);
  let pageSizeLog2: number | undefined;
  if ((flags & 8) !== 0) {
    const start = r.position;
    pageSizeLog2 = r.u32('a page size');
    if (pageSizeLog2 >= 64) throw r.error('malformed', 'invalid custom page size', start);
  }
  return { is64, shared, initial, maximum, pageSizeLog2 };
}

/** Reads a global type. */
export function readGlobalType(r: BinaryReader): GlobalType {
  const type = readCoreValType(r);
  const flags = r.u8('global flags');
  if (flags > 3) throw r.invalidByte(flags, 'global flags');
  return { type, mutable: (flags & 1) !== 0, shared: (flags & 2) !== 0 };
}

/** Reads a tag type. */
export function readTagType(r: BinaryReader): TagType {
  const attribute = r.u8('a tag attribute');
  if (attribute !== 0) throw r.invalidByte(attribute, 'a tag attribute (0x00)');
  return { attribute, funcTypeIndex: r.u32('a tag type index') };
}

/** Reads a core sort byte. */
export function readCoreSort(r: BinaryReader, what = 'a core sort'): CoreSort {
  const byte = r.u8(what);
  const sort = CORE_SORTS[byte];
  if (sort === undefined) throw r.invalidByte(byte, what);
  return sort;
}

/** Reads the type of a core import. */
export function readCoreTypeRef(r: BinaryReader): CoreTypeRef {
  const kind = readCoreSort(r, 'a core import kind');
  switch (kind) {
    case 'func':
    case 'func-exact':
      return { kind, index: r.u32('a function type index') };
    case 'table':
      return { kind, type: readTableType(r) };
    case 'memory':
      return { kind, type: readMemoryType(r) };
    case 'global':
      return { kind, type: readGlobalType(r) };
    case 'tag':
      return { kind, type: readTagType(r) };
    default:
      return unreachable(kind);
  }
}

/** Reads one (non-compact) core import. */
export function readCoreImport(r: BinaryReader): CoreImport {
  const module = r.name('an import module name');
  const name = r.name('an import name');
  return { module, name, type: readCoreTypeRef(r) };
}

/** Reads a core export (`func-exact` is not allowed). */
export function readCoreExport(r: BinaryReader): CoreExport {
  const name = r.name('an export name');
  const kind = readCoreSort(r, 'a core export kind');
  if (kind === 'func-exact') throw r.error('malformed', 'exact type is not allowed in exports', r.position - 1);
  return { name, kind, index: r.u32('an export index') };
}

function readModuleTypeDecl(r: BinaryReader): ModuleTypeDecl {
  const byte = r.u8('a module type declaration');
  switch (byte) {
    case 0x00:
      return { kind: 'import', import: readCoreImport(r) };
    case 0x01:
      return { kind: 'type', group: readRecGroup(r) };
    case 0x02: {
      const sort = r.u8('an outer alias kind');
      if (sort !== 0x10) throw r.invalidByte(sort, 'an outer alias kind (type)');
      const target = r.u8('an outer alias target');
      if (target !== 0x01) throw r.invalidByte(target, 'an outer alias target (outer)');
      return { kind: 'outer-alias', sort: 'type', count: r.u32('an outer alias count'), index: r.u32('an outer alias index') };
    }
    case 0x03:
      return { kind: 'export', name: r.name('an export name'), type: readCoreTypeRef(r) };
    default:
      throw r.invalidByte(byte, 'a module type declaration');
  }
}

/** Reads an entry of a core type section: a module type or a rec group. */
export function readCoreType(r: BinaryReader): CoreType {
  const byte = r.peek('a core type');
  if (byte === 0x00) {
    r.u8('a core type');
    const next = r.peek('a non-final sub type');
    if (next !== 0x50) {
      r.u8('a non-final sub type');
      throw r.invalidByte(next, 'a non-final sub type');
    }
    return { kind: 'rec', group: readRecGroup(r) };
  }
  if (byte === 0x50) {
    r.u8('a module type');
    return { kind: 'module', decls: r.vec('module type declarations', readModuleTypeDecl, { max: MAX_WASM_MODULE_TYPE_DECLS, desc: 'module type declaration' }) };
  }
  return { kind: 'rec', group: readRecGroup(r) };
}
