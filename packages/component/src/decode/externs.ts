/** Readers for sorts, extern names, extern types and value types. */
import { unreachable } from '@weld/wit';
import type { BinaryReader } from '../binary/reader.js';
import type { ExternName, ExternNameOption, ExternType, Sort, TypeBounds } from '../model/externs.js';
import type { PrimitiveValType, ValType } from '../model/val-type.js';

/** Byte → primitive value type. */
export const PRIMITIVES: ReadonlyMap<number, PrimitiveValType> = new Map<number, PrimitiveValType>([
  [0x7f, 'bool'], [0x7e, 's8'], [0x7d, 'u8'], [0x7c, 's16'], [0x7b, 'u16'], [0x7a, 's32'], [0x79, 'u32'],
  [0x78, 's64'], [0x77, 'u64'], [0x76, 'f32'], [0x75, 'f64'], [0x74, 'char'], [0x73, 'string'],
  [0x64, 'error-context'],
]);

/** Reads a component sort: one byte, or `0x00 0x11` for `core module`. */
export function readSort(r: BinaryReader, what = 'a sort'): Sort {
  const offset = r.position;
  const byte = r.u8(what);
  switch (byte) {
    case 0x00: {
      const core = r.u8(`${what} (core sort)`);
      if (core === 0x11) return 'module';
      throw r.invalidByte(core, `${what}: only core module is a component-level core sort`, offset + 1);
    }
    case 0x01: return 'func';
    case 0x02: return 'value';
    case 0x03: return 'type';
    case 0x04: return 'component';
    case 0x05: return 'instance';
    default: throw r.invalidByte(byte, what, offset);
  }
}

/** Reads a value type: a primitive byte, or a non-negative s33 type index. */
export function readValType(r: BinaryReader, what = 'a value type'): ValType {
  const byte = r.peek(what);
  const primitive = PRIMITIVES.get(byte);
  if (primitive !== undefined) {
    r.u8(what);
    return primitive;
  }
  const offset = r.position;
  const index = r.s33(what);
  if (index < 0) throw r.invalidByte(byte, what, offset);
  return index;
}

/** Reads `0x00` (none) or `0x01 t`. */
export function readOptionalValType(r: BinaryReader, what: string): ValType | undefined {
  const byte = r.u8(what);
  if (byte === 0x00) return undefined;
  if (byte === 0x01) return readValType(r);
  throw r.invalidByte(byte, what);
}

const NAME_OPTIONS: readonly ExternNameOption[] = ['implements', 'version-suffix', 'external-id'];

/** Reads an import/export name with its options. */
export function readExternName(r: BinaryReader): ExternName {
  const tag = r.u8('an extern name');
  if (tag > 2) throw r.invalidByte(tag, 'an extern name (0x00, 0x01 or 0x02)');
  const name = r.name('an extern name');
  let implementsName: string | undefined;
  let versionSuffix: string | undefined;
  let externalId: string | undefined;
  const order: ExternNameOption[] = [];
  if (tag === 2) {
    const n = r.count('name options', 2);
    for (let i = 0; i < n; i++) {
      const offset = r.position;
      const opt = r.u8('a name option');
      const kind = NAME_OPTIONS[opt];
      if (kind === undefined) throw r.invalidByte(opt, 'a name option');
      const value = r.name(`a ${kind} name option`);
      if (order.includes(kind)) throw r.error('malformed', `duplicate '${kind}' option in name`, offset);
      order.push(kind);
      if (kind === 'implements') implementsName = value;
      else if (kind === 'version-suffix') versionSuffix = value;
      else externalId = value;
    }
  }
  const result: ExternName = { name, implements: implementsName, versionSuffix, externalId };
  const canonicalTag = order.length === 0 ? 0 : 2;
  const canonicalOrder = NAME_OPTIONS.filter((o) => order.includes(o));
  if (tag !== canonicalTag || order.some((o, i) => canonicalOrder[i] !== o)) {
    return { ...result, encoding: { tag, optionOrder: order } };
  }
  return result;
}

function readTypeBounds(r: BinaryReader): TypeBounds {
  const byte = r.u8('a type bound');
  if (byte === 0x00) return { kind: 'eq', index: r.u32('a type index') };
  if (byte === 0x01) return { kind: 'sub-resource' };
  throw r.invalidByte(byte, 'a type bound');
}

/** Reads the type of an import or export. */
export function readExternType(r: BinaryReader): ExternType {
  const sort = readSort(r, 'an extern type');
  switch (sort) {
    case 'module':
    case 'func':
    case 'instance':
    case 'component':
      return { kind: sort, index: r.u32(`a ${sort} type index`) };
    case 'value':
      return { kind: 'value', type: readValType(r) };
    case 'type':
      return { kind: 'type', bounds: readTypeBounds(r) };
    default:
      return unreachable(sort);
  }
}
