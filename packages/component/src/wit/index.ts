export { componentWit, externsOf } from './from-binary.js';
export { decodeWit } from './decode-wit.js';
export type { DecodedWit, Extern } from './decode-wit.js';
export { WitDecodeError } from './errors.js';
