/** Writer for the start section body. */
import type { BinaryWriter } from '../binary/writer.js';
import type { StartSection } from '../model/component.js';

/** Writes the start function. */
export function writeStart(w: BinaryWriter, s: StartSection): void {
  w.u32(s.func).vec(s.args, (ww, a) => ww.u32(a)).u32(s.results);
}
