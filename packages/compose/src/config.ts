/**
 * The configuration-file front end: `weld.compose.yaml` → a composition.
 *
 *     components: { calc: ./calc.wasm, logger: ./logger.wasm }
 *     instances:
 *       log: { component: logger }
 *       calc:
 *         component: calc
 *         with: { "weld:calc/log@1.0.0": log.weld:calc/log@1.0.0 }
 *     exports: { "weld:calc/calc@1.0.0": calc.weld:calc/calc@1.0.0 }
 *     policy: { deny: ["wasi:sockets/*"] }
 *
 * `parseComposeConfig` reads the YAML, validates it against
 * {@link composeConfigSchema} (published as schemas/weld.compose.schema.json)
 * and keeps where each entry is written; `composeFromConfig` loads the
 * components through a callback (I/O stays at the edge) and wires them with
 * the {@link CompositionBuilder}. Every error names `file:line:col`.
 */
// yaml and ajv are loaded when a configuration is read (`await import`): the
// CLI bundles them, and most weld commands should not pay for evaluating them.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { unreachable } from '@weld/wit';
import type { Document, Node as YamlNode, Pair } from 'yaml';
import type { DiagnosticHint, GraphLocation, SourceSpan } from '@weld/wit';
import { ComposeError, type ComposeErrorKind, type Composition, type InstanceId, type Source } from './api.js';
import { CompositionBuilder, type BuildOptions } from './graph/builder.js';
import { loadDefinition } from './graph/definition.js';
import { quote, shortList, shown } from './quote.js';

/** The JSON Schema of the configuration file (draft-07); schemas/weld.compose.schema.json is this, written out. */
export const composeConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'weld compose configuration (weld.compose.yaml)',
  description:
    'Components to embed, their instances and how their imports are filled, the exports of the result, and a capability policy. Used by `weld compose weld.compose.yaml -o out.wasm`.',
  type: 'object',
  required: ['components', 'instances', 'exports'],
  additionalProperties: false,
  properties: {
    components: {
      description: 'The components to embed: a name of your choosing → a .wasm file, relative to this file.',
      type: 'object',
      minProperties: 1,
      propertyNames: { $ref: '#/definitions/name' },
      additionalProperties: { type: 'string', minLength: 1, description: 'A path to a component (.wasm), relative to this file.' },
    },
    instances: {
      description:
        'Instances by label; one component may be instantiated several times. Imports not given in `with` become imports of the result (merged across instances when their names are semver-compatible).',
      type: 'object',
      minProperties: 1,
      propertyNames: { $ref: '#/definitions/name' },
      additionalProperties: { $ref: '#/definitions/instance' },
    },
    exports: {
      description: 'The exports of the result: an export name → where it comes from.',
      type: 'object',
      additionalProperties: { $ref: '#/definitions/source' },
    },
    policy: {
      description:
        'Which imports the result may leave for the host, as globs on import names (`*` is any run of characters; a pattern matches a name with or without its version). An import matching `allow` is allowed; else one matching `deny` is denied; an `allow` list without `deny` denies everything else.',
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { $ref: '#/definitions/patterns' },
        deny: { $ref: '#/definitions/patterns' },
      },
    },
  },
  definitions: {
    name: {
      description: 'A component name or an instance label: letters, digits, `_` and `-`.',
      type: 'string',
      pattern: '^[A-Za-z0-9_][A-Za-z0-9_-]*$',
    },
    instance: {
      type: 'object',
      required: ['component'],
      additionalProperties: false,
      properties: {
        component: { type: 'string', description: 'The name of a component under `components`.' },
        with: {
          description: 'Imports of this instance filled explicitly: an import name → where it comes from.',
          type: 'object',
          additionalProperties: { $ref: '#/definitions/source' },
        },
      },
    },
    source: {
      description: '`LABEL.EXPORT`, an export of another instance, or `import:NAME`, an import of the result named NAME.',
      type: 'string',
      pattern: '^(import:.+|[A-Za-z0-9_][A-Za-z0-9_-]*\\..+)$',
    },
    patterns: {
      type: 'array',
      items: { type: 'string', minLength: 1, description: 'A glob on import names, e.g. `wasi:sockets/*`.' },
    },
  },
} as const;

/** A 1-based line and column in the configuration file. */
export interface ConfigPosition {
  readonly line: number;
  /** In UTF-16 code units, as the yaml package counts. */
  readonly column: number;
  /** The UTF-16 index into the text. */
  readonly offset: number;
}

/** Where an argument or an export comes from, as written. */
export type ConfigSource =
  | { readonly kind: 'import'; readonly name: string }
  | { readonly kind: 'instance-export'; readonly instance: string; readonly name: string };

/** An entry of `components`: a name and the .wasm file it stands for. */
export interface ConfigComponent {
  readonly name: string;
  /** As written: relative to the configuration file unless absolute. */
  readonly path: string;
  readonly at: ConfigPosition;
}

/** An entry of an instance's `with`: which import it fills and from where. */
export interface ConfigArgument {
  readonly import: string;
  readonly source: ConfigSource;
  readonly at: ConfigPosition;
}

/** An entry of `instances`: a label, the component it instantiates and its explicit arguments. */
export interface ConfigInstance {
  readonly label: string;
  readonly component: string;
  readonly with: readonly ConfigArgument[];
  readonly at: ConfigPosition;
  /** Where `component:` is written. */
  readonly componentAt: ConfigPosition;
}

/** An entry of `exports`: an export of the result and where it comes from. */
export interface ConfigExport {
  readonly name: string;
  readonly source: ConfigSource;
  readonly at: ConfigPosition;
}

/** A parsed and validated configuration file. */
export interface ComposeConfig {
  /** The file name used in messages. */
  readonly file: string;
  readonly components: readonly ConfigComponent[];
  readonly instances: readonly ConfigInstance[];
  readonly exports: readonly ConfigExport[];
  readonly policy: { readonly allow: readonly string[]; readonly deny: readonly string[] };
  /** The text's lines, for the snippets in messages. */
  readonly lines: readonly string[];
  /** The text itself, to turn positions into the byte spans of diagnostics. */
  readonly text: string;
}

/** Reads a component's bytes by the path written in the configuration. */
export type ComponentLoader = (path: string) => Uint8Array | Promise<Uint8Array>;

let validator: ValidateFunction | undefined;

/** yaml's default: how many nodes one alias may expand to; a configuration file needs few. */
const MAX_ALIAS_COUNT = 100;

/** The first way `data` breaks {@link composeConfigSchema}, if any. */
async function validate(data: unknown): Promise<ErrorObject | undefined> {
  if (validator === undefined) {
    const { Ajv } = await import('ajv');
    validator = new Ajv({ allErrors: true, verbose: true, strict: true }).compile(composeConfigSchema);
  }
  if (validator(data)) return undefined;
  // An unknown key explains a missing one better than the other way round (`componnt:`).
  const errors = validator.errors ?? [];
  return errors.find((e) => e.keyword === 'additionalProperties') ?? errors[0];
}

type YamlModule = typeof import('yaml');

const utf8 = new TextEncoder();

/**
 * An error at `at`, whose span is the one character there in the file's UTF-8
 * bytes (the CLI draws the caret); only errors get here, so encoding the
 * prefix is cheap enough.
 */
function located(
  kind: ComposeErrorKind, config: Pick<ComposeConfig, 'file' | 'text' | 'lines'>, at: ConfigPosition, message: string, details: readonly string[] = [],
  hint?: DiagnosticHint, graph?: GraphLocation,
): ComposeError {
  const start = utf8.encode(config.text.slice(0, at.offset)).length;
  const codePoint = config.text.codePointAt(at.offset);
  const end = codePoint === undefined ? start : start + utf8.encode(String.fromCodePoint(codePoint)).length;
  const span: SourceSpan = {
    kind: 'span', path: config.file, start, end, resolved: { line: at.line, column: at.column, lineText: config.lines[at.line - 1] ?? '', length: 1 },
  };
  return new ComposeError(kind, message, details, { span, ...(hint !== undefined && { hint }), ...(graph !== undefined && { graph }) });
}

const describeType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;

/** The display path of a JSON pointer: `/instances/calc/with` → `instances.calc.with`. */
function displayPath(segments: readonly string[]): string {
  return segments.length === 0 ? 'the file' : segments.join('.');
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Parses and validates `text`, the contents of `file`; a malformed file is `ComposeError('config')` with its position. */
export async function parseComposeConfig(text: string, file: string): Promise<ComposeConfig> {
  const yaml = await import('yaml');
  const counter = new yaml.LineCounter();
  // Silent: yaml would print warnings (a key that is a collection) to stderr itself; problems are reported from doc.errors and the schema.
  const doc = yaml.parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false, logLevel: 'silent' });
  const lines = text.split(/\r?\n/u);
  const pos = (offset: number): ConfigPosition => {
    const { line, col } = counter.linePos(offset);
    return { line, column: col, offset };
  };
  const fail = (offset: number, message: string, details: readonly string[] = []): never => {
    throw located('config', { file, text, lines }, pos(offset), message, details);
  };

  const yamlError = doc.errors[0];
  if (yamlError !== undefined) {
    // yaml composes nested collections recursively and reports running out of stack as an error of the file.
    const reason = /call stack/u.test(yamlError.message) ? 'its collections are nested too deeply' : yamlError.message.split('\n', 1)[0] ?? '';
    fail(yamlError.pos[0], `invalid YAML: ${reason}`);
  }
  const { problem: nodeProblem, bombAt } = checkNodes(yaml, doc);
  if (nodeProblem !== undefined) fail(nodeProblem.offset, nodeProblem.message);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // What is left: yaml refuses to expand aliases into more than that many nodes, or converts too deep a nesting.
    if (e instanceof RangeError) fail(0, 'invalid YAML: its collections are nested too deeply');
    fail(bombAt ?? 0, `invalid YAML: its aliases expand too far (an alias may stand for at most ${MAX_ALIAS_COUNT} nodes)`);
  }
  const error = await validate(data ?? {});
  if (error !== undefined) {
    const problem = schemaProblem(yaml, doc, data, error);
    fail(problem.offset, problem.message);
  }
  const json = data as {
    components: Record<string, string>;
    instances: Record<string, { component: string; with?: Record<string, string> }>;
    exports: Record<string, string>;
    policy?: { allow?: string[]; deny?: string[] };
  };

  const keyAt = (path: readonly string[]): ConfigPosition => pos(keyOffset(yaml, doc, path));
  const valueAt = (path: readonly string[]): ConfigPosition => pos(valueOffset(yaml, doc, path));
  const source = (text: string): ConfigSource => {
    if (text.startsWith('import:')) return { kind: 'import', name: text.slice('import:'.length) };
    const dot = text.indexOf('.');
    return { kind: 'instance-export', instance: text.slice(0, dot), name: text.slice(dot + 1) };
  };
  return {
    file,
    lines,
    text,
    components: Object.entries(json.components).map(([name, path]) => ({ name, path, at: valueAt(['components', name]) })),
    instances: Object.entries(json.instances).map(([label, inst]) => ({
      label,
      component: inst.component,
      at: keyAt(['instances', label]),
      componentAt: valueAt(['instances', label, 'component']),
      with: Object.entries(inst.with ?? {}).map(([name, from]) => ({
        import: name,
        source: source(from),
        at: valueAt(['instances', label, 'with', name]),
      })),
    })),
    exports: Object.entries(json.exports).map(([name, from]) => ({ name, source: source(from), at: valueAt(['exports', name]) })),
    policy: { allow: json.policy?.allow ?? [], deny: json.policy?.deny ?? [] },
  };
}

/** Per YAML mapping, its pairs by key text: looking up every entry's position stays linear. */
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function keyText(yaml: YamlModule, key: unknown): string {
  return yaml.isScalar(key) ? String(key.value) : String(key);
}

function pairsOf(yaml: YamlModule, map: { readonly items: readonly Pair[] }): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items) {
      const key = keyText(yaml, pair.key);
      if (!index.has(key)) index.set(key, pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** The YAML node at `path`, or the deepest one that exists. */
function nodeAt(yaml: YamlModule, doc: Document, path: readonly string[]): { node: YamlNode | undefined; pair: Pair | undefined } {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (!yaml.isMap(node)) break;
    const found = pairsOf(yaml, node).get(segment);
    if (found === undefined) break;
    pair = found;
    node = found.value;
  }
  return { node: (node ?? undefined) as YamlNode | undefined, pair };
}

/** The first problem found in the document's nodes, by its offset. */
interface NodeProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * What the yaml package finds only when converting, or finds slowly: a key
 * given twice in one mapping (its `uniqueKeys` compares every pair with
 * every other, which is quadratic) and an alias with no anchor before it.
 * Also the alias to point at should converting expand too many: the first
 * one whose anchored node itself holds aliases. One walk with its own stack.
 */
function checkNodes(yaml: YamlModule, doc: Document): { readonly problem: NodeProblem | undefined; readonly bombAt: number | undefined } {
  const anchors: { readonly offset: number; readonly name: string; readonly node: unknown }[] = [];
  const aliases: { readonly offset: number; readonly name: string }[] = [];
  const holdsAlias = new Set<unknown>();
  let duplicate: NodeProblem | undefined;
  // Each node with the anchored nodes it is inside, so an alias marks them as holding one.
  const stack: { readonly node: unknown; readonly anchored: readonly unknown[] }[] = [{ node: doc.contents, anchored: [] }];
  while (stack.length > 0) {
    const { node, anchored: outer } = stack.pop()!;
    if (yaml.isAlias(node)) {
      aliases.push({ offset: rangeStart(node) ?? 0, name: node.source });
      for (const a of outer) holdsAlias.add(a);
      continue;
    }
    const anchor = (node as { anchor?: string } | null | undefined)?.anchor;
    // The innermost few anchored nodes are enough to find where a bomb starts, and keep the walk linear.
    const anchored = anchor === undefined ? outer : [...outer.slice(-8), node];
    if (anchor !== undefined) anchors.push({ offset: rangeStart(node) ?? 0, name: anchor, node });
    if (yaml.isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = keyText(yaml, pair.key);
        if (seen.has(key) && duplicate === undefined) {
          duplicate = { offset: rangeStart(pair.key) ?? 0, message: `invalid YAML: the key ${quote(key)} is given twice in one mapping` };
        }
        seen.add(key);
        stack.push({ node: pair.value, anchored }, { node: pair.key, anchored });
      }
    } else if (yaml.isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, anchored });
    }
  }
  // An alias refers to the last anchor of its name before it.
  const byOffset = (a: { readonly offset: number }, b: { readonly offset: number }): number => a.offset - b.offset;
  anchors.sort(byOffset);
  aliases.sort(byOffset);
  const defined = new Map<string, unknown>();
  let next = 0;
  let bombAt: number | undefined;
  let unresolved: NodeProblem | undefined;
  for (const alias of aliases) {
    for (; next < anchors.length && anchors[next]!.offset < alias.offset; next++) defined.set(anchors[next]!.name, anchors[next]!.node);
    const target = defined.get(alias.name);
    if (!defined.has(alias.name)) {
      unresolved ??= { offset: alias.offset, message: `invalid YAML: the alias ${quote(`*${alias.name}`)} refers to no anchor before it` };
    } else if (bombAt === undefined && holdsAlias.has(target)) {
      bombAt = alias.offset;
    }
  }
  const problems = [duplicate, unresolved].filter((p): p is NodeProblem => p !== undefined).sort(byOffset);
  return { problem: problems[0], bombAt: bombAt ?? aliases[0]?.offset };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] } | undefined)?.range;
  return range?.[0];
}

function keyOffset(yaml: YamlModule, doc: Document, path: readonly string[]): number {
  const { pair, node } = nodeAt(yaml, doc, path);
  return rangeStart(pair?.key) ?? rangeStart(node) ?? 0;
}

function valueOffset(yaml: YamlModule, doc: Document, path: readonly string[]): number {
  const { pair, node } = nodeAt(yaml, doc, path);
  return rangeStart(pair?.value) ?? rangeStart(pair?.key) ?? rangeStart(node) ?? 0;
}

/** The first schema violation as a message and where to point. */
function schemaProblem(yaml: YamlModule, doc: Document, data: unknown, error: ErrorObject): { readonly offset: number; readonly message: string } {
  const path = pointerSegments(error.instancePath);
  const where = displayPath(path);
  const params = error.params as Record<string, unknown>;
  let value: unknown = data;
  for (const segment of path) value = (value as Record<string, unknown> | undefined)?.[segment];
  switch (error.keyword) {
    case 'required':
      return { offset: valueOffset(yaml, doc, path), message: `${where} needs '${String(params['missingProperty'])}'` };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const expected = known.length > 0 ? ` (expected ${known.join(', ')})` : '';
      return { offset: keyOffset(yaml, doc, [...path, key]), message: `unknown key ${quote(key)} in ${where}${expected}` };
    }
    case 'propertyNames': {
      const name = String(params['propertyName']);
      return { offset: keyOffset(yaml, doc, [...path, name]), message: `${quote(name)} is not a valid name in ${where}: use letters, digits, '_' and '-'` };
    }
    case 'type':
      return { offset: valueOffset(yaml, doc, path), message: `${where} must be ${typeName(String(params['type']))}, not ${describeType(value)}` };
    case 'minProperties':
      return { offset: valueOffset(yaml, doc, path), message: `${where} must not be empty` };
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return { offset: valueOffset(yaml, doc, path), message: `${where}: ${quote(String(value))} is not valid${description ? `; expected ${description}` : ''}` };
    }
    default:
      return { offset: valueOffset(yaml, doc, path), message: `${where} ${error.message ?? 'is invalid'}` };
  }
}

function typeName(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    default:
      return `a ${type}`;
  }
}

/**
 * Builds the composition `config` describes: each component loaded once by
 * `load` (the path as written), each instance, its `with` arguments, and the
 * exports. Imports left unset become imports of the result.
 */
export async function composeFromConfig(config: ComposeConfig, load: ComponentLoader, options: BuildOptions = {}): Promise<Composition> {
  const at = (
    position: ConfigPosition, message: string, details: readonly string[] = [], kind: ComposeErrorKind = 'config', hint?: DiagnosticHint,
    graph?: GraphLocation,
  ) => located(kind, config, position, message, details, hint, graph);
  const didYouMean = (requested: string, known: readonly string[]): DiagnosticHint => ({ kind: 'did-you-mean', requested, known });
  /** Rethrows a builder error with the position of the entry that caused it (its graph location kept). */
  const positioned = <T>(position: ConfigPosition, step: () => T): T => {
    try {
      return step();
    } catch (error) {
      if (error instanceof ComposeError) throw at(position, error.message, error.details, error.kind, error.hint, error.graph);
      throw error;
    }
  };

  const builder = new CompositionBuilder();
  const defIds = new Map<string, number>();
  const used = new Set(config.instances.map((i) => i.component));
  for (const component of config.components) {
    if (!used.has(component.name)) continue;
    let bytes: Uint8Array;
    try {
      bytes = await load(component.path);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^error: /u, '') : String(error);
      throw at(component.at, `cannot load component ${shown(component.name)}: ${reason}`, [], 'not-found');
    }
    const def = positioned(component.at, () => loadDefinition({ name: component.name, bytes }));
    defIds.set(component.name, builder.addDefinition(def));
  }

  const instanceIds = new Map<string, InstanceId>();
  for (const inst of config.instances) {
    const def = defIds.get(inst.component);
    if (def === undefined) {
      throw at(inst.componentAt, `there is no component named ${shown(inst.component)}`, [
        `components: ${shortList(config.components.map((c) => c.name))}`,
      ], 'not-found', didYouMean(inst.component, config.components.map((c) => c.name)));
    }
    instanceIds.set(inst.label, builder.instantiate(def, inst.label));
  }

  const imports = new Map<string, number>();
  const sourceOf = (src: ConfigSource, position: ConfigPosition, typeFrom?: { def: number; importName: string }): Source => {
    if (src.kind === 'instance-export') {
      const instance = instanceIds.get(src.instance);
      if (instance === undefined) {
        throw at(position, `there is no instance labelled ${shown(src.instance)}`, [
          `instances: ${shortList(config.instances.map((i) => i.label))}`,
        ], 'not-found', didYouMean(src.instance, config.instances.map((i) => i.label)));
      }
      return { kind: 'instance-export', instance, name: src.name };
    }
    let id = imports.get(src.name);
    if (id === undefined) {
      if (typeFrom === undefined) {
        throw at(position, `${shown(`import:${src.name}`)} must first be given to an instance's \`with\` so its type is known`, [], 'not-found');
      }
      id = positioned(position, () => builder.addImport(src.name, typeFrom));
      imports.set(src.name, id);
    }
    return { kind: 'import', import: id };
  };

  for (const inst of config.instances) {
    const instance = instanceIds.get(inst.label)!;
    const def = defIds.get(inst.component)!;
    for (const arg of inst.with) {
      const source = sourceOf(arg.source, arg.at, { def, importName: arg.import });
      positioned(arg.at, () => builder.setArgument(instance, arg.import, source));
    }
  }
  /** The configuration's exports by the builder's export ids. */
  const exportIds: ConfigExport[] = [];
  for (const exp of config.exports) {
    // sourceOf's errors carry their position already.
    const source = sourceOf(exp.source, exp.at);
    exportIds[positioned(exp.at, () => builder.export(exp.name, source))] = exp;
  }

  // A type mismatch `build` finds is located by graph id: point at the entry that made that node.
  const positionOf = (graph: GraphLocation | undefined): ConfigPosition | undefined => {
    if (graph === undefined) return undefined;
    switch (graph.arena) {
      case 'import':
      case 'alias':
        return undefined;
      case 'definition':
        return config.components.find((c) => defIds.get(c.name) === graph.id)?.at;
      case 'instance': {
        const inst = config.instances.find((i) => instanceIds.get(i.label) === graph.id);
        return inst?.with.find((a) => a.import === graph.name)?.at ?? inst?.at;
      }
      case 'export':
        return exportIds[graph.id]?.at;
      default:
        return unreachable(graph.arena);
    }
  };
  let composition: Composition;
  try {
    composition = builder.build(options);
  } catch (error) {
    // Only a type mismatch: a cycle is about several entries, and its message names them all.
    const position = error instanceof ComposeError && error.kind === 'type-mismatch' ? positionOf(error.graph) : undefined;
    if (error instanceof ComposeError && position !== undefined) throw at(position, error.message, error.details, error.kind, error.hint, error.graph);
    throw error;
  }
  // Which exports of each instance something takes, in one pass over the arguments and exports.
  const { graph } = composition;
  const usedNames = graph.instances.map(() => new Set<string>());
  const note = (source: Source): void => {
    if (source.kind === 'instance-export') usedNames[source.instance]!.add(source.name);
  };
  for (const inst of graph.instances) for (const source of inst.args.values()) note(source);
  for (const e of graph.exports) note(e.source);
  const unusedExports = new Map<string, readonly string[]>();
  graph.instances.forEach((inst, i) => {
    const unused = [...graph.defs[inst.def]!.types.exports.keys()].filter((n) => !usedNames[i]!.has(n));
    if (unused.length > 0) unusedExports.set(inst.label, unused);
  });
  return { ...composition, unusedExports };
}
