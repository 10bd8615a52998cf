import type { Diagnostic, DiagnosticLocation, SourceSpan } from '@weld/wit';

/** JSON of a source span: byte offsets always present (null when unknown), line and column when resolved. */
interface SpanJson {
  readonly kind: 'span';
  readonly path: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly line: number | null;
  readonly column: number | null;
}

type LocationJson = SpanJson | Exclude<DiagnosticLocation, SourceSpan>;

/** A diagnostic as JSON (the shape a future `--json` and language server read): every field present, `null` for none. */
export interface DiagnosticJson {
  readonly severity: Diagnostic['severity'];
  readonly message: string;
  readonly location: LocationJson | null;
  readonly labels: readonly { readonly span: SpanJson; readonly text: string }[];
  readonly notes: readonly string[];
  readonly hint: Diagnostic['hint'] | null;
}

function spanJson(span: SourceSpan): SpanJson {
  // The line text is left out: a reader of JSON has the file.
  return {
    kind: 'span', path: span.path, start: span.start ?? null, end: span.end ?? null, line: span.resolved?.line ?? null, column: span.resolved?.column ?? null,
  };
}

function locationJson(location: DiagnosticLocation): LocationJson {
  switch (location.kind) {
    case 'span':
      return spanJson(location);
    case 'binary':
    case 'graph':
      return location;
    default: {
      const never: never = location;
      return never;
    }
  }
}

/** Renders `d` as a JSON value with a fixed set of keys. */
export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  return {
    severity: d.severity,
    message: d.message,
    location: d.location === undefined ? null : locationJson(d.location),
    labels: d.labels.map((label) => ({ span: spanJson(label.span), text: label.text })),
    notes: d.notes,
    hint: d.hint ?? null,
  };
}
