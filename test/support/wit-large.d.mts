/** Types of wit-large.mjs. */

/** A WIT tree: relative path → file text. */
export type WitTree = Record<string, string>;

/** Every generator by name: `(n) => tree`. */
export declare const generators: Readonly<Record<
  | 'useChain' | 'depsChain' | 'manyTypes' | 'aliasChain' | 'manyInterfaces' | 'useManyNames'
  | 'manyResources' | 'manyParams' | 'includeChain' | 'nestedType' | 'longVersion',
  (n: number) => WitTree
>>;

/** Writes `files` (relative path → text) under `dir`. */
export declare function writeTree(dir: string, files: WitTree): void;
