import { diagnostic, type Diagnostic, type HasDiagnostic } from '@weld/wit';

/** What made a component's types impossible to compute. */
export type ComponentTypeErrorKind =
  /** An index past the end of its index space (type, func, instance, ...). */
  | 'index-out-of-bounds'
  /** An index that refers to an item of another sort or type kind than required. */
  | 'wrong-sort'
  /** An alias of an instance export the instance does not have. */
  | 'missing-export'
  /** An instantiation that does not supply an import of the component. */
  | 'missing-argument'
  /** An instantiation argument of another sort or type kind than the import it satisfies. */
  | 'type-mismatch'
  /** Two imports, exports or instantiation arguments with the same name. */
  | 'duplicate-name'
  /** An outer alias that reaches past the outermost component. */
  | 'invalid-outer-alias'
  /** A resource used where the component model forbids it. */
  | 'invalid-resource'
  /** A count, type size or nesting depth past one of wasmparser's limits (see limits.ts). */
  | 'limit-exceeded';

/**
 * The one error class of the type view: the component is inconsistent in a
 * way that leaves some item without a type. `offset` is a byte offset in the
 * decoded input when one is known (the model keeps few offsets).
 */
export class ComponentTypeError extends Error implements HasDiagnostic {
  override readonly name = 'ComponentTypeError';
  readonly kind: ComponentTypeErrorKind;
  readonly offset: number | undefined;

  constructor(kind: ComponentTypeErrorKind, message: string, offset?: number) {
    super(message);
    this.kind = kind;
    this.offset = offset;
  }

  /** The error as a {@link Diagnostic}, at its byte offset when one is known. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.message, this.offset === undefined ? undefined : { kind: 'binary', offset: this.offset });
  }
}
