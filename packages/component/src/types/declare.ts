/**
 * Type definitions: defined value types, function types, component and
 * instance types (walked in a state of their own), and resources
 * (`add_type`, `create_*_type`).
 */
import { unreachable } from '@weld/wit';
import { addAlias } from './alias.js';
import type { TypeAlloc } from './arena.js';
import { ComponentTypeError } from './errors.js';
import { countLimitMessage, MAX_WASM_FIXED_LENGTH_LIST_ELEMENTS } from '../limits.js';
import { addExport, addImport, checkTypeRef, valueType } from './externs.js';
import { finish } from './finish.js';
import { valueHolds } from './resources.js';
import type { AnyTypeId, DefinedTypeInfo, FuncTypeInfo, ValueType } from './model.js';
import { ComponentState, current, type Context, type StateKind } from './state.js';
import type { CoreType } from '../model/core.js';
import type {
  ComponentType, ComponentTypeDecl, DefinedType, FuncType, InstanceTypeDecl,
} from '../model/types.js';
import type { PrimitiveValType, ValType } from '../model/val-type.js';

/** Adds one entry of a type section (or a `type` declaration) to the type index space. */
export function addType(ctx: Context, type: ComponentType): void {
  const state = current(ctx);
  const id = createType(ctx, state, type);
  state.checkRoom('types');
  state.types.push(id);
}

function createType(ctx: Context, state: ComponentState, type: ComponentType): AnyTypeId {
  const { alloc } = ctx;
  switch (type.kind) {
    case 'func':
      return alloc.push({ kind: 'func', type: createFunctionType(state, alloc, type) });
    case 'component':
      return alloc.push({ kind: 'component', type: finish(alloc, walkDecls(ctx, 'component-type', type.decls)) });
    case 'instance': {
      const inner = walkDecls(ctx, 'instance-type', type.decls);
      return alloc.push({
        kind: 'instance',
        type: { exports: inner.exports, definedResources: [...inner.definedResources] },
      });
    }
    case 'resource': {
      if (state.kind !== 'component') {
        throw new ComponentTypeError('invalid-resource', 'resources can only be defined within a concrete component');
      }
      const id = alloc.allocResource();
      state.definedResources.add(alloc.resourceOf(id));
      return id;
    }
    default:
      return alloc.push({ kind: 'defined', type: createDefinedType(state, alloc, type) });
  }
}

/** Adds one entry of a core type section: a rec group adds one index per type. */
export function addCoreType(state: ComponentState, type: CoreType): void {
  switch (type.kind) {
    case 'rec':
      for (let i = 0; i < type.group.types.length; i++) {
        state.checkRoom('types');
        state.coreTypes.push('sub');
      }
      return;
    case 'module':
      state.checkRoom('types');
      state.coreTypes.push('module');
      return;
    default:
      return unreachable(type);
  }
}

/** Walks the declarations of a component or instance type in a new state. */
function walkDecls(ctx: Context, kind: StateKind, decls: readonly (ComponentTypeDecl | InstanceTypeDecl)[]): ComponentState {
  const state = new ComponentState(kind);
  ctx.stack.push(state);
  try {
    for (const decl of decls) {
      switch (decl.kind) {
        case 'core-type':
          addCoreType(state, decl.type);
          break;
        case 'type':
          addType(ctx, decl.type);
          break;
        case 'alias':
          addAlias(ctx, decl.alias);
          break;
        case 'export':
          addExport(state, ctx.alloc, decl.name, checkTypeRef(state, ctx.alloc, decl.type));
          break;
        case 'import':
          addImport(state, ctx.alloc, decl.name, decl.type);
          break;
        default:
          unreachable(decl);
      }
    }
  } finally {
    ctx.stack.pop();
  }
  return state;
}

/** A function type with its value types resolved. */
export function createFunctionType(state: ComponentState, alloc: TypeAlloc, type: FuncType): FuncTypeInfo {
  return {
    async: type.async,
    params: type.params.map((p) => ({ name: p.name, type: valueType(state, alloc, p.type) })),
    result: type.result === undefined ? undefined : valueType(state, alloc, type.result),
  };
}

/** The primitive a value type is, directly or as a defined `primitive` type; undefined for any other type. */
function primitiveOf(alloc: TypeAlloc, type: ValueType): PrimitiveValType | undefined {
  if (typeof type !== 'number') return type;
  const info = alloc.info(type);
  return info.kind === 'defined' && info.type.kind === 'primitive' ? info.type.type : undefined;
}

/** A defined type with its value types and resources resolved. */
export function createDefinedType(state: ComponentState, alloc: TypeAlloc, type: DefinedType): DefinedTypeInfo {
  const v = (t: ValType): ValueType => valueType(state, alloc, t);
  const ov = (t: ValType | undefined): ValueType | undefined => (t === undefined ? undefined : v(t));
  switch (type.kind) {
    case 'primitive': return type;
    case 'record': return { kind: 'record', fields: type.fields.map((f) => ({ name: f.name, type: v(f.type) })) };
    case 'variant': return { kind: 'variant', cases: type.cases.map((c) => ({ name: c.name, type: ov(c.type) })) };
    case 'list': return { kind: 'list', element: v(type.element) };
    case 'fixed-size-list': {
      // wasmparser's checks, in its order, before the element type is looked at.
      if (type.length < 1) throw new ComponentTypeError('limit-exceeded', 'Fixed-length lists must have more than zero elements');
      const message = countLimitMessage(0, type.length, MAX_WASM_FIXED_LENGTH_LIST_ELEMENTS, 'fixed-length list element');
      if (message !== undefined) throw new ComponentTypeError('limit-exceeded', message);
      return { kind: 'fixed-size-list', element: v(type.element), length: type.length };
    }
    case 'map': {
      // wasmparser's rules: a key of the `<keytype>` primitives; a value that needs no disposing,
      // since bindings may drop the values of duplicate keys.
      const key = v(type.key);
      const keyPrimitive = primitiveOf(alloc, key);
      if (keyPrimitive === undefined || keyPrimitive === 'f32' || keyPrimitive === 'f64' || keyPrimitive === 'error-context') {
        throw new ComponentTypeError('wrong-sort', 'invalid map key type');
      }
      const value = v(type.value);
      if (valueHolds(alloc, value, 'handle')) throw new ComponentTypeError('invalid-resource', 'map value type cannot contain a handle');
      return { kind: 'map', key, value };
    }
    case 'tuple': return { kind: 'tuple', types: type.types.map(v) };
    case 'flags': return { kind: 'flags', names: type.names };
    case 'enum': return { kind: 'enum', names: type.names };
    case 'option': return { kind: 'option', type: v(type.type) };
    case 'result': return { kind: 'result', ok: ov(type.ok), err: ov(type.err) };
    case 'own':
    case 'borrow':
      return { kind: type.kind, resource: state.typeOfKind(alloc, type.resource, 'resource', 'a resource type') };
    case 'future': case 'stream': {
      // wasmparser's rules for payloads, in its order.
      const payload = ov(type.type);
      if (type.kind === 'stream' && payload !== undefined && primitiveOf(alloc, payload) === 'char') {
        throw new ComponentTypeError('wrong-sort', '`stream<char>` is not valid at this time, use `stream<u8>` with a defined by encoding instead for now');
      }
      if (payload !== undefined && valueHolds(alloc, payload, 'borrow')) {
        throw new ComponentTypeError('invalid-resource', `\`${type.kind}\` payload cannot contain a \`borrow\` type`);
      }
      return type.kind === 'future' ? { kind: 'future', type: payload } : { kind: 'stream', type: payload };
    }
    default:
      return unreachable(type);
  }
}
