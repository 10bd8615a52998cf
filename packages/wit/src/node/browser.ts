/**
 * `@weld/wit/node` where there is no Node (the `default` export condition,
 * which browser bundlers pick): a bundle that imports the subpath still
 * builds, and a call fails with a `WitError` naming the way out instead of
 * a bundler error about `node:fs`.
 */
import { WitError } from '../errors.js';
import type { PackageResolver, ResolvedPackage } from '../resolver.js';
import type * as node from './index.js';

function unavailable(): never {
  throw new WitError('io', "reading WIT from a path needs Node's file system; pass the files to loadWitFiles of @weld/wit");
}

/** Fails: reading a path needs Node (see above). */
export const loadWit: typeof node.loadWit = async () => unavailable();

/** Fails on construction: a `deps/` folder in memory is a resolver of your own, given to loadWitFiles. */
export class FileSystemResolver implements PackageResolver {
  constructor(_dir: string) {
    unavailable();
  }

  /** Never reached: the constructor has already thrown. */
  resolve(): ResolvedPackage | undefined {
    return unavailable();
  }
}

/** Fails: reading a path needs Node (see above). */
export const readWitInput: typeof node.readWitInput = () => unavailable();
