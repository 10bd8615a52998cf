/**
 * Building blocks of the WIT printer: the indenting output buffer, name
 * escaping, annotations (docs, gates, external ids) and type expressions and
 * declarations. Ported from `WitPrinter` in wit-component 0.263.0
 * (`src/printing.rs`) so that output is byte-identical to `wasm-tools component wit`.
 */
import type { Docs, Resolve, Stability, Type, TypeDef, TypeDefKind, TypeId } from '../model.js';
import { unreachable } from '../unreachable.js';

/**
 * Text output with two-space indentation, mirroring the reference
 * `OutputToString`: indentation is written lazily by the first token of a
 * line, so blank lines carry no trailing spaces.
 */
export class WitOutput {
  #text = '';
  #indent = 0;
  #needsIndent = false;

  /** Writes `src` (never containing a newline), indenting first if at the start of a line. */
  str(src: string): void {
    this.#indentIfNeeded();
    this.#text += src;
  }

  /** Ends the current line. */
  newline(): void {
    this.#text += '\n';
    this.#needsIndent = true;
  }

  /** `;` and end of line. */
  semicolon(): void {
    this.#text += ';';
    this.newline();
  }

  /** ` {`, end of line, one level deeper. */
  indentStart(): void {
    this.#text += ' {';
    this.#indent += 1;
    this.newline();
  }

  /** One level shallower, then `}` on its own line. */
  indentEnd(): void {
    this.#indent = Math.max(0, this.#indent - 1);
    this.#indentIfNeeded();
    this.#text += '}';
    this.newline();
  }

  /** One `///` line; an empty doc line gets no trailing space. */
  doc(line: string): void {
    this.#indentIfNeeded();
    this.#text += line === '' ? '///' : `/// ${line}`;
    this.newline();
  }

  /** The text written so far. */
  toString(): string {
    return this.#text;
  }

  #indentIfNeeded(): void {
    if (this.#needsIndent) {
      this.#text += '  '.repeat(this.#indent);
      this.#needsIndent = false;
    }
  }
}

/** Words the WIT lexer treats as keywords; an identifier spelled like one is printed with `%`. */
const keywords: ReadonlySet<string> = new Set([
  'use', 'type', 'func', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64',
  'float32', 'float64', 'char', 'resource', 'record', 'flags', 'variant', 'enum', 'bool',
  'string', 'option', 'result', 'future', 'stream', 'list', 'own', 'borrow', '_', 'as', 'from',
  'static', 'interface', 'tuple', 'world', 'import', 'export', 'package', 'with', 'include',
  'constructor', 'error-context', 'async', 'map',
]);

/** `name`, or `%name` when it is a keyword. */
export function escapeName(name: string): string {
  return keywords.has(name) ? `%${name}` : name;
}

/** The lines of a doc comment, split the way Rust's `str::lines` does. */
function docLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  // `str::lines` yields no empty line after a final newline.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Writes `docs` as `///` lines (nothing when there are none). */
export function printDocs(out: WitOutput, docs: Docs): void {
  if (docs === undefined) return;
  for (const line of docLines(docs)) out.doc(line);
}

/** Writes the `@since`/`@unstable` gate and any `@deprecated`, each on its own line. */
export function printStability(out: WitOutput, stability: Stability): void {
  switch (stability.kind) {
    case 'unknown':
      return;
    case 'stable':
      out.str(`@since(version = ${stability.since})`);
      break;
    case 'unstable':
      out.str(`@unstable(feature = ${stability.feature})`);
      break;
    default:
      return unreachable(stability);
  }
  out.newline();
  if (stability.deprecated !== undefined) {
    out.str(`@deprecated(version = ${stability.deprecated})`);
    out.newline();
  }
}

/** Characters written as-is inside an `@external-id("…")` string. */
const plainExternalIdChar = /^[A-Za-z0-9\-_./: ]$/;

/** Writes `@external-id("…")` with the reference's string escapes, on its own line. */
export function printExternalId(out: WitOutput, id: string | undefined): void {
  if (id === undefined) return;
  let escaped = '';
  for (const c of id) {
    if (plainExternalIdChar.test(c)) {
      escaped += c;
      continue;
    }
    switch (c) {
      case '\\': escaped += '\\\\'; break;
      case '"': escaped += '\\"'; break;
      case '\n': escaped += '\\n'; break;
      case '\r': escaped += '\\r'; break;
      case '\t': escaped += '\\t'; break;
      default: escaped += `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`;
    }
  }
  out.str(`@external-id("${escaped}")`);
  out.newline();
}

/** Structural equality of two gates, as Rust's derived `PartialEq` compares them. */
export function sameStability(a: Stability, b: Stability): boolean {
  switch (a.kind) {
    case 'unknown':
      return b.kind === 'unknown';
    case 'stable':
      return b.kind === 'stable' && a.since === b.since && a.deprecated === b.deprecated;
    case 'unstable':
      return b.kind === 'unstable' && a.feature === b.feature && a.deprecated === b.deprecated;
    default:
      return unreachable(a);
  }
}

function typeDef(resolve: Resolve, id: TypeId): TypeDef {
  const ty = resolve.types[id];
  if (ty === undefined) throw new Error(`type id ${id} is out of range`);
  return ty;
}

/** The (escaped) name of a resource that a handle points to. */
function resourceName(resolve: Resolve, id: TypeId): string {
  const name = typeDef(resolve, id).name;
  if (name === undefined) throw new Error('unnamed resource type');
  return escapeName(name);
}

/** `result`, `result<T>`, `result<_, E>` or `result<T, E>`. */
function resultExpr(resolve: Resolve, ok: Type | undefined, err: Type | undefined): string {
  const args: string[] = [];
  if (ok !== undefined || err !== undefined) args.push(ok === undefined ? '_' : typeExpr(resolve, ok));
  if (err !== undefined) args.push(typeExpr(resolve, err));
  return args.length === 0 ? 'result' : `result<${args.join(', ')}>`;
}

/** `future`/`stream` with an optional payload. */
function asyncExpr(resolve: Resolve, keyword: 'future' | 'stream', payload: Type | undefined): string {
  return payload === undefined ? keyword : `${keyword}<${typeExpr(resolve, payload)}>`;
}

/**
 * The right-hand side of an anonymous type: `list<T>`, `tuple<…>`, … `own`
 * handles are written as the bare resource name unless `forceOwn` is set,
 * which `type a = own<r>;` needs because it encodes differently from `type a = r;`.
 */
export function anonymousExpr(resolve: Resolve, kind: TypeDefKind, forceOwn: boolean): string {
  switch (kind.kind) {
    case 'handle': {
      const name = resourceName(resolve, kind.resource);
      return kind.handle === 'borrow' ? `borrow<${name}>` : forceOwn ? `own<${name}>` : name;
    }
    case 'tuple':
      return `tuple<${kind.types.map((t) => typeExpr(resolve, t)).join(', ')}>`;
    case 'option':
      return `option<${typeExpr(resolve, kind.type)}>`;
    case 'result':
      return resultExpr(resolve, kind.ok, kind.err);
    case 'list':
      return `list<${typeExpr(resolve, kind.element)}>`;
    case 'map':
      return `map<${typeExpr(resolve, kind.key)}, ${typeExpr(resolve, kind.value)}>`;
    case 'fixed-length-list':
      return `list<${typeExpr(resolve, kind.element)}, ${kind.size}>`;
    case 'future':
    case 'stream':
      return asyncExpr(resolve, kind.kind, kind.type);
    case 'type':
      return typeExpr(resolve, kind.type);
    case 'resource':
    case 'record':
    case 'flags':
    case 'enum':
    case 'variant':
      throw new Error(`resolve has an unnamed ${kind.kind} type`);
    case 'unknown':
      throw new Error('resolve has a type of unknown structure');
    default:
      return unreachable(kind);
  }
}

/** How `ty` is referred to inline: a primitive, a (escaped) type name, or an anonymous type. */
export function typeExpr(resolve: Resolve, ty: Type): string {
  if (typeof ty === 'string') return ty;
  const def = typeDef(resolve, ty);
  if (def.name !== undefined) return escapeName(def.name);
  return anonymousExpr(resolve, def.kind, false);
}

/** Writes `keyword name {`, one `entry,` line (with docs) per member, and `}`. */
function printBlock(
  out: WitOutput,
  keyword: string,
  name: string,
  members: readonly { readonly docs: Docs; readonly text: string }[],
): void {
  out.str(`${keyword} ${escapeName(name)}`);
  out.indentStart();
  for (const member of members) {
    printDocs(out, member.docs);
    out.str(`${member.text},`);
    out.newline();
  }
  out.indentEnd();
}

/**
 * Writes the declaration of a named, non-resource type: a `record`,
 * `flags`, `variant` or `enum` block, or `type name = …;`. Docs and gates are
 * the caller's.
 */
export function declareType(out: WitOutput, resolve: Resolve, id: TypeId): void {
  const { name, kind } = typeDef(resolve, id);
  if (name === undefined) {
    // The reference silently skips unnamed anonymous types but rejects the rest.
    if (kind.kind === 'handle' || kind.kind === 'record' || kind.kind === 'flags'
      || kind.kind === 'variant' || kind.kind === 'enum' || kind.kind === 'type') {
      throw new Error(`document has an unnamed ${kind.kind} type`);
    }
    return;
  }
  switch (kind.kind) {
    case 'record':
      printBlock(out, 'record', name, kind.fields.map((f) => ({
        docs: f.docs,
        text: `${escapeName(f.name)}: ${typeExpr(resolve, f.type)}`,
      })));
      return;
    case 'flags':
      printBlock(out, 'flags', name, kind.flags.map((f) => ({ docs: f.docs, text: escapeName(f.name) })));
      return;
    case 'enum':
      printBlock(out, 'enum', name, kind.cases.map((c) => ({ docs: c.docs, text: escapeName(c.name) })));
      return;
    case 'variant':
      printBlock(out, 'variant', name, kind.cases.map((c) => ({
        docs: c.docs,
        text: c.type === undefined ? escapeName(c.name) : `${escapeName(c.name)}(${typeExpr(resolve, c.type)})`,
      })));
      return;
    case 'resource':
      throw new Error('resources are declared with their functions, not by declareType');
    case 'handle':
    case 'tuple':
    case 'option':
    case 'result':
    case 'list':
    case 'map':
    case 'fixed-length-list':
    case 'future':
    case 'stream':
    case 'type':
    case 'unknown':
      out.str(`type ${escapeName(name)} = ${anonymousExpr(resolve, kind, true)}`);
      out.semicolon();
      return;
    default:
      return unreachable(kind);
  }
}
