/** The one error class of @weld/oci. */
import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** What went wrong, for callers that branch on it. */
export type OciErrorKind =
  /** A reference (`host/repo:tag`) that does not parse. */
  | 'reference'
  /** Content whose digest or size is not the one its descriptor names. */
  | 'digest'
  /** A manifest, config, layout or archive that is not what the spec says. */
  | 'format'
  /** The registry refused the credentials (401) or the action (403). */
  | 'auth'
  /** The manifest, tag, blob or repository does not exist. */
  | 'not-found'
  /** The registry answered with an unexpected status. */
  | 'http'
  /** The registry could not be reached, or the connection dropped, after all retries. */
  | 'network'
  /** Plain HTTP to a host that is not loopback, without `insecure`. */
  | 'insecure'
  /** A credential helper failed or a Docker config does not parse. */
  | 'credentials';

/**
 * An error of packaging, layouts or the registry client. Messages name the
 * reference or file and never contain a secret.
 */
export class OciError extends Error implements HasDiagnostic {
  override readonly name = 'OciError';
  readonly kind: OciErrorKind;
  /** The HTTP status, for `auth`, `not-found` and `http`. */
  readonly status: number | undefined;
  /**
   * Whether trying again may help: a reset, a stall, a 5xx. False for a
   * verdict (a refused redirect, a deadline, an abort, bad content).
   */
  readonly transient: boolean;

  constructor(kind: OciErrorKind, message: string, status?: number, options: { transient?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = status;
    this.transient = options.transient ?? false;
  }

  /** The error as a {@link Diagnostic}: the message names the reference or file. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, undefined);
  }
}
