/** Types of jco-host.mjs. */

/** A component transpiled by jco in instantiation mode, on disk. */
export interface Transpiled {
  /** The component it came from (for messages). */
  readonly source: string;
  /** The directory holding the generated files. */
  readonly dir: string;
  /** The generated ES module, relative to `dir`; it exports `instantiate`. */
  readonly js: string;
  /** Imported interfaces as keys of the import object (jco drops versions: `wasi:cli/stdout`). */
  readonly imports: readonly string[];
  /** Exported names as keys of the exports object (`calc`, `weld:calc/calc@1.0.0`, …). */
  readonly exports: readonly string[];
}

/** What one instance may see of the host. Everything not granted is denied. */
export interface WasiOptions {
  /** `wasi:cli/environment` variables; none unless given. */
  readonly env?: Readonly<Record<string, string>>;
  /** `wasi:cli/environment` arguments, program name first; none unless given. */
  readonly args?: readonly string[];
  /** `wasi:cli/environment` initial-cwd; none unless given. */
  readonly cwd?: string;
  /** Preopened directories, guest path → host path; none unless given. */
  readonly preopens?: Readonly<Record<string, string>>;
  /** Allow `wasi:sockets` to reach the network; denied unless true. */
  readonly network?: boolean;
  /** What `wasi:cli/exit` does: throw `ComponentExit` (default) or end the process. */
  readonly onExit?: 'throw' | 'process';
}

/** An interface name without its `@version`. */
export function unversioned(name: string): string;

/** Thrown in the host when the guest calls `wasi:cli/exit` (with `onExit: 'throw'`). */
export class ComponentExit extends Error {
  constructor(code: number);
  readonly code: number;
}

/** WASI 0.2 imports from preview2-shim for one instance, keyed without versions. */
export function wasiImports(options?: WasiOptions): Record<string, object>;

/**
 * The import object for `transpiled`: host implementations (keyed with or
 * without versions) first, WASI defaults after. Throws naming every imported
 * interface left without one.
 */
export function resolveImports(
  transpiled: Transpiled,
  host?: Readonly<Record<string, object>>,
  wasi?: Readonly<Record<string, object>>,
): Record<string, object>;

/** Instantiates a transpiled component; resolves to its exports object. */
export function instantiate(transpiled: Transpiled, imports: Record<string, object>): Promise<Record<string, unknown>>;

/** The JSON argument of cli-child.mjs. */
export interface CliChildConfig extends Omit<WasiOptions, 'onExit'> {
  readonly transpiled: Transpiled;
  /** An ES module whose default export is the host's imports (or a function returning them). */
  readonly hostModule?: string;
}
