import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** The WIT a component describes cannot be written down, or its types are inconsistent. */
export class WitDecodeError extends Error implements HasDiagnostic {
  override readonly name = 'WitDecodeError';

  /** The error as a {@link Diagnostic}: the whole component is at fault, so it points nowhere in particular. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, undefined);
  }
}

/** A resolved WIT package that cannot be encoded as wasm (wit-component refuses it the same way). */
export class WitEncodeError extends Error implements HasDiagnostic {
  override readonly name = 'WitEncodeError';

  /** The error as a {@link Diagnostic}: it is about the package as a whole. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, undefined);
  }
}
