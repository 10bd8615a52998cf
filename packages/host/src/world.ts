/**
 * The names a component imports and exports, read from its binary by
 * `@weld/component`, and which of weld's entry points applies to it.
 */
import {
  BinaryError, ComponentTypeError, componentTypes, decodeComponent, isComponent, typeInfo, type Component, type ComponentItem,
  type TypeArena,
} from '@weld/component';
import { splitVersion } from './capabilities.js';
import { HostError } from './errors.js';

/** The top-level import and export names of a component, versions included. */
export interface WorldNames {
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  /**
   * The imports that carry only types: types other than resources (a
   * world's `use` of a record), and instances whose exports are all such
   * types, as the instance of an interface a world only `use`s types from. Nothing implements them at run time (jco's
   * `instantiate` reads no object for them), so no host need provide them.
   * Undefined when the names come from elsewhere than the binary (an OCI
   * image's config), which does not say.
   */
  readonly typeOnly?: readonly string[];
}

/** Reads the import and export names of a component binary; `source` names it in errors. */
export function worldNames(bytes: Uint8Array, source: string): WorldNames {
  if (!isComponent(bytes)) {
    const core = bytes.length >= 8 && bytes[4] === 1 && bytes[0] === 0 && bytes[1] === 0x61;
    throw new HostError('artifact', `${source}: ${core ? 'a core WebAssembly module, not a component' : 'not a WebAssembly component'}`);
  }
  let component;
  try {
    component = decodeComponent(bytes);
  } catch (error) {
    if (error instanceof BinaryError) throw new HostError('artifact', `${source}: ${error.message}`, [], { cause: error });
    throw error;
  }
  const imports: string[] = [];
  const exports: string[] = [];
  for (const section of component.sections) {
    if (section.kind === 'import') for (const i of section.imports) imports.push(i.name.name);
    else if (section.kind === 'export') for (const e of section.exports) exports.push(e.name.name);
  }
  return { imports, exports, typeOnly: typeOnlyImports(component, source) };
}

/** The imports of `component` that are instances of types alone (see {@link WorldNames.typeOnly}). */
function typeOnlyImports(component: Component, source: string): string[] {
  let types;
  try {
    types = componentTypes(component);
  } catch (error) {
    if (error instanceof ComponentTypeError) throw new HostError('artifact', `${source}: ${error.message}`, [], { cause: error });
    throw error;
  }
  const out: string[] = [];
  for (const [name, item] of types.imports) if (carriesOnlyTypes(types.arena, item)) out.push(name);
  return out;
}

/**
 * Whether `item` is a type that is not a resource (a world's `use` of a
 * record imports one), or an instance of such types alone. A resource is a
 * class the host must hand over, even without functions of its own.
 */
function carriesOnlyTypes(arena: TypeArena, item: ComponentItem): boolean {
  // A stack rather than recursion: instance types can nest as deep as a stranger likes.
  const stack = [item];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const type = next.type;
    if (type.kind === 'type') {
      if (typeInfo(arena, type.referenced).kind === 'resource') return false;
      continue;
    }
    if (type.kind !== 'instance') return false;
    const info = typeInfo(arena, type.id);
    if (info.kind !== 'instance') return false;
    for (const exported of info.type.exports.values()) stack.push(exported);
  }
  return true;
}

/** The imports of `world` that a host must provide: all but those that carry only types. */
export function providedImports(world: WorldNames): readonly string[] {
  const typeOnly = new Set(world.typeOnly ?? []);
  return typeOnly.size === 0 ? world.imports : world.imports.filter((name) => !typeOnly.has(name));
}

/** What a component can be started as. */
export type EntryKind = 'run' | 'serve';

/** The export each entry point calls. */
export const entryExport: Readonly<Record<EntryKind, string>> = {
  run: 'wasi:cli/run',
  serve: 'wasi:http/incoming-handler',
};

/** The entry points a component's exports allow, `run` first. */
export function entryKinds(world: WorldNames): EntryKind[] {
  const names = new Set(world.exports.map((name) => splitVersion(name).name));
  return (['run', 'serve'] as const).filter((kind) => names.has(entryExport[kind]));
}

/**
 * Throws a `not-runnable` HostError unless `world` exports what `kind` needs,
 * saying what it exports instead and which command would fit.
 */
export function assertEntry(source: string, world: WorldNames, kind: EntryKind): void {
  const kinds = entryKinds(world);
  if (kinds.includes(kind)) return;
  const other = kinds[0];
  const exported = world.exports.length === 0 ? 'nothing' : world.exports.join(', ');
  const hint =
    other === undefined
      ? `weld runs components that export ${entryExport.run} (weld run) or ${entryExport.serve} (weld serve)`
      : `use \`weld ${other}\` instead`;
  // One line for what is wrong, one for the fix, like every weld error.
  throw new HostError('not-runnable', `${source} does not export ${entryExport[kind]}, so \`weld ${kind}\` cannot start it (it exports ${exported})`, [hint]);
}
