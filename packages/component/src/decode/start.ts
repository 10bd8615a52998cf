/** Reader for the start section. */
import type { BinaryReader } from '../binary/reader.js';

/** Reads the start function: function index, argument value indices, result count. */
export function readStart(r: BinaryReader): { func: number; args: number[]; results: number } {
  const func = r.u32('a start function index');
  const args = r.vec('start function arguments', (rr) => rr.u32('a value index'));
  const offset = r.position;
  const results = r.u32('the number of start function results');
  if (results > 1000) throw r.error('out-of-bounds', 'start function results size is out of bounds', offset);
  return { func, args, results };
}
