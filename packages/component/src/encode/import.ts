/** Writer for import entries. */
import type { BinaryWriter } from '../binary/writer.js';
import type { Import } from '../model/externs.js';
import { writeExternName, writeExternType } from './externs.js';

/** Writes one import. */
export function writeImport(w: BinaryWriter, i: Import): void {
  writeExternName(w, i.name);
  writeExternType(w, i.type);
}
