import type { Resolve } from './model.js';

/** The resolve as the JSON value `wasm-tools component wit --json` prints, keys in the same order. */
export function resolveToJson(resolve: Resolve): unknown {
  throw new Error(`resolveToJson(${resolve.packages.length}) is being written`);
}
