/** Reader for the start section. */
import type { BinaryReader } from '../binary/reader.js';
import { MAX_WASM_FUNCTION_RETURNS, MAX_WASM_START_ARGS, sizeLimitMessage } from '../limits.js';

/** Reads the start function: function index, argument value indices, result count. */
export function readStart(r: BinaryReader): { func: number; args: number[]; results: number } {
  const func = r.u32('a start function index');
  const args = r.vec('start function arguments', (rr) => rr.u32('a value index'), { max: MAX_WASM_START_ARGS, desc: 'start function arguments' });
  const offset = r.position;
  const results = r.u32('the number of start function results');
  if (results > MAX_WASM_FUNCTION_RETURNS) throw r.error('out-of-bounds', sizeLimitMessage('start function results'), offset);
  return { func, args, results };
}
