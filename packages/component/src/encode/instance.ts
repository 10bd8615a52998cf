/** Writer for component instance entries. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { ComponentInstance } from '../model/instances.js';
import { writeExternName, writeSort } from './externs.js';

/** Writes one component instance. */
export function writeComponentInstance(w: BinaryWriter, i: ComponentInstance): void {
  switch (i.kind) {
    case 'instantiate':
      w.u8(0x00).u32(i.component).vec(i.args, (ww, a) => {
        ww.name(a.name);
        writeSort(ww, a.sort);
        ww.u32(a.index);
      });
      return;
    case 'from-exports':
      w.u8(0x01).vec(i.exports, (ww, e) => {
        writeExternName(ww, e.name);
        writeSort(ww, e.sort);
        ww.u32(e.index);
      });
      return;
    default:
      unreachable(i);
  }
}
