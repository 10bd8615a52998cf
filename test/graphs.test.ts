/**
 * Graph tests as data (test/graphs/README.md): each `test/graphs/<case>/`
 * holds a `graph.json` that is built through the public `CompositionBuilder`,
 * encoded, validated with wasm-tools, and compared with `expected.wit` (the
 * result's world as `weld inspect --wit` prints it), or whose ComposeError
 * is compared with `expected-error.txt`. `BLESS=1` rewrites the expectation.
 * A case with a `weld.compose.yaml` is built by the configuration front end
 * too, and must give the same world (or fail the same way, at a line of it).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { inspectBinary } from '@weld/component';
import {
  ComposeError, CompositionBuilder, composeFromConfig, encodeComposition, interfaceByName, parseComposeConfig, parsePackageKey, plug,
  plugExplicit, type BuilderSource, type ComposeInput,
} from '@weld/compose';
import { loadWitText, printOrder, printWit } from '@weld/wit';
import { componentFromWit, repoRoot, validate } from './support/components.js';

/** Where an argument or an export comes from: an import of the result, an instance's export, or an alias node. */
type GraphSource = { readonly import: string } | { readonly instance: string; readonly export: string } | { readonly alias: string };

/** `graph.json`: the shape test/graphs/README.md describes and test/graphs/graph.schema.json checks. */
interface GraphCase {
  /** By display name; `wit` (with `world`) or `file`, relative to the case folder; optionally registered as a package. */
  readonly components: readonly ({ readonly name: string; readonly package?: string } & (
    { readonly wit: string; readonly world: string } | { readonly file: string }
  ))[];
  readonly instances: readonly ({ readonly label?: string } & ({ readonly component: string } | { readonly package: string }))[];
  readonly imports?: readonly ({ readonly name: string } & (
    { readonly component: string; readonly import: string } | { readonly wit: string; readonly interface: string }
  ))[];
  readonly aliases?: readonly { readonly name: string; readonly instance: string; readonly export: string }[];
  readonly arguments?: readonly { readonly instance: string; readonly import: string; readonly from: GraphSource }[];
  readonly exports?: readonly { readonly name: string; readonly from: GraphSource }[];
}

const graphsDir = join(repoRoot, 'test', 'graphs');
const validGraph = new Ajv({ allErrors: true, strict: true })
  .compile<GraphCase>(JSON.parse(readFileSync(join(graphsDir, 'graph.schema.json'), 'utf8')) as object);

/** A case's `graph.json`, checked against the schema so that a misspelt key fails rather than being ignored. */
function readGraph(dir: string): GraphCase {
  const graph: unknown = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8'));
  if (!validGraph(graph)) throw new Error(`${dir}/graph.json: ${JSON.stringify(validGraph.errors)}`);
  return graph;
}

function loadComponent(dir: string, component: GraphCase['components'][number]): ComposeInput {
  if ('file' in component) return { name: component.name, bytes: readFileSync(join(dir, component.file)) };
  return componentFromWit(component.name, { text: readFileSync(join(dir, component.wit), 'utf8') }, component.world);
}

/** Builds and encodes a case's graph; a malformed case (a name that refers to nothing) is a plain Error. */
function buildCase(dir: string, graph: GraphCase): Uint8Array {
  const builder = new CompositionBuilder();
  const defs = new Map<string, number>();
  for (const c of graph.components) {
    defs.set(c.name, builder.addDefinition(loadComponent(dir, c), c.package === undefined ? {} : { package: c.package }));
  }
  const def = (name: string): number => {
    const id = defs.get(name);
    if (id === undefined) throw new Error(`${dir}/graph.json: no component named ${name}`);
    return id;
  };
  for (const i of graph.instances) {
    if ('component' in i) {
      builder.instantiate(def(i.component), i.label);
      continue;
    }
    const key = parsePackageKey(i.package);
    builder.instantiate(builder.definitionByPackage(key.name, key.version), i.label);
  }
  const imports = new Map<string, number>();
  for (const i of graph.imports ?? []) {
    if ('component' in i) {
      imports.set(i.name, builder.addImport(i.name, { def: def(i.component), importName: i.import }));
      continue;
    }
    const { resolve } = loadWitText(i.wit, readFileSync(join(dir, i.wit), 'utf8'));
    imports.set(i.name, builder.addImport(i.name, { kind: 'wit', resolve, interface: interfaceByName(resolve, i.interface) }));
  }
  const instance = (label: string): number => {
    const id = builder.instanceByLabel(label);
    if (id === undefined) throw new Error(`${dir}/graph.json: no instance labelled ${label}`);
    return id;
  };
  const aliases = new Map<string, number>();
  for (const a of graph.aliases ?? []) aliases.set(a.name, builder.aliasExport(instance(a.instance), a.export));
  const source = (from: GraphSource): BuilderSource => {
    if ('instance' in from) return { kind: 'instance-export', instance: instance(from.instance), name: from.export };
    const [kind, names, name] = 'alias' in from ? ['alias', aliases, from.alias] as const : ['import', imports, from.import] as const;
    const id = names.get(name);
    if (id === undefined) throw new Error(`${dir}/graph.json: no ${kind} named ${name}`);
    return kind === 'alias' ? { kind, alias: id } : { kind, import: id };
  };
  for (const a of graph.arguments ?? []) builder.setArgument(instance(a.instance), a.import, source(a.from));
  for (const e of graph.exports ?? []) builder.export(e.name, source(e.from));
  return encodeComposition(builder.build());
}

/**
 * Builds and encodes a case's `weld.compose.yaml`: the configuration front
 * end over the same inputs, each `components` path naming a component of
 * `graph.json` by its display name.
 */
async function buildYaml(dir: string, graph: GraphCase): Promise<Uint8Array> {
  const file = join(dir, 'weld.compose.yaml');
  const config = await parseComposeConfig(readFileSync(file, 'utf8'), file);
  const load = (path: string): Uint8Array => {
    const component = graph.components.find((c) => c.name === path);
    if (component === undefined) throw new Error(`${file}: no component of graph.json is named ${path}`);
    return loadComponent(dir, component).bytes;
  };
  return encodeComposition(await composeFromConfig(config, load));
}

/** The world of a component as `weld inspect --wit` prints it. */
function witOf(bytes: Uint8Array): string {
  const wit = inspectBinary(bytes).wit;
  if (wit === undefined || wit.kind === 'error') throw new Error(`the result has no WIT: ${wit?.message ?? 'no world'}`);
  return printWit(wit.resolve, printOrder(wit.resolve, wit.package));
}

/** `kind: message`, then the graph node as `at: ARENA ID[, NAME]`, then each detail as `note: ...`. */
const errorText = (e: ComposeError): string => {
  const at = e.graph === undefined ? [] : [`at: ${e.graph.arena} ${e.graph.id}${e.graph.name === undefined ? '' : `, ${e.graph.name}`}`];
  return [`${e.kind}: ${e.message}`, ...at, ...e.details.map((d) => `note: ${d}`)].join('\n') + '\n';
};

/** The ComposeError `step` fails with. */
async function failure(name: string, step: () => unknown): Promise<ComposeError> {
  let error: unknown;
  try {
    await step();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof ComposeError)) throw error ?? new Error(`${name}: expected a ComposeError, and the graph built`);
  return error;
}

/** Compares `actual` with the file, or writes it under `BLESS=1`. */
function expectFile(file: string, actual: string): void {
  if (process.env['BLESS'] === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const cases = readdirSync(graphsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(graphsDir, d.name, 'graph.json')))
  .map((d) => d.name)
  .sort();
/** The cases the configuration front end can say too. */
const yamlCases = cases.filter((name) => existsSync(join(graphsDir, name, 'weld.compose.yaml')));

describe('compose graphs as data', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    expect(yamlCases.length).toBeGreaterThanOrEqual(4);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(graphsDir, name);
    const graph = readGraph(dir);
    const errorFile = join(dir, 'expected-error.txt');
    if (existsSync(errorFile)) {
      expectFile(errorFile, errorText(await failure(name, () => buildCase(dir, graph))));
      return;
    }
    const bytes = buildCase(dir, graph);
    expect(validate(bytes)).toBeUndefined();
    expectFile(join(dir, 'expected.wit'), witOf(bytes));
  });

  it.each(yamlCases)('%s, from its weld.compose.yaml', async (name) => {
    const dir = join(graphsDir, name);
    const graph = readGraph(dir);
    const errorFile = join(dir, 'expected-error.txt');
    if (existsSync(errorFile)) {
      // The same failure; a type mismatch pointed at the line of the configuration that made the node.
      const expected = readFileSync(errorFile, 'utf8').split(':', 1)[0];
      const error = await failure(name, () => buildYaml(dir, graph));
      expect(error.kind).toBe(expected);
      if (error.kind === 'type-mismatch') expect(error.span?.path).toBe(join(dir, 'weld.compose.yaml'));
      return;
    }
    const bytes = await buildYaml(dir, graph);
    expect(validate(bytes)).toBeUndefined();
    expect(witOf(bytes)).toBe(readFileSync(join(dir, 'expected.wit'), 'utf8'));
  });

  it('is what the plug front ends make of the same components (plug-basic)', () => {
    const dir = join(graphsDir, 'plug-basic');
    const [app, calc] = readGraph(dir).components.map((c) => loadComponent(dir, c));
    const expected = readFileSync(join(dir, 'expected.wit'), 'utf8');
    expect(witOf(encodeComposition(plug(app!, [calc!])))).toBe(expected);
    expect(witOf(encodeComposition(plugExplicit(app!, calc!, 'example:math/ops@1.0.0')))).toBe(expected);
  });
});
