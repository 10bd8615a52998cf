/**
 * Imports and exports: the type an extern type or an export gives an item
 * (`check_type_ref`, `export_to_entity_type`), and how adding the item
 * changes the index spaces and resource sets (`add_entity`,
 * `prepare_instance_import`, `prepare_instance_export`).
 */
import { unreachable } from '@weld/wit';
import type { TypeAlloc } from './arena.js';
import { ComponentTypeError } from './errors.js';
import type { ComponentItem, EntityType, ResourceId, ValueType } from './model.js';
import { newRemapping, remapItems } from './remap.js';
import { explicitResourcePaths } from './resources.js';
import type { ComponentState, LimitedSpace } from './state.js';
import { countLimitMessage, MAX_WASM_EXPORTS } from '../limits.js';
import type { Export, ExternName, ExternType } from '../model/externs.js';
import type { ValType } from '../model/val-type.js';

/** A value type with its type index resolved (`create_component_val_type`). */
export function valueType(state: ComponentState, alloc: TypeAlloc, type: ValType): ValueType {
  return typeof type === 'number' ? state.typeOfKind(alloc, type, 'defined', 'a defined type') : type;
}

/** The entity an extern type describes (`check_type_ref`). */
export function checkTypeRef(state: ComponentState, alloc: TypeAlloc, type: ExternType): EntityType {
  switch (type.kind) {
    case 'module':
      if (state.coreTypeAt(type.index) !== 'module') {
        throw new ComponentTypeError('wrong-sort', `core type index ${type.index} is not a module type`);
      }
      return { kind: 'module' };
    case 'func':
      return { kind: 'func', id: state.typeOfKind(alloc, type.index, 'func', 'a function type') };
    case 'value':
      return { kind: 'value', type: valueType(state, alloc, type.type) };
    case 'type': {
      if (type.bounds.kind === 'sub-resource') {
        const id = alloc.allocResource();
        return { kind: 'type', referenced: id, created: id };
      }
      const referenced = state.typeAt(type.bounds.index);
      return { kind: 'type', referenced, created: alloc.withUnique(referenced) };
    }
    case 'instance':
      return { kind: 'instance', id: state.typeOfKind(alloc, type.index, 'instance', 'an instance type') };
    case 'component':
      return { kind: 'component', id: state.typeOfKind(alloc, type.index, 'component', 'a component type') };
    default:
      return unreachable(type);
  }
}

/** The entity an export refers to, or its ascribed type when it has one (`export_to_entity_type`). */
export function exportToEntityType(state: ComponentState, alloc: TypeAlloc, exp: Export): EntityType {
  // The subtype check of the item against the ascribed type is skipped; the
  // item is still looked up so a bad index is reported.
  const actual = (): EntityType => {
    switch (exp.sort) {
      case 'module':
        state.checkCore(exp.index, state.coreModules, 'module');
        return { kind: 'module' };
      case 'func':
        return { kind: 'func', id: state.funcAt(exp.index) };
      case 'value':
        return { kind: 'value', type: state.valueAt(exp.index) };
      case 'type': {
        const referenced = state.typeAt(exp.index);
        return { kind: 'type', referenced, created: exp.type === undefined ? alloc.withUnique(referenced) : referenced };
      }
      case 'instance':
        return { kind: 'instance', id: state.instanceAt(exp.index) };
      case 'component':
        return { kind: 'component', id: state.componentAt(exp.index) };
      default:
        return unreachable(exp.sort);
    }
  };
  const item = actual();
  return exp.type === undefined ? item : checkTypeRef(state, alloc, exp.type);
}

/** How an entity is being added: as an import, an export, or neither (an alias). */
export type ExternKind = 'import' | 'export' | undefined;

/** The index space an entity of each kind is added to. */
const SPACES: Readonly<Record<EntityType['kind'], LimitedSpace>> = {
  module: 'modules', func: 'functions', value: 'values', type: 'types', instance: 'instances', component: 'components',
};

/**
 * Adds an entity to its index space (`add_entity`). Instances imported or
 * exported get fresh resources for those their type defines, so the entity
 * returned may differ from the one given.
 */
export function addEntity(state: ComponentState, alloc: TypeAlloc, entity: EntityType, kind: ExternKind): EntityType {
  state.checkRoom(SPACES[entity.kind]);
  switch (entity.kind) {
    case 'module':
      state.coreModules++;
      return entity;
    case 'component':
      state.components.push(entity.id);
      return entity;
    case 'instance': {
      const id = kind === 'import'
        ? prepareInstanceImport(state, alloc, entity.id)
        : kind === 'export' ? prepareInstanceExport(state, alloc, entity.id) : entity.id;
      state.instances.push(id);
      return id === entity.id ? entity : { kind: 'instance', id };
    }
    case 'func':
      state.funcs.push(entity.id);
      return entity;
    case 'value':
      state.values.push(entity.type);
      return entity;
    case 'type': {
      state.types.push(entity.created);
      const info = alloc.info(entity.created);
      // `created === referenced` only where a resource is introduced.
      if (info.kind === 'resource' && entity.created === entity.referenced) {
        if (kind === 'import') state.importedResources.set(info.resource, [state.imports.size]);
        if (kind === 'export') state.definedResources.add(info.resource);
      }
      return entity;
    }
    default:
      return unreachable(entity);
  }
}

/**
 * An instance type imported here: each resource the type defines becomes a
 * fresh imported resource of this component, so two imports of one instance
 * type do not share resources.
 */
function prepareInstanceImport(state: ComponentState, alloc: TypeAlloc, id: number): number {
  const info = alloc.info(id);
  if (info.kind !== 'instance' || info.type.definedResources.length === 0) return id;
  const paths = explicitResourcePaths(alloc, info.type.exports, info.type.definedResources);
  const mapping = newRemapping();
  const fresh = info.type.definedResources.map(() => alloc.resourceOf(alloc.allocResource()));
  info.type.definedResources.forEach((old, i) => {
    const resource = fresh[i] as ResourceId;
    mapping.resources.set(old, resource);
    const path = paths.get(old);
    if (path === undefined) throw new Error(`internal: resource ${old} of instance type ${id} is not exported`);
    state.importedResources.set(resource, [state.imports.size, ...path]);
  });
  const [exports] = remapItems(alloc, info.type.exports, mapping);
  return alloc.push({ kind: 'instance', type: { exports, definedResources: [] } });
}

/**
 * An instance of a type that still defines resources, exported here (in a
 * type context): the resources become fresh definitions of this state.
 */
function prepareInstanceExport(state: ComponentState, alloc: TypeAlloc, id: number): number {
  const info = alloc.info(id);
  if (info.kind !== 'instance' || info.type.definedResources.length === 0) return id;
  const mapping = newRemapping();
  for (const old of info.type.definedResources) {
    const resource = alloc.resourceOf(alloc.allocResource());
    mapping.resources.set(old, resource);
    state.definedResources.add(resource);
  }
  const [exports] = remapItems(alloc, info.type.exports, mapping);
  return alloc.push({ kind: 'instance', type: { exports, definedResources: [] } });
}

function item(name: ExternName, type: EntityType): ComponentItem {
  return { type, implements: name.implements, versionSuffix: name.versionSuffix, externalId: name.externalId };
}

/** Adds `entity` under `name` to an import or export map; names must be unique. */
export function insertItem(
  items: Map<string, ComponentItem>,
  name: ExternName,
  entity: EntityType,
  what: string,
): void {
  if (items.has(name.name)) {
    throw new ComponentTypeError('duplicate-name', `${what} name \`${name.name}\` conflicts with a previous name`);
  }
  items.set(name.name, item(name, entity));
}

/** `add_import`. */
export function addImport(state: ComponentState, alloc: TypeAlloc, name: ExternName, type: ExternType): void {
  const entity = addEntity(state, alloc, checkTypeRef(state, alloc, type), 'import');
  insertItem(state.imports, name, entity, 'import');
  alloc.addEntity(state.measure, entity);
}

/** `add_export`, given the exported entity. */
export function addExport(state: ComponentState, alloc: TypeAlloc, name: ExternName, entity: EntityType): void {
  const message = countLimitMessage(state.exports.size, 1, MAX_WASM_EXPORTS, 'exports');
  if (message !== undefined) throw new ComponentTypeError('limit-exceeded', message);
  const added = addEntity(state, alloc, entity, 'export');
  insertItem(state.exports, name, added, 'export');
  alloc.addEntity(state.measure, added);
}
