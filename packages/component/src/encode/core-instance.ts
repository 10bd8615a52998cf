/** Writer for core instance entries. */
import { unreachable } from '@weld/wit';
import type { BinaryWriter } from '../binary/writer.js';
import type { CoreInstance } from '../model/instances.js';
import { writeCoreExport } from './core.js';

/** Writes one core instance. */
export function writeCoreInstance(w: BinaryWriter, i: CoreInstance): void {
  switch (i.kind) {
    case 'instantiate':
      w.u8(0x00).u32(i.module).vec(i.args, (ww, a) => ww.name(a.name).u8(0x12).u32(a.index));
      return;
    case 'from-exports':
      w.u8(0x01).vec(i.exports, writeCoreExport);
      return;
    default:
      unreachable(i);
  }
}
