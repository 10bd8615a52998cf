/**
 * Everything `weld inspect` shows about a binary, as data: the world it
 * targets (imports grouped by package, exports), its tree of nested modules
 * and components, and its custom sections.
 */
import { packageNameString, type Resolve, type WorldEntry, type WorldId } from '@weld/wit';
import { decodeComponent, isComponent } from '../decode/component.js';
import { readCoreModule } from '../decode/core-module.js';
import { componentTypes } from '../types/build.js';
import { ComponentTypeError } from '../types/errors.js';
import { BinaryError } from '../errors.js';
import { WitDecodeError } from '../wit/errors.js';
import { componentWit } from '../wit/from-binary.js';
import { hasComponentType, moduleWitOf } from '../wit/module-wit.js';
import type { DecodedWit } from '../wit/decode-wit.js';
import { compositionOf, type CompositionProvenance } from './composition.js';
import { componentTree, moduleTree } from './structure.js';
import type { ComponentNode } from './structure.js';

/** An import or export of the world, named as WIT names it. */
export interface WorldItemSummary {
  readonly name: string;
  readonly kind: 'interface' | 'function' | 'type';
}

/** The items of one package (or, for `package` undefined, the world's own named items). */
export interface PackageGroup {
  readonly package: string | undefined;
  readonly items: readonly WorldItemSummary[];
}

/** The world a binary targets, grouped for display. */
export interface WorldSummary {
  /** `ns:pkg/world`. */
  readonly name: string;
  readonly imports: readonly PackageGroup[];
  readonly exports: readonly PackageGroup[];
}

/** What `inspectBinary` finds in a component or in a core module; a module has WIT only when it carries an embedded world. */
export type InspectReport =
  | {
      readonly kind: 'component';
      readonly size: number;
      readonly tree: ComponentNode;
      /** The WIT the binary describes, or why it has none. */
      readonly wit: DecodedWit | { readonly kind: 'error'; readonly message: string };
      readonly world: WorldSummary | undefined;
      /** What its `weld-composition` section records, when it has one (it was made by `weld compose`). */
      readonly composition?: CompositionProvenance;
    }
  | {
      readonly kind: 'module';
      readonly size: number;
      readonly tree: ComponentNode;
      /**
       * The world its `component-type*` custom sections describe (as
       * `wasm-tools component embed` leaves them), or why it cannot be
       * decoded; absent when the module has no such section.
       */
      readonly wit?: (DecodedWit & { readonly kind: 'component' }) | { readonly kind: 'error'; readonly message: string };
      readonly world?: WorldSummary;
    };

/**
 * Inspects component or core module bytes. Throws `BinaryError` on malformed
 * input and `ComponentTypeError` on a component whose types are invalid (as
 * wasm-tools rejects it); a valid component whose types WIT cannot express
 * gets its reason in `wit`.
 */
export function inspectBinary(bytes: Uint8Array): InspectReport {
  if (!isComponent(bytes)) return inspectModule(bytes);
  const component = decodeComponent(bytes);
  const tree = componentTree(component, bytes.length);
  const types = componentTypes(component);
  let wit: DecodedWit | { kind: 'error'; message: string };
  try {
    wit = componentWit(component, types);
  } catch (error) {
    if (!(error instanceof WitDecodeError)) throw error;
    wit = { kind: 'error', message: error.message };
  }
  const world = wit.kind === 'component' ? summarizeWorld(wit.resolve, wit.world) : undefined;
  const composition = compositionOf(component);
  return { kind: 'component', size: bytes.length, tree, wit, world, ...(composition && { composition }) };
}

function inspectModule(bytes: Uint8Array): InspectReport {
  const tree = moduleTree(bytes);
  const customs = readCoreModule(bytes).customs;
  if (!hasComponentType(customs)) return { kind: 'module', size: bytes.length, tree };
  try {
    const wit = moduleWitOf(customs);
    return { kind: 'module', size: bytes.length, tree, wit, world: summarizeWorld(wit.resolve, wit.world) };
  } catch (error) {
    // The module itself is fine; only its embedded world is broken.
    if (!(error instanceof WitDecodeError || error instanceof BinaryError || error instanceof ComponentTypeError)) throw error;
    return { kind: 'module', size: bytes.length, tree, wit: { kind: 'error', message: error.message } };
  }
}

function packageOf(resolve: Resolve, iface: number): string | undefined {
  const pkg = resolve.interfaces[iface]!.package;
  if (pkg === undefined) return undefined;
  return packageNameString(resolve.packages[pkg]!.name);
}

function group(resolve: Resolve, entries: Iterable<WorldEntry>): PackageGroup[] {
  const groups = new Map<string | undefined, WorldItemSummary[]>();
  const add = (pkg: string | undefined, item: WorldItemSummary) => {
    const list = groups.get(pkg) ?? [];
    list.push(item);
    groups.set(pkg, list);
  };
  for (const { key, item } of entries) {
    // A resource's functions are shown with it, not as items of the world.
    if (item.kind === 'function' && 'resource' in item.function.kind) continue;
    if (key.kind === 'interface') {
      add(packageOf(resolve, key.id), { name: resolve.interfaces[key.id]!.name!, kind: 'interface' });
    } else {
      add(undefined, { name: key.name, kind: item.kind === 'function' ? 'function' : item.kind === 'type' ? 'type' : 'interface' });
    }
  }
  return [...groups].map(([pkg, items]) => ({ package: pkg, items }));
}

function summarizeWorld(resolve: Resolve, id: WorldId): WorldSummary {
  const world = resolve.worlds[id]!;
  const pkg = resolve.packages[world.package!]!.name;
  return {
    name: `${pkg.namespace}:${pkg.name}/${world.name}`,
    imports: group(resolve, world.imports.values()),
    exports: group(resolve, world.exports.values()),
  };
}
