/**
 * The public shapes of `@weld/compose`: inputs, the composition graph, what a
 * composition reports, and its errors. The graph is the public model (as in
 * wac); encoding it is internal and validates by default.
 */
import type { Component, ComponentTypes, ProducerField } from '@weld/component';
import { diagnostic, type Diagnostic, type DiagnosticHint, type GraphLocation, type HasDiagnostic, type SourceSpan } from '@weld/wit';

/** A component to compose, by a display name (usually its file name) and its bytes. */
export interface ComposeInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** An index into `CompositionGraph.defs`. */
export type ComponentDefId = number;
/** An index into `CompositionGraph.instances`. */
export type InstanceId = number;
/** An index into `CompositionGraph.imports`. */
export type ImportId = number;

/** A component definition embedded in the result. */
export interface ComponentDef {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly component: Component;
  readonly types: ComponentTypes;
  /** Hex sha256 of `bytes`. */
  readonly sha256: string;
  readonly producers: readonly ProducerField[];
  /**
   * Made from WIT only to type an import of the result (`addImport` with a
   * WIT interface): it is never instantiated, embedded, or recorded in provenance.
   */
  readonly typeOnly?: boolean;
}

/** Where an instantiation argument or an export of the result comes from. */
export type Source =
  /** An import of the result. */
  | { readonly kind: 'import'; readonly import: ImportId }
  /** An export of another instance in the graph. */
  | { readonly kind: 'instance-export'; readonly instance: InstanceId; readonly name: string };

/** An index into the alias nodes of a `CompositionBuilder`. */
export type AliasId = number;

/**
 * Where an argument or an export comes from, as the builder takes it: a
 * {@link Source}, or an alias node made by `aliasExport` (which `build()`
 * lowers to the instance export it stands for).
 */
export type BuilderSource = Source | { readonly kind: 'alias'; readonly alias: AliasId };

/** An import of the result: a name, and the inner import whose type it takes. */
export interface GraphImport {
  readonly name: string;
  /** The definition and import name whose type declaration the result's import copies (the highest version when merged). */
  readonly typeFrom: { readonly def: ComponentDefId; readonly importName: string };
  /**
   * When several definitions' imports merged into this one: all of them,
   * `typeFrom` first, then by descending version. The import's instance
   * type is their union (each export taken from the first that has it), as
   * a component made from WIT declares only the functions it uses.
   */
  readonly merged?: readonly { readonly def: ComponentDefId; readonly importName: string }[];
}

/** One instantiation of a definition. */
export interface GraphInstance {
  readonly def: ComponentDefId;
  /** A unique label for messages and provenance, e.g. `calc` or `calc-2`. */
  readonly label: string;
  /** Keyed by the definition's import name. */
  readonly args: ReadonlyMap<string, Source>;
}

/** An export of the result: its name and the import or instance export it passes on. */
export interface GraphExport {
  readonly name: string;
  readonly source: Source;
}

/** A composition: definitions, the result's imports, instances with their arguments, and the result's exports. */
export interface CompositionGraph {
  readonly defs: readonly ComponentDef[];
  readonly imports: readonly GraphImport[];
  /** In instantiation order: every instance comes after the instances its arguments come from. */
  readonly instances: readonly GraphInstance[];
  readonly exports: readonly GraphExport[];
}

/** Which export fills which import: one line of the provenance record. */
export interface Binding {
  readonly instance: string;
  readonly import: string;
  /** `import NAME` or `INSTANCE.EXPORT`. */
  readonly from: string;
}

/** Something a composition noticed that does not stop it, such as a plug that satisfies no import. */
export interface ComposeWarning {
  readonly kind: 'unused-plug' | 'duplicate-plug';
  readonly message: string;
}

/** A composition with what it reports. */
export interface Composition {
  readonly graph: CompositionGraph;
  readonly bindings: readonly Binding[];
  readonly warnings: readonly ComposeWarning[];
  /** For each import of the result: which instances need it. */
  readonly importUsers: ReadonlyMap<string, readonly string[]>;
  /** For `--verbose`: plug exports nothing used, per plug. */
  readonly unusedExports: ReadonlyMap<string, readonly string[]>;
}

/** What went wrong, so callers can branch on it without parsing the message. */
export type ComposeErrorKind =
  /** A socket import and the plug export offered for it do not match; the message has the path of the difference. */
  | 'type-mismatch'
  /** Plugs depend on each other in a cycle; the message names it. */
  | 'cycle'
  /** No plug satisfies any import. */
  | 'nothing-plugged'
  /** A name in the configuration or on the command line refers to nothing. */
  | 'not-found'
  /** The same name is given twice. */
  | 'duplicate'
  /** A remaining import is denied by the capability policy. */
  | 'policy'
  /** The configuration file is malformed. */
  | 'config'
  /** An input is not a component, or its types cannot be composed. */
  | 'invalid-input'
  /** The result would exceed a limit of the component model's validator (instances, components, types, ...). */
  | 'too-large'
  /** An export of the result refers to a type of an inner instance that the result neither imports nor exports. */
  | 'internal-type';

/** The one error class of composition. */
export class ComposeError extends Error implements HasDiagnostic {
  override readonly name = 'ComposeError';
  readonly kind: ComposeErrorKind;
  /** Extra lines for the user, e.g. each offending import and who needs it. */
  readonly details: readonly string[];
  /** Where in a configuration file, for an error of one; the message then starts with its `file:line:col: `. */
  readonly span: SourceSpan | undefined;
  /** What a hint needs, such as the name asked for and the ones there are. */
  readonly hint: DiagnosticHint | undefined;
  /**
   * The node of the composition graph the error is about (by the builder's
   * ids), for a front end to map back to where it wrote that node.
   */
  readonly graph: GraphLocation | undefined;
  /** The message without its `file:line:col: `. */
  readonly #reason: string;

  constructor(
    kind: ComposeErrorKind, message: string, details: readonly string[] = [],
    more: { readonly span?: SourceSpan; readonly hint?: DiagnosticHint; readonly graph?: GraphLocation } = {},
  ) {
    const { span, hint, graph } = more;
    const at = span?.resolved;
    super(span === undefined || at === undefined ? message : `${span.path}:${at.line}:${at.column}: ${message}`);
    this.kind = kind;
    this.details = details;
    this.span = span;
    this.hint = hint;
    this.graph = graph;
    this.#reason = message;
  }

  /** The message without the `file:line:col: ` of its span. */
  get reason(): string {
    return this.#reason;
  }

  /** The error as a {@link Diagnostic}: the details are its notes; it points at its span, else its graph node. */
  toDiagnostic(): Diagnostic {
    return diagnostic(this.#reason, this.span ?? this.graph, { notes: this.details, ...(this.hint !== undefined && { hint: this.hint }) });
  }
}
