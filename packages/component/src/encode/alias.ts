/** Writer for alias entries: the mirror image of `decode/alias.ts`. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { Alias } from '../model/aliases.js';
import { CORE_SORT_BYTES } from './core.js';
import { writeSort } from './externs.js';

/** Writes one alias. */
export function writeAlias(w: BinaryWriter, a: Alias): void {
  switch (a.kind) {
    case 'instance-export':
      writeSort(w, a.sort);
      w.u8(0x00).u32(a.instance).name(a.name);
      return;
    case 'core-instance-export':
      w.u8(0x00).u8(CORE_SORT_BYTES[a.sort]).u8(0x01).u32(a.instance).name(a.name);
      return;
    case 'outer': {
      const sort = a.sort;
      switch (sort) {
        case 'module': w.u8(0x00).u8(0x11); break;
        case 'core-type': w.u8(0x00).u8(0x10); break;
        case 'type': w.u8(0x03); break;
        case 'component': w.u8(0x04); break;
        default: unreachable(sort);
      }
      w.u8(0x02).u32(a.count).u32(a.index);
      return;
    }
    default:
      unreachable(a);
  }
}
