/**
 * Component instances: instantiating a component (its exports with its
 * imported resources and types replaced by the arguments', and its defined
 * resources made fresh), or a bag of exports (`instantiate_component`,
 * `open_instance_type`, `instantiate_component_exports`).
 */
import { unreachable } from '@weld/wit';
import type { TypeAlloc } from './arena.js';
import { ComponentTypeError } from './errors.js';
import { insertItem } from './externs.js';
import type { AnyTypeId, ComponentItem, ComponentTypeInfo, EntityType } from './model.js';
import { newRemapping, remapItems, type Remapping } from './remap.js';
import { describeKind, type ComponentState } from './state.js';
import type { Export, Sort } from '../model/externs.js';
import type { ComponentInstance, InstantiationArg } from '../model/instances.js';

/** Adds a component instance, typed by its exports. */
export function addInstance(state: ComponentState, alloc: TypeAlloc, instance: ComponentInstance): void {
  state.checkRoom('instances');
  switch (instance.kind) {
    case 'instantiate':
      state.instances.push(instantiateComponent(state, alloc, instance.component, instance.args));
      return;
    case 'from-exports':
      state.instances.push(instantiateExports(state, alloc, instance.exports));
      return;
    default:
      return unreachable(instance);
  }
}

/** The entity an argument or a bag-of-exports item passes: types pass as they are. */
function entityAt(state: ComponentState, sort: Sort, index: number): EntityType {
  switch (sort) {
    case 'module':
      state.checkCore(index, state.coreModules, 'module');
      return { kind: 'module' };
    case 'func': return { kind: 'func', id: state.funcAt(index) };
    case 'value': return { kind: 'value', type: state.valueAt(index) };
    case 'type': {
      const id = state.typeAt(index);
      return { kind: 'type', referenced: id, created: id };
    }
    case 'instance': return { kind: 'instance', id: state.instanceAt(index) };
    case 'component': return { kind: 'component', id: state.componentAt(index) };
    default: return unreachable(sort);
  }
}

function instantiateComponent(
  state: ComponentState,
  alloc: TypeAlloc,
  componentIndex: number,
  argList: readonly InstantiationArg[],
): AnyTypeId {
  const info = alloc.info(state.componentAt(componentIndex));
  if (info.kind !== 'component') throw new Error(`internal: component ${componentIndex} has no component type`);
  const component = info.type;
  const args = new Map<string, EntityType>();
  for (const arg of argList) {
    if (args.has(arg.name)) {
      throw new ComponentTypeError('duplicate-name', `instantiation argument \`${arg.name}\` conflicts with a previous argument`);
    }
    args.set(arg.name, entityAt(state, arg.sort, arg.index));
  }

  const mapping = openComponentType(alloc, args, component);
  // Each instantiation makes the component's defined resources anew.
  for (const [old] of component.definedResources) {
    const resource = alloc.resourceOf(alloc.allocResource());
    mapping.resources.set(old, resource);
    state.definedResources.add(resource);
  }
  const [exports] = remapItems(alloc, component.exports, mapping);
  return alloc.push({ kind: 'instance', type: { exports, definedResources: [] } });
}

/**
 * The substitution that instantiating `component` with `args` applies to its
 * exports: each imported resource to the argument's resource, and each
 * imported type (by its `created` id) to the argument's type. The subtype
 * check of the arguments is skipped.
 */
function openComponentType(
  alloc: TypeAlloc,
  args: ReadonlyMap<string, EntityType>,
  component: ComponentTypeInfo,
): Remapping {
  const mapping = newRemapping();
  const imports = [...component.imports];
  outer: for (const [resource, path] of component.importedResources) {
    const first = imports[path[0] ?? -1];
    if (first === undefined) throw new Error(`internal: bad path of imported resource ${resource}`);
    const [name, item] = first;
    let type: EntityType = item.type;
    let arg: EntityType | undefined = args.get(name);
    for (const i of path.slice(1)) {
      const inner = type.kind === 'instance' ? alloc.info(type.id) : undefined;
      const next = inner?.kind === 'instance' ? [...inner.type.exports][i] : undefined;
      if (next === undefined) throw new Error(`internal: bad path of imported resource ${resource}`);
      type = next[1].type;
      if (arg?.kind !== 'instance') continue outer;
      arg = instanceExports(alloc, arg.id).get(next[0])?.type;
    }
    if (arg?.kind === 'type') {
      const created = alloc.info(arg.created);
      if (created.kind === 'resource') mapping.resources.set(resource, created.resource);
    }
  }

  const renamings = new Map<AnyTypeId, AnyTypeId>();
  for (const [name, expected] of component.imports) {
    const actual = args.get(name);
    if (actual === undefined) throw new ComponentTypeError('missing-argument', `missing import named \`${name}\``);
    registerTypeRenamings(alloc, actual, expected.type, renamings, name);
  }
  mapping.types = renamings;
  return mapping;
}

/** Records, for each type the component imports, the type the argument supplies. */
function registerTypeRenamings(
  alloc: TypeAlloc,
  actual: EntityType,
  expected: EntityType,
  renamings: Map<AnyTypeId, AnyTypeId>,
  name: string,
): void {
  // Only the part of the subtype check that keeps the substitution well-kinded.
  if (expected.kind !== actual.kind) {
    throw new ComponentTypeError(
      'type-mismatch',
      `type mismatch for import \`${name}\`: expected a ${expected.kind}, found a ${actual.kind}`,
    );
  }
  if (expected.kind === 'type' && actual.kind === 'type') {
    const want = alloc.info(expected.created).kind;
    const have = alloc.info(actual.created).kind;
    if (want !== have) {
      throw new ComponentTypeError(
        'type-mismatch',
        `type mismatch for import \`${name}\`: expected ${describeKind(want)}, found ${describeKind(have)}`,
      );
    }
    renamings.set(expected.created, actual.created);
  } else if (expected.kind === 'instance' && actual.kind === 'instance') {
    const actualExports = instanceExports(alloc, actual.id);
    for (const [exportName, item] of instanceExports(alloc, expected.id)) {
      const found = actualExports.get(exportName);
      if (found === undefined) {
        throw new ComponentTypeError(
          'missing-argument',
          `type mismatch for import \`${name}\`: missing expected export \`${exportName}\``,
        );
      }
      registerTypeRenamings(alloc, found.type, item.type, renamings, name);
    }
  }
}

function instanceExports(alloc: TypeAlloc, id: AnyTypeId): ReadonlyMap<string, ComponentItem> {
  const info = alloc.info(id);
  if (info.kind !== 'instance') throw new Error(`internal: type id ${id} is not an instance type`);
  return info.type.exports;
}

/** A bag of exports: defines nothing new, so its type has no defined resources. */
function instantiateExports(state: ComponentState, alloc: TypeAlloc, exports: readonly Export[]): AnyTypeId {
  const items = new Map<string, ComponentItem>();
  for (const exp of exports) insertItem(items, exp.name, entityAt(state, exp.sort, exp.index), 'instance export');
  return alloc.push({ kind: 'instance', type: { exports: items, definedResources: [] } });
}
