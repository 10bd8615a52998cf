/** Writer for export entries. */
import type { BinaryWriter } from '../binary/writer.js';
import type { Export } from '../model/externs.js';
import { writeExternName, writeExternType, writeSort } from './externs.js';

/** Writes one export. */
export function writeExport(w: BinaryWriter, e: Export): void {
  writeExternName(w, e.name);
  writeSort(w, e.sort);
  w.u32(e.index);
  if (e.type === undefined) w.u8(0x00);
  else {
    w.u8(0x01);
    writeExternType(w, e.type);
  }
}
