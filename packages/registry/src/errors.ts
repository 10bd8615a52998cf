/** The one error class of @weld/registry. */
import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** What went wrong, for callers that branch on it. */
export type RegistryErrorKind =
  /** The wkg config file or a lock file cannot be read or does not follow its format. */
  | 'config'
  /** No registry is configured for the package's namespace. */
  | 'no-registry'
  /** The registry could not be reached or refused the request. */
  | 'registry'
  /** The registry has no such package, or no version of it that fits. */
  | 'not-found'
  /** What the registry holds under the name is not a WIT package (not the Wasm artifact, or a component). */
  | 'not-wit-package'
  /** Content whose digest is not the one the manifest or the lock names. */
  | 'digest'
  /** The package the content encodes is not the one asked for. */
  | 'name-mismatch'
  /** Working offline, a package the lock or the cache cannot supply. */
  | 'offline'
  /** Publishing a version the registry already has (and overwriting was not asked for). */
  | 'exists'
  /** Publishing a WIT package that breaks what the previous compatible release had (and breaking was not allowed). */
  | 'not-compatible';

/**
 * An error of finding or fetching a package by name. The message names the
 * package; `notes` say where weld looked (the registry address, the config
 * file that chose it).
 */
export class RegistryError extends Error implements HasDiagnostic {
  override readonly name = 'RegistryError';
  readonly kind: RegistryErrorKind;
  readonly notes: readonly string[];

  constructor(kind: RegistryErrorKind, message: string, notes: readonly string[] = [], options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.notes = notes;
  }

  /** The error as a {@link Diagnostic}: the notes say where weld looked. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, undefined, { notes: this.notes });
  }
}
