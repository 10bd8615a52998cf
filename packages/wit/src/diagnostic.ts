/**
 * The one shape every weld error reports itself in (STYLE rule 12): what a
 * renderer needs — rustc-style text in the CLI, JSON, later LSP — with no
 * rendering here. It lives in the lowest package so every stage can build one.
 */

/** How bad it is: an error stops the command, a warning does not. */
export type DiagnosticSeverity = 'error' | 'warning';

/** A line and column a span starts at, as the text rendering shows them. */
export interface LineColumn {
  /** 1-based line. */
  readonly line: number;
  /**
   * 1-based column, counted as the producing stage counts it: UTF-8 bytes
   * for WIT (as wasm-tools does), UTF-16 code units for YAML (as the yaml
   * package does). Only `start`/`end` of a {@link SourceSpan} are always bytes.
   */
  readonly column: number;
  /** The whole source line the span starts on, without its line break. */
  readonly lineText: string;
  /** How many characters the span covers on that line (at least 1). */
  readonly length: number;
}

/** A range of one source file. */
export interface SourceSpan {
  readonly kind: 'span';
  readonly path: string;
  /** Half-open UTF-8 byte offsets into the file; absent when the producer only knows line and column. */
  readonly start?: number;
  readonly end?: number;
  /** Where the span starts, where known. */
  readonly resolved?: LineColumn;
}

/** A byte offset into a binary (a component, a module, an encoded WIT package). */
export interface BinaryOffset {
  readonly kind: 'binary';
  /** The file or input name, where known. */
  readonly path?: string;
  readonly offset: number;
}

/** A node of a composition graph, addressed by its arena id. */
export interface GraphLocation {
  readonly kind: 'graph';
  /** Which arena the id indexes. */
  readonly arena: 'definition' | 'instance' | 'import' | 'export' | 'alias';
  readonly id: number;
  /** Within the node, the import (of an instance: its argument) or export it is about, where it is one. */
  readonly name?: string;
}

/** Where a diagnostic points. */
export type DiagnosticLocation = SourceSpan | BinaryOffset | GraphLocation;

/** A secondary span with what it shows, such as "first defined here". */
export interface DiagnosticLabel {
  readonly span: SourceSpan;
  readonly text: string;
}

/**
 * Data a hint is built from, kept as data so each front end words it itself:
 * `requested`/`known` for a did-you-mean, and for a package that no file
 * defines (the CLI says where to put its files).
 */
export type DiagnosticHint =
  | { readonly kind: 'did-you-mean'; readonly requested: string; readonly known: readonly string[] }
  | { readonly kind: 'missing-package'; readonly requested: string; readonly known: readonly string[] };

/** One problem, as every stage reports it. */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** One line, without location: renderers add where. */
  readonly message: string;
  /** Where it is; undefined for a problem of no one place (a cycle among files, a policy over the whole result). */
  readonly location: DiagnosticLocation | undefined;
  readonly labels: readonly DiagnosticLabel[];
  /** Further lines, in order: each offending import, who needs it, how to fix it. */
  readonly notes: readonly string[];
  readonly hint: DiagnosticHint | undefined;
}

/** Builds an error diagnostic; the optional parts default to none. */
export function diagnostic(
  message: string,
  location: DiagnosticLocation | undefined,
  more: { readonly notes?: readonly string[]; readonly labels?: readonly DiagnosticLabel[]; readonly hint?: DiagnosticHint; readonly severity?: DiagnosticSeverity } = {},
): Diagnostic {
  return {
    severity: more.severity ?? 'error',
    message,
    location,
    labels: more.labels ?? [],
    notes: more.notes ?? [],
    hint: more.hint,
  };
}

/** What an error class of any stage offers the edge. */
export interface HasDiagnostic {
  toDiagnostic(): Diagnostic;
}
