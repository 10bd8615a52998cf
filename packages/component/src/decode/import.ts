/** Reader for import section entries. */
import type { BinaryReader } from '../binary/reader.js';
import type { Import } from '../model/externs.js';
import { readExternName, readExternType } from './externs.js';

/** Reads one import: a name and an extern type. */
export function readImport(r: BinaryReader): Import {
  return { name: readExternName(r), type: readExternType(r) };
}
