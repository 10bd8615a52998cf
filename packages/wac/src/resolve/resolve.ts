/**
 * The start of the WAC resolver: a parsed document to a composition through
 * `@weld/compose`'s `CompositionBuilder`, with wac's meaning and messages
 * (`crates/wac-parser/src/resolution.rs`) for what it covers: `let x = new
 * pkg { … }` with named, inferred and spread (`...x`) arguments and a
 * trailing `...`, access to instance exports (`x.name`, `x["name"]`), and
 * `export x.y (as "n")` and `export x...`, and `import x: ns:pkg/iface;`
 * of an interface of a WIT package.
 * Everything else is refused with a located `WacError('unsupported')`
 * rather than given a different meaning.
 */
import {
  ComposeError, CompositionBuilder, type AliasId, type BuilderSource, type ComponentDefId, type ComposeInput, type Composition, type ImportId, type InstanceId,
} from '@weld/compose';
import type { ComponentItem } from '@weld/component';
import { unreachable, type MaybePromise, type Resolve, type Span } from '@weld/wit';
import type { Document, Expr, ExportStatement, Ident, ImportStatement, PrimaryExpr, Statement } from '../ast.js';
import { WacError, type WacErrorKind } from '../errors.js';
import { locate, type WacSource } from '../source.js';

/** A package as the lookup finds it: a component to instantiate, or WIT whose interfaces type imports. */
export type WacPackage =
  | { readonly kind: 'component'; readonly input: ComposeInput }
  | { readonly kind: 'wit'; readonly resolve: Resolve };

/** Finds a package by name (`ns:pkg`) and version (undefined: the one there is). */
export type PackageLookup = (name: string, version: string | undefined) => MaybePromise<WacPackage | undefined>;

/** Options of {@link resolveWac}. */
export interface ResolveWacOptions {
  /** Where `new ns:pkg` finds its component. */
  readonly lookup: PackageLookup;
  /** Check the types of the arguments (default `true`). */
  readonly typecheck?: boolean;
}

/** What a name or an expression stands for. */
type Item =
  | { readonly kind: 'instance'; readonly instance: InstanceId }
  /** An import of the result, by its name. */
  | { readonly kind: 'import'; readonly import: ImportId; readonly name: string }
  /** An instance's export; `instance` when it is an instance itself (its own exports cannot be reached yet). */
  | { readonly kind: 'alias'; readonly alias: AliasId; readonly name: string; readonly isInstance: boolean };

/** Where each instance argument was written, to locate the type checker's errors. */
type ArgumentSpans = Map<string, Span>;

/** wac's interface-name match: `baz` names `foo:bar/baz@1.0.0` when that is the only such name and `baz` itself is not one. */
function matchingInterfaceName(name: string, names: Iterable<string>): string | undefined {
  let found: string | undefined;
  for (const candidate of names) {
    if (candidate === name) return undefined;
    const slash = candidate.lastIndexOf('/');
    if (slash < 0) continue;
    const tail = candidate.slice(slash + 1);
    const at = tail.indexOf('@');
    if ((at < 0 ? tail : tail.slice(0, at)) !== name) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

class Resolver {
  readonly #source: WacSource;
  readonly #doc: Document;
  readonly #options: ResolveWacOptions;
  readonly #builder = new CompositionBuilder();
  readonly #names = new Map<string, Item>();
  readonly #packages = new Map<string, WacPackage>();
  readonly #defs = new Map<string, ComponentDefId>();
  readonly #imported = new Set<string>();
  readonly #argumentSpans: ArgumentSpans = new Map();
  readonly #instanceDefs = new Map<InstanceId, ComponentDefId>();
  readonly #exported = new Set<string>();

  constructor(source: WacSource, doc: Document, options: ResolveWacOptions) {
    this.#source = source;
    this.#doc = doc;
    this.#options = options;
  }

  error(kind: WacErrorKind, message: string, span: Span): WacError {
    return new WacError(kind, message, span, locate(this.#source, span));
  }

  async resolve(): Promise<Composition> {
    if (this.#doc.targets !== undefined) throw this.error('unsupported', '`targets` is not supported yet', this.#doc.targets.span);
    for (const statement of this.#doc.statements) await this.#statement(statement);
    try {
      return this.#builder.build({ typecheck: this.#options.typecheck ?? true });
    } catch (error) {
      if (!(error instanceof ComposeError)) throw error;
      const graph = error.graph;
      const span = graph?.arena === 'instance' && graph.name !== undefined ? this.#argumentSpans.get(`${graph.id}/${graph.name}`) : undefined;
      if (span === undefined || error.kind !== 'type-mismatch') throw error;
      throw this.error('resolve', `mismatched instantiation argument \`${graph!.name}\`: ${error.message}`, span);
    }
  }

  async #statement(statement: Statement): Promise<void> {
    switch (statement.kind) {
      case 'let': {
        const item = await this.#expr(statement.expr);
        if (this.#names.has(statement.id.name)) throw this.error('resolve', `\`${statement.id.name}\` is already defined`, statement.id.span);
        this.#names.set(statement.id.name, item);
        return;
      }
      case 'export': return this.#export(statement);
      case 'import': {
        const item = await this.#import(statement);
        if (this.#names.has(statement.id.name)) throw this.error('resolve', `\`${statement.id.name}\` is already defined`, statement.id.span);
        this.#names.set(statement.id.name, item);
        return;
      }
      case 'interface':
      case 'world':
      case 'variant':
      case 'record':
      case 'flags':
      case 'enum':
      case 'type-alias':
        throw this.error('unsupported', `\`${statement.kind === 'type-alias' ? 'type' : statement.kind}\` declarations are not supported yet`, statement.id.span);
      default: return unreachable(statement, 'statement');
    }
  }

  async #export(statement: ExportStatement): Promise<void> {
    const item = await this.#expr(statement.expr);
    const { options } = statement;
    if (options.kind === 'spread') {
      const instance = this.#instanceFor(item, 'a spread operation', statement.expr.span);
      let exported = false;
      for (const name of this.#exportsOf(instance).keys()) {
        if (this.#exported.has(name)) continue;
        this.#exportAs(name, { kind: 'alias', alias: this.#builder.aliasExport(instance, name) }, options.span);
        exported = true;
      }
      if (!exported) throw this.error('resolve', 'instance has no exports or all exports of the instance match previously exported names', statement.expr.span);
      return;
    }
    if (item.kind === 'instance') throw this.error('unsupported', 'exporting a whole instance is not supported yet', statement.expr.span);
    const { name, span } = options.kind === 'rename' ? { name: options.name.value, span: options.name.span } : { name: item.name, span: statement.expr.span };
    this.#exportAs(name, this.#sourceOf(item, span), span);
  }

  #exportAs(name: string, source: BuilderSource, span: Span): void {
    if (this.#exported.has(name)) throw this.error('resolve', `duplicate export \`${name}\``, span);
    this.#exported.add(name);
    this.#builder.export(name, source);
  }

  /** An item as an argument or export; a whole instance cannot be one yet. */
  #sourceOf(item: Item, span: Span): BuilderSource {
    switch (item.kind) {
      case 'alias': return { kind: 'alias', alias: item.alias };
      case 'import': return { kind: 'import', import: item.import };
      case 'instance': throw this.error('unsupported', 'passing a whole instance as an argument is not supported yet', span);
      default: return unreachable(item, 'item');
    }
  }

  /** `import x (as name)?: ns:pkg/iface;` of a WIT package's interface. */
  async #import(statement: ImportStatement): Promise<Item> {
    const { type } = statement;
    if (type.kind !== 'package') throw this.error('unsupported', `importing ${type.kind === 'func' ? 'a function' : type.kind === 'interface' ? 'an inline interface' : 'a declared type'} is not supported yet`, statement.id.span);
    const { path } = type;
    const pkg = await this.#package(path.name, path.version, path.span);
    if (pkg.kind !== 'wit') throw this.error('unsupported', 'importing an export of a component package is not supported yet', path.span);
    if (path.segments.length !== 1) throw this.error('unsupported', 'importing a nested export of a package is not supported yet', path.span);
    const witPackage = pkg.resolve.packages.find((p) => `${p.name.namespace}:${p.name.name}` === path.name && (path.version === undefined || p.name.version === path.version));
    const iface = witPackage?.interfaces.get(path.segments[0]!);
    if (iface === undefined) throw this.error('resolve', `package \`${path.name}\` has no export named \`${path.segments[0]!}\``, path.span);
    const { value: name, span } = statement.name ?? { value: path.text, span: path.span };
    if (this.#imported.has(name)) throw this.error('resolve', `duplicate import \`${name}\``, span);
    this.#imported.add(name);
    return { kind: 'import', import: this.#builder.addImport(name, { kind: 'wit', resolve: pkg.resolve, interface: iface }), name };
  }

  /** The instance an access or spread works on; an export that is not an instance is wac's `NotAnInstance`. */
  #instanceFor(item: Item, operation: string, span: Span): InstanceId {
    if (item.kind === 'instance') return item.instance;
    if (item.kind === 'import' || item.isInstance) throw this.error('unsupported', `${operation} on an instance exported by another instance is not supported yet`, span);
    throw this.error('resolve', `an instance is required to perform ${operation}`, span);
  }

  #exportsOf(instance: InstanceId): ReadonlyMap<string, ComponentItem> {
    return this.#builder.definition(this.#instanceDefs.get(instance)!).types.exports;
  }

  #alias(instance: InstanceId, name: string): Item {
    const isInstance = this.#exportsOf(instance).get(name)!.type.kind === 'instance';
    return { kind: 'alias', alias: this.#builder.aliasExport(instance, name), name, isInstance };
  }

  #local(id: Ident): Item {
    const item = this.#names.get(id.name);
    if (item === undefined) throw this.error('resolve', `undefined name \`${id.name}\``, id.span);
    return item;
  }

  /** An expression's item; access chains are a loop. */
  async #expr(expr: Expr): Promise<Item> {
    let item = await this.#primary(expr.primary);
    let parent: Span = expr.primary.kind === 'ident' ? expr.primary.id.span : expr.primary.span;
    for (const post of expr.postfix) {
      const instance = this.#instanceFor(item, 'an access operation', parent);
      const exports = this.#exportsOf(instance);
      const name = post.kind === 'access' ? (matchingInterfaceName(post.id.name, exports.keys()) ?? post.id.name) : post.name.value;
      if (!exports.has(name)) throw this.error('resolve', `the instance has no export named \`${name}\``, post.span);
      item = this.#alias(instance, name);
      parent = { start: parent.start, end: post.span.end };
    }
    return item;
  }

  async #primary(primary: PrimaryExpr): Promise<Item> {
    switch (primary.kind) {
      case 'ident': return this.#local(primary.id);
      case 'nested': return this.#expr(primary.inner);
      case 'new': return this.#new(primary);
      default: return unreachable(primary, 'primary expression');
    }
  }

  async #new(expr: Extract<PrimaryExpr, { kind: 'new' }>): Promise<Item> {
    const pkg = expr.package;
    if (pkg.name === this.#doc.package.name) throw this.error('resolve', `unknown package \`${pkg.name}\``, pkg.span);
    const def = await this.#definition(pkg.name, pkg.version, pkg.span);
    const imports = this.#builder.definition(def).types.imports;
    const args = new Map<string, { readonly item: Item; readonly span: Span }>();
    let requireAll = true;
    for (const [i, arg] of expr.arguments.entries()) {
      let name: string;
      let item: Item;
      let span: Span;
      switch (arg.kind) {
        case 'fill':
          if (i !== expr.arguments.length - 1) throw this.error('resolve', 'implicit import argument `...` must be the last argument', arg.span);
          requireAll = false;
          continue;
        case 'spread':
          // After the other arguments, as wac does: a spread fills only what they leave.
          continue;
        case 'named':
          item = await this.#expr(arg.expr);
          name = arg.name.kind === 'string' ? arg.name.value : (matchingInterfaceName(arg.name.value, imports.keys()) ?? arg.name.value);
          span = arg.name.span;
          break;
        case 'inferred':
          item = this.#local(arg.id);
          span = arg.id.span;
          name = item.kind !== 'instance' && imports.has(item.name) ? item.name : (matchingInterfaceName(arg.id.name, imports.keys()) ?? arg.id.name);
          break;
        default: return unreachable(arg, 'instantiation argument');
      }
      if (args.has(name)) throw this.error('resolve', `duplicate instantiation argument \`${name}\``, span);
      args.set(name, { item, span });
    }
    for (const arg of expr.arguments) {
      if (arg.kind !== 'spread') continue;
      const from = this.#instanceFor(this.#local(arg.id), 'a spread operation', arg.id.span);
      const exports = this.#exportsOf(from);
      let spread = false;
      for (const name of imports.keys()) {
        if (args.has(name) || !exports.has(name)) continue;
        args.set(name, { item: this.#alias(from, name), span: arg.id.span });
        spread = true;
      }
      if (!spread) throw this.error('resolve', 'the instance has no matching exports for the remaining unsatisfied arguments', arg.id.span);
    }
    if (requireAll) {
      for (const name of imports.keys()) {
        if (!args.has(name)) throw this.error('resolve', `missing instantiation argument \`${name}\` for package \`${pkg.text}\``, pkg.span);
      }
    }
    const instance = this.#builder.instantiate(def);
    this.#instanceDefs.set(instance, def);
    for (const [name, { item, span }] of args) {
      if (!imports.has(name)) throw this.error('resolve', `component \`${pkg.name}\` has no import named \`${name}\``, span);
      this.#builder.setArgument(instance, name, this.#sourceOf(item, span));
      this.#argumentSpans.set(`${instance}/${name}`, span);
    }
    return { kind: 'instance', instance };
  }

  /** A package from the lookup, asked for once. */
  async #package(name: string, version: string | undefined, span: Span): Promise<WacPackage> {
    const key = version === undefined ? name : `${name}@${version}`;
    let pkg = this.#packages.get(key);
    if (pkg === undefined) {
      pkg = await this.#options.lookup(name, version);
      if (pkg === undefined) throw this.error('resolve', `unknown package \`${name}\``, span);
      this.#packages.set(key, pkg);
    }
    return pkg;
  }

  async #definition(name: string, version: string | undefined, span: Span): Promise<ComponentDefId> {
    const key = version === undefined ? name : `${name}@${version}`;
    const known = this.#defs.get(key);
    if (known !== undefined) return known;
    const pkg = await this.#package(name, version, span);
    if (pkg.kind !== 'component') throw this.error('resolve', `package \`${key}\` is WIT, not a component, and cannot be instantiated`, span);
    const def = this.#builder.addDefinition(pkg.input, { package: key });
    this.#defs.set(key, def);
    return def;
  }
}

/**
 * Resolves a parsed WAC document (from `text` at `path`) into a composition.
 *
 * @throws WacError for what the document gets wrong, located in its text
 * @throws ComposeError from reading a package's component
 */
export function resolveWac(doc: Document, text: string | Uint8Array, path: string, options: ResolveWacOptions): Promise<Composition> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return new Resolver({ path, bytes }, doc, options).resolve();
}
