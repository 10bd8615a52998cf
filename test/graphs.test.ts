/**
 * Graph tests as data (test/graphs/README.md): each `test/graphs/<case>/`
 * holds a `graph.json` that is built through the public `CompositionBuilder`,
 * encoded, validated with wasm-tools, and compared with `expected.wit` (the
 * result's world as `weld inspect --wit` prints it), or whose ComposeError
 * is compared with `expected-error.txt`. `BLESS=1` rewrites the expectation.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { inspectBinary } from '@weld/component';
import {
  ComposeError, CompositionBuilder, encodeComposition, plug, plugExplicit, type ComposeInput, type Source,
} from '@weld/compose';
import { printOrder, printWit } from '@weld/wit';
import { componentFromWit, repoRoot, validate } from './support/components.js';

/** Where an argument or an export comes from: an import of the result, or an instance's export. */
type GraphSource = { readonly import: string } | { readonly instance: string; readonly export: string };

/** `graph.json`: the shape test/graphs/README.md describes and test/graphs/graph.schema.json checks. */
interface GraphCase {
  /** By display name; `wit` (with `world`) or `file`, relative to the case folder. */
  readonly components: readonly ({ readonly name: string } & ({ readonly wit: string; readonly world: string } | { readonly file: string }))[];
  readonly instances: readonly { readonly component: string; readonly label?: string }[];
  readonly imports?: readonly { readonly name: string; readonly component: string; readonly import: string }[];
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
  for (const c of graph.components) defs.set(c.name, builder.addDefinition(loadComponent(dir, c)));
  const def = (name: string): number => {
    const id = defs.get(name);
    if (id === undefined) throw new Error(`${dir}/graph.json: no component named ${name}`);
    return id;
  };
  for (const i of graph.instances) builder.instantiate(def(i.component), i.label);
  const imports = new Map<string, number>();
  for (const i of graph.imports ?? []) imports.set(i.name, builder.addImport(i.name, { def: def(i.component), importName: i.import }));
  const instance = (label: string): number => {
    const id = builder.instanceByLabel(label);
    if (id === undefined) throw new Error(`${dir}/graph.json: no instance labelled ${label}`);
    return id;
  };
  const source = (from: GraphSource): Source => {
    if ('instance' in from) return { kind: 'instance-export', instance: instance(from.instance), name: from.export };
    const id = imports.get(from.import);
    if (id === undefined) throw new Error(`${dir}/graph.json: no import named ${from.import}`);
    return { kind: 'import', import: id };
  };
  for (const a of graph.arguments ?? []) builder.setArgument(instance(a.instance), a.import, source(a.from));
  for (const e of graph.exports ?? []) builder.export(e.name, source(e.from));
  return encodeComposition(builder.build());
}

/** The world of a component as `weld inspect --wit` prints it. */
function witOf(bytes: Uint8Array): string {
  const wit = inspectBinary(bytes).wit;
  if (wit === undefined || wit.kind === 'error') throw new Error(`the result has no WIT: ${wit?.message ?? 'no world'}`);
  return printWit(wit.resolve, printOrder(wit.resolve, wit.package));
}

/** `kind: message`, then each detail as `note: ...`. */
const errorText = (e: ComposeError): string => [`${e.kind}: ${e.message}`, ...e.details.map((d) => `note: ${d}`)].join('\n') + '\n';

/** Compares `actual` with the file, or writes it under `BLESS=1`. */
function expectFile(file: string, actual: string): void {
  if (process.env['BLESS'] === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const cases = readdirSync(graphsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(graphsDir, d.name, 'graph.json')))
  .map((d) => d.name)
  .sort();

describe('compose graphs as data', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(4));

  it.each(cases)('%s', (name) => {
    const dir = join(graphsDir, name);
    const graph = readGraph(dir);
    const errorFile = join(dir, 'expected-error.txt');
    if (existsSync(errorFile)) {
      let failure: unknown;
      try {
        buildCase(dir, graph);
      } catch (e) {
        failure = e;
      }
      if (!(failure instanceof ComposeError)) throw failure ?? new Error(`${name}: expected a ComposeError, and the graph built`);
      expectFile(errorFile, errorText(failure));
      return;
    }
    const bytes = buildCase(dir, graph);
    expect(validate(bytes)).toBeUndefined();
    expectFile(join(dir, 'expected.wit'), witOf(bytes));
  });

  it('is what the plug front ends make of the same components (plug-basic)', () => {
    const dir = join(graphsDir, 'plug-basic');
    const [app, calc] = readGraph(dir).components.map((c) => loadComponent(dir, c));
    const expected = readFileSync(join(dir, 'expected.wit'), 'utf8');
    expect(witOf(encodeComposition(plug(app!, [calc!])))).toBe(expected);
    expect(witOf(encodeComposition(plugExplicit(app!, calc!, 'example:math/ops@1.0.0')))).toBe(expected);
  });
});
