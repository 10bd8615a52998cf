/** Writer for custom sections: the mirror image of `decode/custom.ts`. */
import { unreachable } from '@weld/wit';
import { BinaryWriter } from '../binary/writer.js';
import type { CustomSection, NameSort, NameSubsection } from '../model/custom.js';

const NAME_SORT_BYTES: Readonly<Record<NameSort, readonly number[]>> = {
  'core-func': [0x00, 0x00], 'core-table': [0x00, 0x01], 'core-memory': [0x00, 0x02], 'core-global': [0x00, 0x03],
  'core-tag': [0x00, 0x04], 'core-type': [0x00, 0x10], 'core-module': [0x00, 0x11], 'core-instance': [0x00, 0x12],
  func: [0x01], value: [0x02], type: [0x03], component: [0x04], instance: [0x05],
};

function writeNameSubsection(w: BinaryWriter, s: NameSubsection): void {
  switch (s.kind) {
    case 'component':
      w.u8(0x00).nested((b) => b.name(s.name));
      return;
    case 'sort':
      w.u8(0x01).nested((b) => {
        for (const byte of NAME_SORT_BYTES[s.sort]) b.u8(byte);
        b.vec(s.names, (bb, n) => bb.u32(n.index).name(n.name));
      });
      return;
    case 'unknown':
      w.u8(s.id).nested((b) => b.bytes(s.data));
      return;
    default:
      unreachable(s);
  }
}

/** The contents of a custom section (after its name). */
export function customContent(c: CustomSection): Uint8Array {
  const w = new BinaryWriter();
  switch (c.kind) {
    case 'producers':
      w.vec(c.fields, (ww, f) => ww.name(f.name).vec(f.values, (vw, v) => vw.name(v.name).name(v.version)));
      break;
    case 'name':
      for (const s of c.subsections) writeNameSubsection(w, s);
      break;
    case 'component-type':
    case 'unknown':
      w.bytes(c.data);
      break;
    case 'wit-component-encoding':
      w.u8(c.version).u8(c.encoding);
      break;
    case 'package-docs':
      w.u8(c.version).bytes(new TextEncoder().encode(c.json));
      break;
    default:
      unreachable(c);
  }
  return w.finish();
}

/** Writes a custom section body: the name, then the contents. */
export function writeCustomSection(w: BinaryWriter, c: CustomSection): void {
  w.name(c.name).bytes(customContent(c));
}
