/**
 * A grammar-based fast-check generator of *valid* WIT packages, for property
 * tests of the front end. Test-only.
 *
 * The arbitraries produce an abstract shape first (numbers stand for names and
 * for references to earlier types), and {@link renderWit} turns a shape into
 * text deterministically. Keeping names and references out of the random part
 * means every shrink of a shape is still a valid package: a reference is
 * "the n-th type in scope, modulo how many there are", so removing an item
 * never leaves a dangling name.
 */
import fc from 'fast-check';

// ---------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------

/** Every primitive type of WIT (`error-context` included: it is a leaf type too). */
export const PRIMITIVES = [
  'bool', 's8', 's16', 's32', 's64', 'u8', 'u16', 'u32', 'u64', 'f32', 'f64', 'char', 'string', 'error-context',
] as const;

/** The key types `map<K, V>` accepts (wit-parser rejects floats, compounds and named types). */
export const MAP_KEYS = ['bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'char', 'string'] as const;

/** An anonymous type expression; `ref`/`own` pick an earlier named type or resource by index. */
export type TypeShape =
  | { readonly k: 'prim'; readonly p: (typeof PRIMITIVES)[number] }
  | { readonly k: 'ref'; readonly n: number }
  | { readonly k: 'own'; readonly n: number; readonly explicit: boolean }
  | { readonly k: 'list'; readonly t: TypeShape }
  | { readonly k: 'fixed'; readonly t: TypeShape; readonly size: number }
  | { readonly k: 'option'; readonly t: TypeShape }
  | { readonly k: 'result'; readonly ok: TypeShape | null; readonly err: TypeShape | null }
  | { readonly k: 'tuple'; readonly ts: readonly TypeShape[] }
  | { readonly k: 'future'; readonly t: TypeShape | null }
  | { readonly k: 'stream'; readonly t: TypeShape | null }
  | { readonly k: 'map'; readonly key: (typeof MAP_KEYS)[number]; readonly v: TypeShape };

/** A parameter type: any type, or (only here) `borrow<R>` of the n-th resource in scope. */
export type ParamShape = TypeShape | { readonly k: 'borrow'; readonly n: number };

/** Doc comments: `///` lines or one `/** … *\/` block. */
export interface DocShape {
  readonly style: 'line' | 'block';
  readonly lines: readonly (readonly number[])[];
}

/** What every named item may carry. */
export interface Decor {
  readonly docs: DocShape | null;
  /** Index into the `@since` candidates, or null for no gate; ignored when the package is unversioned. */
  readonly since: SinceShape | null;
  /** Pool word index for the name. */
  readonly word: number;
  /** Index into {@link KEYWORDS} to name the item `%keyword`, when that keyword is still free in its scope. */
  readonly keyword: number | null;
}

/** A candidate `@since` version; clamped to the package version when rendered. */
export interface SinceShape {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** A function signature. */
export interface FuncShape {
  readonly async: boolean;
  readonly params: readonly { readonly word: number; readonly keyword: number | null; readonly t: ParamShape }[];
  readonly result: TypeShape | null;
}

/** A member of a resource. */
export type ResourceMember =
  | (Decor & { readonly k: 'method' | 'static'; readonly f: FuncShape })
  | (Decor & { readonly k: 'constructor'; readonly f: FuncShape; readonly fallible: TypeShape | null });

/** One item of an interface body. */
export type ItemShape = Decor & (
  | { readonly k: 'alias'; readonly t: TypeShape }
  | { readonly k: 'record'; readonly fields: readonly FieldShape[] }
  | { readonly k: 'variant'; readonly cases: readonly CaseShape[] }
  | { readonly k: 'enum'; readonly cases: readonly FieldDecor[] }
  | { readonly k: 'flags'; readonly flags: readonly FieldDecor[] }
  | { readonly k: 'resource'; readonly members: readonly ResourceMember[]; readonly bare: boolean }
  | { readonly k: 'func'; readonly f: FuncShape }
);

/** Docs and name of a field, case or flag. */
export interface FieldDecor {
  readonly docs: DocShape | null;
  readonly word: number;
  readonly keyword: number | null;
}

/** A record field. */
export interface FieldShape extends FieldDecor {
  readonly t: TypeShape;
}

/** A variant case, with or without a payload. */
export interface CaseShape extends FieldDecor {
  readonly t: TypeShape | null;
}

/** `use iface.{a, b as c};`: iface is an earlier interface, the names earlier types of it. */
export interface UseShape {
  readonly from: number;
  readonly names: readonly { readonly n: number; readonly rename: boolean }[];
  readonly since: SinceShape | null;
}

/** An interface body (also the body of an inline `interface { … }` in a world). */
export interface BodyShape {
  readonly uses: readonly UseShape[];
  readonly items: readonly ItemShape[];
}

/** A top-level interface. */
export interface InterfaceShape extends Decor {
  readonly body: BodyShape;
}

/** One item of a world. */
export type WorldItemShape =
  | { readonly k: 'iface'; readonly dir: 'import' | 'export'; readonly n: number; readonly since: SinceShape | null }
  | (Decor & { readonly k: 'func'; readonly dir: 'import' | 'export'; readonly f: FuncShape })
  | (Decor & { readonly k: 'inline'; readonly dir: 'import' | 'export'; readonly body: BodyShape });

/** A world. */
export interface WorldShape extends Decor {
  readonly uses: readonly UseShape[];
  readonly items: readonly WorldItemShape[];
  /** Whether the second world includes the first one. */
  readonly include: boolean;
}

/** The package version. */
export interface VersionShape {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  readonly pre: readonly (string | number)[] | null;
}

/** A whole package. */
export interface PackageShape {
  readonly docs: DocShape | null;
  readonly namespace: number;
  readonly name: number;
  readonly version: VersionShape | null;
  readonly interfaces: readonly InterfaceShape[];
  readonly worlds: readonly WorldShape[];
  /** Pseudo-random trivia choices (comments, blank lines) between items. */
  readonly trivia: readonly number[];
}

// ---------------------------------------------------------------------------
// Name pools
// ---------------------------------------------------------------------------

// No pool word ends in a digit, so the numeric suffix appended to every name
// is unambiguous: two names with different suffixes differ even after the
// dashes are dropped, which is what wit-parser's "strong uniqueness" compares
// (`foo-bar` and `foobar` clash).
const WORDS = [
  'alpha', 'beta', 'point', 'size', 'value', 'item', 'node', 'handle', 'buffer', 'max-len', 'read-all', 'http-request',
  'x', 'a-b-c', 'is-ok', 'error-code', 'utf-eight', 'big-endian', 'ok', 'err',
] as const;

/** Words that are WIT keywords (or type names), so they must be written `%word`. */
export const KEYWORDS = [
  'type', 'list', 'record', 'func', 'interface', 'world', 'use', 'import', 'export', 'resource', 'static', 'constructor',
  'string', 'u32', 'bool', 'option', 'result', 'future', 'stream', 'flags', 'enum', 'variant', 'borrow', 'own', 'map',
  'async', 'include', 'with', 'as', 'from', 'package', 'tuple', 'char', 'f64', 's8', 'error-context', 'ok', 'not-a-keyword',
] as const;

const NAMESPACES = ['wasi', 'my', 'test', 'a', 'foo-bar', 'x-y-z'] as const;
const PACKAGE_NAMES = ['pkg', 'http', 'io', 'clocks', 'key-value', 'b'] as const;
const DOC_WORDS = ['Returns', 'the', 'value', '`x`', 'of', 'a', 'node.', 'See', '<https://example.com>', '*', 'emoji 🦀', 'tabs\tand', '%type', '///', ''] as const;

// ---------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------

const wordArb = fc.nat({ max: WORDS.length - 1 });
/** Keyword names are rarer than pooled ones, so most scopes keep a mix. */
const keywordArb = fc.option(fc.nat({ max: KEYWORDS.length - 1 }), { freq: 4, nil: null });

const docsArb: fc.Arbitrary<DocShape | null> = fc.option(
  fc.record({
    style: fc.constantFrom('line' as const, 'block' as const),
    lines: fc.array(fc.array(fc.nat({ max: DOC_WORDS.length - 1 }), { maxLength: 5 }), { minLength: 1, maxLength: 3 }),
  }),
  { freq: 3, nil: null },
);

const sinceArb: fc.Arbitrary<SinceShape | null> = fc.option(
  fc.record({ major: fc.nat({ max: 3 }), minor: fc.nat({ max: 4 }), patch: fc.nat({ max: 4 }) }),
  { freq: 3, nil: null },
);

const decorArb: fc.Arbitrary<Decor> = fc.record({ docs: docsArb, since: sinceArb, word: wordArb, keyword: keywordArb });
const fieldDecorArb: fc.Arbitrary<FieldDecor> = fc.record({ docs: docsArb, word: wordArb, keyword: keywordArb });

/** Type expressions, at most a few levels deep so texts stay readable when shrunk. */
export const typeArb: fc.Arbitrary<TypeShape> = fc.letrec<{ type: TypeShape }>((tie) => {
  const inner = tie('type');
  const optInner = fc.option(inner, { nil: null });
  return {
    type: fc.oneof(
      { maxDepth: 3, depthSize: 'small', withCrossShrink: true },
      { arbitrary: fc.record({ k: fc.constant('prim' as const), p: fc.constantFrom(...PRIMITIVES) }), weight: 4 },
      { arbitrary: fc.record({ k: fc.constant('ref' as const), n: fc.nat() }), weight: 3 },
      { arbitrary: fc.record({ k: fc.constant('own' as const), n: fc.nat(), explicit: fc.boolean() }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('list' as const), t: inner }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('fixed' as const), t: inner, size: fc.integer({ min: 1, max: 64 }) }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('option' as const), t: inner }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('result' as const), ok: optInner, err: optInner }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('tuple' as const), ts: fc.array(inner, { minLength: 1, maxLength: 3 }) }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('future' as const), t: optInner }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('stream' as const), t: optInner }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant('map' as const), key: fc.constantFrom(...MAP_KEYS), v: inner }), weight: 1 },
    ),
  };
}).type;

const paramTypeArb: fc.Arbitrary<ParamShape> = fc.oneof(
  { arbitrary: typeArb, weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('borrow' as const), n: fc.nat() }), weight: 1 },
);

const funcArb: fc.Arbitrary<FuncShape> = fc.record({
  async: fc.boolean(),
  params: fc.array(fc.record({ word: wordArb, keyword: keywordArb, t: paramTypeArb }), { maxLength: 3 }),
  result: fc.option(typeArb, { nil: null }),
});

const resourceMemberArb: fc.Arbitrary<ResourceMember> = fc.oneof(
  fc.record({ k: fc.constantFrom('method' as const, 'static' as const), f: funcArb }).chain((m) => decorArb.map((d) => ({ ...d, ...m }))),
  fc.record({
    k: fc.constant('constructor' as const),
    // Constructors cannot be async; their result is the resource, or `result<R, E>`.
    f: funcArb.map((f) => ({ ...f, async: false, result: null })),
    fallible: fc.option(typeArb, { freq: 3, nil: null }),
  }).chain((m) => decorArb.map((d) => ({ ...d, ...m }))),
);

const itemKindArb = fc.oneof(
  fc.record({ k: fc.constant('alias' as const), t: typeArb }),
  fc.record({ k: fc.constant('record' as const), fields: fc.array(fc.record({ docs: docsArb, word: wordArb, keyword: keywordArb, t: typeArb }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ k: fc.constant('variant' as const), cases: fc.array(fc.record({ docs: docsArb, word: wordArb, keyword: keywordArb, t: fc.option(typeArb, { nil: null }) }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ k: fc.constant('enum' as const), cases: fc.array(fieldDecorArb, { minLength: 1, maxLength: 5 }) }),
  fc.record({ k: fc.constant('flags' as const), flags: fc.array(fieldDecorArb, { minLength: 1, maxLength: 6 }) }),
  fc.record({ k: fc.constant('resource' as const), members: fc.array(resourceMemberArb, { maxLength: 4 }), bare: fc.boolean() }),
  fc.record({ k: fc.constant('func' as const), f: funcArb }),
  fc.record({ k: fc.constant('func' as const), f: funcArb }),
);

const itemArb: fc.Arbitrary<ItemShape> = fc.tuple(decorArb, itemKindArb).map(([d, k]) => ({ ...d, ...k }));

const useArb: fc.Arbitrary<UseShape> = fc.record({
  from: fc.nat(),
  names: fc.array(fc.record({ n: fc.nat(), rename: fc.boolean() }), { minLength: 1, maxLength: 3 }),
  since: sinceArb,
});

const bodyArb = (maxItems: number): fc.Arbitrary<BodyShape> => fc.record({
  uses: fc.array(useArb, { maxLength: 2 }),
  items: fc.array(itemArb, { maxLength: maxItems }),
});

const interfaceArb: fc.Arbitrary<InterfaceShape> = fc.tuple(decorArb, bodyArb(6)).map(([d, body]) => ({ ...d, body }));

const worldItemArb: fc.Arbitrary<WorldItemShape> = fc.oneof(
  fc.record({ k: fc.constant('iface' as const), dir: fc.constantFrom('import' as const, 'export' as const), n: fc.nat(), since: sinceArb }),
  fc.record({ k: fc.constant('func' as const), dir: fc.constantFrom('import' as const, 'export' as const), f: funcArb })
    .chain((m) => decorArb.map((d) => ({ ...d, ...m }))),
  fc.record({ k: fc.constant('inline' as const), dir: fc.constantFrom('import' as const, 'export' as const), body: bodyArb(3) })
    .chain((m) => decorArb.map((d) => ({ ...d, ...m }))),
);

const worldArb: fc.Arbitrary<WorldShape> = fc.tuple(
  decorArb,
  fc.record({ uses: fc.array(useArb, { maxLength: 1 }), items: fc.array(worldItemArb, { maxLength: 5 }), include: fc.boolean() }),
).map(([d, w]) => ({ ...d, ...w }));

const versionArb: fc.Arbitrary<VersionShape | null> = fc.option(
  fc.record({
    major: fc.nat({ max: 3 }),
    minor: fc.nat({ max: 4 }),
    patch: fc.nat({ max: 4 }),
    pre: fc.option(
      fc.oneof(
        fc.tuple(fc.constantFrom('rc', 'alpha', 'beta'), fc.nat({ max: 3 })).map(([a, b]): (string | number)[] => [a, b]),
        fc.constantFrom<(string | number)[]>(['alpha'], ['pre', 'x-1']),
      ),
      { freq: 3, nil: null },
    ),
  }),
  { freq: 4, nil: null },
);

/** Abstract package shapes; render them with {@link renderWit}. */
export const packageShapeArb: fc.Arbitrary<PackageShape> = fc.record({
  docs: docsArb,
  namespace: fc.nat({ max: NAMESPACES.length - 1 }),
  name: fc.nat({ max: PACKAGE_NAMES.length - 1 }),
  version: versionArb,
  interfaces: fc.array(interfaceArb, { minLength: 1, maxLength: 4 }),
  worlds: fc.array(worldArb, { minLength: 1, maxLength: 2 }),
  trivia: fc.array(fc.nat({ max: 15 }), { maxLength: 12 }),
});

/** Valid WIT package text, one file. */
export const witTextArb: fc.Arbitrary<string> = packageShapeArb.map((shape) => renderWit(shape));

/**
 * Valid WIT text whose items are already in the order `wasm-tools component
 * wit` prints them, so loading its printed form rebuilds the very same arenas
 * (see {@link RenderOptions.canonical}).
 */
export const canonicalWitTextArb: fc.Arbitrary<string> = packageShapeArb.map((shape) => renderWit(shape, { canonical: true }));

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/** What a body may refer to: named types, and which of them are resources. */
interface Scope {
  readonly types: string[];
  readonly resources: string[];
}

/** The types an interface exports to later `use`s, with whether each is a resource. */
interface InterfaceInfo {
  readonly name: string;
  readonly types: readonly { readonly name: string; readonly resource: boolean }[];
  /** Every interface this one depends on through `use`, transitively. */
  readonly deps: ReadonlySet<string>;
  /** The interface's own `@since`, which world items naming it must repeat (or the package version). */
  readonly since: SinceShape | null;
}

/** How a world refers to package interfaces, after dropping exports that would conflict. */
interface WorldPlan {
  /** Interfaces the world imports, explicitly, through `use`, or as dependencies of exports; closed under deps. */
  readonly imports: ReadonlySet<string>;
  readonly exports: ReadonlySet<string>;
}

/** Issues names unique in the whole package: a pool word plus a counter. */
class Namer {
  #next = 0;
  readonly #keywords = new Set<string>();

  /** A fresh plain name. */
  fresh(word: number): string {
    return `${WORDS[word % WORDS.length]!}${this.#next++}`;
  }

  /** `%keyword` if the keyword is still free in this namer's scope, else a fresh name. */
  name(word: number, keyword: number | null): string {
    if (keyword !== null) {
      const kw = KEYWORDS[keyword % KEYWORDS.length]!;
      if (!this.#keywords.has(kw)) {
        this.#keywords.add(kw);
        return `%${kw}`;
      }
    }
    return this.fresh(word);
  }
}

function compareVersions(a: VersionShape, b: VersionShape): number {
  const core = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (core !== 0) return core;
  // A pre-release is lower than its release; otherwise compare identifiers.
  if (a.pre === null || b.pre === null) return (a.pre === null ? 1 : 0) - (b.pre === null ? 1 : 0);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

function versionText(v: VersionShape): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre === null ? '' : `-${v.pre.join('.')}`}`;
}

/** How {@link renderWit} lays out a package. */
export interface RenderOptions {
  /**
   * Put items in the printer's order: in interfaces `use`s, then types, then
   * functions, one `use` per source interface; in worlds interface imports,
   * then `use`s, then function imports, then function exports, then
   * interface exports, and no `include`.
   * The printer itself reorders items that way (as wit-parser's does), and
   * since arena ids and map orders follow source order, only texts already
   * in that order reload to byte-identical JSON after one print.
   */
  readonly canonical?: boolean;
}

/** Renders a package shape as WIT text that wit-parser accepts. */
export function renderWit(shape: PackageShape, options: RenderOptions = {}): string {
  const r = new Renderer(shape, options.canonical === true);
  return r.render();
}

class Renderer {
  readonly #shape: PackageShape;
  readonly #canonical: boolean;
  readonly #out: string[] = [];
  readonly #names = new Namer();
  #trivia = 0;

  constructor(shape: PackageShape, canonical: boolean) {
    this.#shape = shape;
    this.#canonical = canonical;
  }

  render(): string {
    const s = this.#shape;
    this.#docs(s.docs, '');
    const version = s.version === null ? '' : `@${versionText(s.version)}`;
    this.#line(`package ${NAMESPACES[s.namespace]!}:${PACKAGE_NAMES[s.name]!}${version};`);
    this.#line('');
    const infos: InterfaceInfo[] = [];
    // Interface names are issued up front so worlds and `use`s can name any of them.
    const ifaceNames = s.interfaces.map((i) => this.#names.name(i.word, i.keyword));
    s.interfaces.forEach((iface, idx) => {
      this.#between('');
      this.#docs(iface.docs, '');
      this.#since(iface.since, '');
      const name = ifaceNames[idx]!;
      this.#line(`interface ${name} {`);
      const types = this.#body(iface.body, infos, '  ');
      this.#line('}');
      const deps = new Set<string>();
      for (const from of useSources(iface.body.uses, infos)) {
        if (from === undefined) continue;
        deps.add(from.name);
        for (const d of from.deps) deps.add(d);
      }
      infos.push({ name, types, deps, since: iface.since ?? s.version });
    });
    const worldNames: string[] = [];
    const plans: WorldPlan[] = [];
    s.worlds.forEach((world, idx) => {
      this.#between('');
      this.#docs(world.docs, '');
      this.#since(world.since, '');
      const name = this.#names.name(world.word, world.keyword);
      this.#line(`world ${name} {`);
      const own = planWorld(world, infos, undefined);
      // `include` merges the first world's imports and exports; keep it only
      // when the union is still consistent (no import depending on an export).
      const first = plans[0];
      const merged = idx > 0 && world.include && !this.#canonical && first !== undefined ? planWorld(world, infos, first) : undefined;
      const include = merged !== undefined && [...first!.exports].every((e) => merged.exports.has(e));
      const plan = include ? merged! : own;
      this.#world(world, infos, plan, include ? worldNames[0] : undefined);
      this.#line('}');
      worldNames.push(name);
      plans.push(own);
    });
    return this.#out.join('\n') + '\n';
  }

  #line(text: string): void {
    this.#out.push(text);
  }

  /** Occasionally a comment or blank line between items, so the lexer's trivia handling is exercised. */
  #between(indent: string): void {
    const t = this.#shape.trivia;
    if (t.length === 0) return;
    const choice = t[this.#trivia++ % t.length]!;
    if (choice === 0) this.#line(`${indent}// a line comment with /* and */ and %type`);
    else if (choice === 1) this.#line(`${indent}/* a block /* nested */ comment */`);
    else if (choice === 2) this.#line('');
    else if (choice === 3) this.#line(`${indent}//// four slashes are a plain comment`);
    // `/**/` is deliberately never generated: wit-parser 0.263 panics on it
    // when it precedes an item (it takes it for a doc comment and fails to
    // strip `/**` and `*/` from four characters), so there is no reference.
  }

  #docs(docs: DocShape | null, indent: string): void {
    if (docs === null) return;
    let lines = docs.lines.map((l) => l.map((w) => DOC_WORDS[w % DOC_WORDS.length]!).join(' '));
    // A block doc keeps its inner blanks, and an empty first line or a blank
    // continuation line makes wit-parser's own print-and-reload change the
    // contents (whitespace is trimmed differently for `///` lines), so the
    // exact round trip needs block docs with no blank lines or trailing blanks.
    if (this.#canonical && docs.style === 'block') lines = lines.map((l) => l.trimEnd()).filter((l) => l !== '');
    // Docs made only of blank lines are not printed back the same way by
    // wit-parser itself (`///` alone gives contents "", which the printer
    // drops), so they would break the round trip for reasons of the reference.
    if (lines.every((l) => l.trim() === '')) return;
    if (docs.style === 'line') {
      for (const l of lines) this.#line(`${indent}/// ${l}`.trimEnd());
    } else {
      // `*/` cannot appear in a block doc; none of the doc words contain it.
      this.#line(`${indent}/** ${lines.join(`\n${indent}   `)} */`);
    }
  }

  #since(since: SinceShape | null, indent: string): void {
    const pkg = this.#shape.version;
    if (since === null || pkg === null) return;
    const candidate: VersionShape = { ...since, pre: null };
    const v = compareVersions(candidate, pkg) <= 0 ? candidate : pkg;
    this.#line(`${indent}@since(version = ${versionText(v)})`);
  }

  /** Renders `use`s and items; returns the types the body defines or imports. */
  #body(body: BodyShape, infos: readonly InterfaceInfo[], indent: string): { name: string; resource: boolean }[] {
    const scope: Scope = { types: [], resources: [] };
    const defined: { name: string; resource: boolean }[] = [];
    this.#uses(body.uses, infos, scope, indent);
    const items = this.#canonical
      ? [...body.items.filter((i) => i.k !== 'func'), ...body.items.filter((i) => i.k === 'func')]
      : body.items;
    for (const item of items) {
      this.#between(indent);
      this.#docs(item.docs, indent);
      this.#since(item.since, indent);
      const name = this.#names.name(item.word, item.keyword);
      const t = (shape: TypeShape): string => this.#type(shape, scope);
      switch (item.k) {
        case 'alias':
          this.#line(`${indent}type ${name} = ${t(item.t)};`);
          break;
        case 'record':
          this.#line(`${indent}record ${name} {`);
          this.#fields(item.fields, indent, (f, fname) => `${fname}: ${t(f.t)},`);
          this.#line(`${indent}}`);
          break;
        case 'variant':
          this.#line(`${indent}variant ${name} {`);
          this.#fields(item.cases, indent, (c, cname) => (c.t === null ? `${cname},` : `${cname}(${t(c.t)}),`));
          this.#line(`${indent}}`);
          break;
        case 'enum':
          this.#line(`${indent}enum ${name} {`);
          this.#fields(item.cases, indent, (_, cname) => `${cname},`);
          this.#line(`${indent}}`);
          break;
        case 'flags':
          this.#line(`${indent}flags ${name} {`);
          this.#fields(item.flags, indent, (_, fname) => `${fname},`);
          this.#line(`${indent}}`);
          break;
        case 'resource':
          // The resource is in scope for its own members (methods take and return it).
          scope.resources.push(name);
          if (item.members.length === 0 && item.bare) {
            this.#line(`${indent}resource ${name};`);
          } else {
            this.#line(`${indent}resource ${name} {`);
            this.#resourceMembers(item.members, name, scope, `${indent}  `);
            this.#line(`${indent}}`);
          }
          break;
        case 'func':
          this.#line(`${indent}${name}: ${this.#func(item.f, scope)};`);
          break;
      }
      if (item.k !== 'func') {
        scope.types.push(name);
        defined.push({ name, resource: item.k === 'resource' });
      }
    }
    return defined;
  }

  /**
   * The one version a world gates interface references with. wit-parser
   * merges every reference to an interface in a world (explicit, through
   * `use`, through an inline interface's `use`, as a dependency of an export,
   * through `include`) and rejects a "mismatch in stability" when two gates
   * differ, so all such gates use the package version.
   */
  #worldGate(): SinceShape | null {
    return this.#shape.version;
  }

  #uses(uses: readonly UseShape[], infos: readonly InterfaceInfo[], scope: Scope, indent: string, inWorld = false): void {
    const sources = useSources(uses, infos);
    const usedFrom = new Set<string>();
    uses.forEach((use, i) => {
      const from = sources[i];
      if (from === undefined) return;
      // The printer merges `use`s of one interface into one statement.
      if (this.#canonical && usedFrom.has(from.name)) return;
      usedFrom.add(from.name);
      const seen = new Set<string>();
      const parts: string[] = [];
      for (const { n, rename } of use.names) {
        const target = from.types[n % from.types.length]!;
        if (seen.has(target.name)) continue;
        seen.add(target.name);
        // Renaming keeps names unique when a keyword name is used into a
        // scope that already has that keyword; plain names are package-unique.
        // A second `use` of the same name into one scope gets renamed too.
        // World-level names are always fresh: `include` merges two worlds'
        // `use`d names, and the same name twice "shadows previously imported items".
        const clash = inWorld || rename || target.name.startsWith('%') || scope.types.includes(target.name);
        const local = clash ? this.#names.fresh(n) : target.name;
        parts.push(local === target.name ? target.name : `${target.name} as ${local}`);
        scope.types.push(local);
        if (target.resource) scope.resources.push(local);
      }
      this.#since(use.since === null ? null : inWorld ? this.#worldGate() : use.since, indent);
      this.#line(`${indent}use ${from.name}.{${parts.join(', ')}};`);
    });
  }

  #fields<T extends FieldDecor>(fields: readonly T[], indent: string, render: (f: T, name: string) => string): void {
    // Field, case and flag names are scoped to their type; a fresh namer keeps keywords usable once per type.
    const local = new Namer();
    for (const f of fields) {
      this.#docs(f.docs, `${indent}  `);
      this.#line(`${indent}  ${render(f, local.name(f.word, f.keyword))}`);
    }
  }

  #resourceMembers(members: readonly ResourceMember[], resource: string, scope: Scope, indent: string): void {
    // Member names come from the package-wide namer: `[method]r.r` clashes
    // with `r`, so a member must never share its resource's name.
    const local = this.#names;
    let hasConstructor = false;
    for (const m of members) {
      if (m.k === 'constructor') {
        // At most one constructor per resource.
        if (hasConstructor) continue;
        hasConstructor = true;
        this.#docs(m.docs, indent);
        this.#since(m.since, indent);
        const params = this.#params(m.f, scope);
        const result = m.fallible === null ? '' : ` -> result<${resource}, ${this.#type(m.fallible, scope)}>`;
        this.#line(`${indent}constructor(${params})${result};`);
        continue;
      }
      this.#docs(m.docs, indent);
      this.#since(m.since, indent);
      const name = local.name(m.word, m.keyword);
      const sig = this.#func(m.f, scope);
      this.#line(`${indent}${name}: ${m.k === 'static' ? `static ${sig}` : sig};`);
    }
  }

  #params(f: FuncShape, scope: Scope): string {
    const local = new Namer();
    return f.params
      .map((p) => `${local.name(p.word, p.keyword)}: ${p.t.k === 'borrow' ? this.#borrow(p.t.n, scope) : this.#type(p.t, scope)}`)
      .join(', ');
  }

  #func(f: FuncShape, scope: Scope): string {
    const result = f.result === null ? '' : ` -> ${this.#type(f.result, scope)}`;
    return `${f.async ? 'async ' : ''}func(${this.#params(f, scope)})${result}`;
  }

  #borrow(n: number, scope: Scope): string {
    // Without a resource in scope, fall back to a primitive so the shape stays valid.
    if (scope.resources.length === 0) return 'u32';
    return `borrow<${scope.resources[n % scope.resources.length]!}>`;
  }

  #type(t: TypeShape, scope: Scope): string {
    switch (t.k) {
      case 'prim':
        return t.p;
      case 'ref':
        return scope.types.length === 0 ? 'string' : scope.types[t.n % scope.types.length]!;
      case 'own': {
        if (scope.resources.length === 0) return 'u64';
        const r = scope.resources[t.n % scope.resources.length]!;
        return t.explicit ? `own<${r}>` : r;
      }
      case 'list':
        return `list<${this.#type(t.t, scope)}>`;
      case 'fixed':
        return `list<${this.#type(t.t, scope)}, ${t.size}>`;
      case 'option':
        return `option<${this.#type(t.t, scope)}>`;
      case 'result':
        if (t.ok === null && t.err === null) return 'result';
        if (t.err === null) return `result<${this.#type(t.ok!, scope)}>`;
        return `result<${t.ok === null ? '_' : this.#type(t.ok, scope)}, ${this.#type(t.err, scope)}>`;
      case 'tuple':
        return `tuple<${t.ts.map((x) => this.#type(x, scope)).join(', ')}>`;
      case 'future':
        return t.t === null ? 'future' : `future<${this.#type(t.t, scope)}>`;
      case 'stream':
        return t.t === null ? 'stream' : `stream<${this.#type(t.t, scope)}>`;
      case 'map':
        return `map<${t.key}, ${this.#type(t.v, scope)}>`;
    }
  }

  #world(world: WorldShape, infos: readonly InterfaceInfo[], plan: WorldPlan, include: string | undefined): void {
    const indent = '  ';
    const scope: Scope = { types: [], resources: [] };
    // wit-parser's resolver files function exports ahead of interface
    // exports, and its printer prints interface imports, then `use`s, then
    // function imports; canonical order is that order.
    const rank = (item: WorldItemShape): number =>
      item.dir === 'import' ? (item.k === 'func' ? 2 : 0) : item.k === 'func' ? 3 : 4;
    const items = this.#canonical
      ? [...world.items].sort((a, b) => rank(a) - rank(b)) // stable: source order within a rank
      : world.items;
    let usesDone = false;
    const renderUses = (): void => {
      if (!usesDone) this.#uses(world.uses, infos, scope, indent, true);
      usesDone = true;
    };
    if (!this.#canonical) renderUses();
    if (include !== undefined) this.#line(`${indent}include ${include};`);
    // An interface is imported or exported at most once per direction.
    const seen = new Set<string>();
    for (const item of items) {
      if (rank(item) > 0) renderUses();
      this.#between(indent);
      switch (item.k) {
        case 'iface': {
          const target = infos[item.n % infos.length]!;
          const key = `${item.dir} ${target.name}`;
          if (seen.has(key) || (item.dir === 'export' && !plan.exports.has(target.name))) break;
          seen.add(key);
          this.#since(item.since === null ? null : this.#worldGate(), indent);
          this.#line(`${indent}${item.dir} ${target.name};`);
          break;
        }
        case 'func':
          this.#docs(item.docs, indent);
          this.#since(item.since, indent);
          this.#line(`${indent}${item.dir} ${this.#names.name(item.word, item.keyword)}: ${this.#func(item.f, scope)};`);
          break;
        case 'inline':
          this.#docs(item.docs, indent);
          // An inline interface's `use` imports into the world with this gate.
          this.#since(item.since === null ? null : item.body.uses.length > 0 ? this.#worldGate() : item.since, indent);
          this.#line(`${indent}${item.dir} ${this.#names.name(item.word, item.keyword)}: interface {`);
          this.#body(item.body, infos, `${indent}  `);
          this.#line(`${indent}}`);
          break;
      }
    }
    renderUses();
  }
}

/**
 * The interface each `use` reads from: an earlier interface that has types,
 * which rules out cycles. Pure, so worlds can be planned before rendering.
 */
function useSources(uses: readonly UseShape[], infos: readonly InterfaceInfo[]): (InterfaceInfo | undefined)[] {
  const sources = infos.filter((i) => i.types.length > 0);
  return uses.map((use) => (sources.length === 0 ? undefined : sources[use.from % sources.length]));
}

/**
 * Which interfaces a world may export. wit-parser rejects a world in which an
 * imported interface (explicit, `use`d, or pulled in as a dependency of an
 * export) depends on an exported one ("transitively depends on an interface
 * in incompatible ways"), so such exports are dropped until none is left.
 */
function planWorld(world: WorldShape, infos: readonly InterfaceInfo[], included: WorldPlan | undefined): WorldPlan {
  const byName = new Map(infos.map((i) => [i.name, i]));
  const imports = new Set<string>(included?.imports ?? []);
  const addImport = (name: string): void => {
    imports.add(name);
    for (const d of byName.get(name)?.deps ?? []) imports.add(d);
  };
  const candidates = new Set<string>(included?.exports ?? []);
  const bodies = world.items.flatMap((i) => (i.k === 'inline' ? [i.body.uses] : []));
  for (const uses of [world.uses, ...bodies]) {
    for (const from of useSources(uses, infos)) if (from !== undefined) addImport(from.name);
  }
  for (const item of world.items) {
    if (item.k !== 'iface') continue;
    const name = infos[item.n % infos.length]!.name;
    if (item.dir === 'import') addImport(name);
    else candidates.add(name);
  }
  for (;;) {
    const exports = new Set([...candidates].filter((e) => !imports.has(e)));
    const before = imports.size;
    for (const e of exports) {
      for (const d of byName.get(e)?.deps ?? []) if (!exports.has(d)) addImport(d);
    }
    if (imports.size === before) return { imports, exports };
  }
}
