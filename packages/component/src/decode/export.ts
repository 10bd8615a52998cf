/** Reader for export section entries. */
import type { BinaryReader } from '../binary/reader.js';
import type { Export } from '../model/externs.js';
import { readExternName, readExternType, readSort } from './externs.js';

/** Reads one export: name, sort, index and an optional ascribed type. */
export function readExport(r: BinaryReader): Export {
  const name = readExternName(r);
  const sort = readSort(r);
  const index = r.u32('an export index');
  const tag = r.u8('an optional export type');
  if (tag === 0x00) return { name, sort, index, type: undefined };
  if (tag === 0x01) return { name, sort, index, type: readExternType(r) };
  throw r.invalidByte(tag, 'an optional export type (0x00 or 0x01)');
}
