/**
 * The index spaces of one component, component type or instance type while
 * its sections or declarations are walked (wasmparser's `ComponentState`).
 * Core index spaces are counts only: their types never reach a component
 * type.
 */
import { unreachable } from '@weld/wit';
import { ComponentTypeError } from './errors.js';
import { Measure, type TypeAlloc } from './arena.js';
import {
  countLimitMessage, MAX_CORE_INDEX_SPACE_ITEMS, MAX_WASM_COMPONENTS, MAX_WASM_FUNCTIONS, MAX_WASM_INSTANCES,
  MAX_WASM_MODULES, MAX_WASM_MODULES_AND_COMPONENTS, MAX_WASM_TYPES, MAX_WASM_VALUES,
} from '../limits.js';
import type { AnyTypeId, ComponentItem, ResourceId, TypeInfo, ValueType } from './model.js';

/** What the state describes: resources may only be defined in a `component`. */
export type StateKind = 'component' | 'component-type' | 'instance-type';

/** A core type is either part of a rec group or a module type. */
export type CoreTypeKind = 'sub' | 'module';

/** An index space with a limit, named as wasmparser's messages name it. */
export type LimitedSpace =
  | 'types' | 'functions' | 'instances' | 'modules' | 'components' | 'values'
  | 'tables' | 'memories' | 'globals' | 'tags';

/** One component's (or component or instance type's) index spaces and resource sets. */
export class ComponentState {
  readonly kind: StateKind;

  readonly coreTypes: CoreTypeKind[] = [];
  coreModules = 0;
  coreInstances = 0;
  coreFuncs = 0;
  coreTables = 0;
  coreMemories = 0;
  coreGlobals = 0;
  coreTags = 0;

  readonly types: AnyTypeId[] = [];
  readonly funcs: AnyTypeId[] = [];
  readonly values: ValueType[] = [];
  readonly instances: AnyTypeId[] = [];
  readonly components: AnyTypeId[] = [];

  readonly imports = new Map<string, ComponentItem>();
  readonly exports = new Map<string, ComponentItem>();

  /** Resources the imports introduce, with their path (import index, then instance export indices). */
  readonly importedResources = new Map<ResourceId, readonly number[]>();
  /** Resources defined here or by instantiating components here, in definition order. */
  readonly definedResources = new Set<ResourceId>();

  /** The size of the type its imports and exports so far make (checked as each is added). */
  readonly measure = new Measure();

  constructor(kind: StateKind) {
    this.kind = kind;
  }

  /** Fails when one more item in `space` would pass wasmparser's limit (`check_max`). */
  checkRoom(space: LimitedSpace): void {
    const [count, max] = this.countOf(space);
    const message = countLimitMessage(count, 1, max, space);
    if (message !== undefined) throw new ComponentTypeError('limit-exceeded', message);
  }

  private countOf(space: LimitedSpace): readonly [number, number] {
    switch (space) {
      case 'types': return [this.coreTypes.length + this.types.length, MAX_WASM_TYPES];
      case 'functions': return [this.coreFuncs + this.funcs.length, MAX_WASM_FUNCTIONS];
      case 'instances': return [this.coreInstances + this.instances.length, MAX_WASM_INSTANCES];
      case 'modules': return [this.coreModules, MAX_WASM_MODULES];
      case 'components': return [this.components.length, MAX_WASM_COMPONENTS];
      case 'values': return [this.values.length, MAX_WASM_VALUES];
      case 'tables': return [this.coreTables, MAX_CORE_INDEX_SPACE_ITEMS];
      case 'memories': return [this.coreMemories, MAX_CORE_INDEX_SPACE_ITEMS];
      case 'globals': return [this.coreGlobals, MAX_CORE_INDEX_SPACE_ITEMS];
      case 'tags': return [this.coreTags, MAX_CORE_INDEX_SPACE_ITEMS];
      default: return unreachable(space);
    }
  }

  /** The id at `index` of the type index space. */
  typeAt(index: number): AnyTypeId {
    return at(this.types, index, 'type');
  }

  /** The id at `index` of the type index space, which must be of `kind`. */
  typeOfKind(alloc: TypeAlloc, index: number, kind: TypeInfo['kind'], what: string): AnyTypeId {
    const id = this.typeAt(index);
    const actual = alloc.info(id).kind;
    if (actual !== kind) {
      throw new ComponentTypeError('wrong-sort', `type index ${index} is not ${what} (it is ${describeKind(actual)})`);
    }
    return id;
  }

  /** The function type id at `index` of the function index space. */
  funcAt(index: number): AnyTypeId {
    return at(this.funcs, index, 'function');
  }

  /** The type of the value at `index` (values are not checked for single use). */
  valueAt(index: number): ValueType {
    return at(this.values, index, 'value');
  }

  /** The instance type id at `index` of the instance index space. */
  instanceAt(index: number): AnyTypeId {
    return at(this.instances, index, 'instance');
  }

  /** The component type id at `index` of the component index space. */
  componentAt(index: number): AnyTypeId {
    return at(this.components, index, 'component');
  }

  /** Whether the core type at `index` is a module type. */
  coreTypeAt(index: number): CoreTypeKind {
    return at(this.coreTypes, index, 'core type');
  }

  /** Checks `index` against a core index space that is only counted. */
  checkCore(index: number, count: number, space: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= count) throw outOfBounds(space, index, count);
  }
}

function at<T>(space: readonly T[], index: number, what: string): T {
  const item = Number.isInteger(index) ? space[index] : undefined;
  if (item === undefined) throw outOfBounds(what, index, space.length);
  return item;
}

function outOfBounds(space: string, index: number, count: number): ComponentTypeError {
  return new ComponentTypeError(
    'index-out-of-bounds',
    `unknown ${space} ${index}: ${space} index out of bounds (the ${space} index space has ${count} items)`,
  );
}

/** `a defined type`, `a resource type`, ... for messages. */
export function describeKind(kind: TypeInfo['kind']): string {
  switch (kind) {
    case 'defined': return 'a defined type';
    case 'func': return 'a function type';
    case 'instance': return 'an instance type';
    case 'component': return 'a component type';
    case 'resource': return 'a resource type';
    default: return unreachable(kind);
  }
}

/** The arena and the stack of enclosing states (innermost last) for outer aliases. */
export interface Context {
  readonly alloc: TypeAlloc;
  readonly stack: ComponentState[];
  /** Core modules and components met so far, the outermost component included. */
  binaries: number;
}

/** Counts one more core module or component (`MAX_WASM_MODULES_AND_COMPONENTS`). */
export function addBinary(ctx: Context): void {
  const message = countLimitMessage(ctx.binaries, 1, MAX_WASM_MODULES_AND_COMPONENTS, 'modules and components');
  if (message !== undefined) throw new ComponentTypeError('limit-exceeded', message);
  ctx.binaries++;
}

/** The innermost state. */
export function current(ctx: Context): ComponentState {
  const state = ctx.stack[ctx.stack.length - 1];
  if (state === undefined) throw new Error('internal: no component state');
  return state;
}
