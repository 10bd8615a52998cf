/** Writers for sorts, extern names, extern types and value types. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { ExternName, ExternNameOption, ExternType, Sort } from '../model/externs.js';
import type { PrimitiveValType, ValType } from '../model/val-type.js';

/** Primitive value type → byte. */
export const PRIMITIVE_BYTES: Readonly<Record<PrimitiveValType, number>> = {
  bool: 0x7f, s8: 0x7e, u8: 0x7d, s16: 0x7c, u16: 0x7b, s32: 0x7a, u32: 0x79, s64: 0x78, u64: 0x77,
  f32: 0x76, f64: 0x75, char: 0x74, string: 0x73, 'error-context': 0x64,
};

/** Writes a component sort (`core module` as `0x00 0x11`). */
export function writeSort(w: BinaryWriter, sort: Sort): void {
  switch (sort) {
    case 'module': w.u8(0x00).u8(0x11); return;
    case 'func': w.u8(0x01); return;
    case 'value': w.u8(0x02); return;
    case 'type': w.u8(0x03); return;
    case 'component': w.u8(0x04); return;
    case 'instance': w.u8(0x05); return;
    default: unreachable(sort);
  }
}

/** Writes a value type. */
export function writeValType(w: BinaryWriter, t: ValType): void {
  if (typeof t === 'number') w.signed(t);
  else w.u8(PRIMITIVE_BYTES[t]);
}

/** Writes `0x00` or `0x01 t`. */
export function writeOptionalValType(w: BinaryWriter, t: ValType | undefined): void {
  if (t === undefined) w.u8(0x00);
  else {
    w.u8(0x01);
    writeValType(w, t);
  }
}

const OPTION_BYTES: Readonly<Record<ExternNameOption, number>> = { implements: 0x00, 'version-suffix': 0x01, 'external-id': 0x02 };

/** Writes an import/export name with its options. */
export function writeExternName(w: BinaryWriter, n: ExternName): void {
  const values: Record<ExternNameOption, string | undefined> = {
    implements: n.implements, 'version-suffix': n.versionSuffix, 'external-id': n.externalId,
  };
  const order = n.encoding?.optionOrder ?? (['implements', 'version-suffix', 'external-id'] as const).filter((o) => values[o] !== undefined);
  const tag = n.encoding?.tag ?? (order.length === 0 ? 0 : 2);
  w.u8(tag).name(n.name);
  if (tag === 2) {
    w.u32(order.length);
    for (const o of order) w.u8(OPTION_BYTES[o]).name(values[o] ?? '');
  }
}

/** Writes the type of an import or export. */
export function writeExternType(w: BinaryWriter, t: ExternType): void {
  writeSort(w, t.kind);
  switch (t.kind) {
    case 'module':
    case 'func':
    case 'instance':
    case 'component':
      w.u32(t.index);
      return;
    case 'value':
      writeValType(w, t.type);
      return;
    case 'type':
      if (t.bounds.kind === 'eq') w.u8(0x00).u32(t.bounds.index);
      else w.u8(0x01);
      return;
    default:
      unreachable(t);
  }
}
