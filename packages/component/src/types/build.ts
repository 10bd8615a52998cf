/**
 * The section walk: feeds each section of a component, and of each nested
 * component, to the state it changes, then takes the component's type.
 */
import { unreachable } from '@weld/wit';
import { addAlias } from './alias.js';
import { TypeAlloc } from './arena.js';
import { addCoreType, addType } from './declare.js';
import { ComponentTypeError } from './errors.js';
import { addExport, addImport, exportToEntityType } from './externs.js';
import { finish } from './finish.js';
import { addInstance } from './instantiate.js';
import type { ComponentTypeInfo, ComponentTypes } from './model.js';
import { addBinary, ComponentState, type Context } from './state.js';
import type { CanonFunction } from '../model/canon.js';
import type { Component, Section } from '../model/component.js';

/**
 * The type view of `component`: every import and export with its type, in
 * one arena whose ids, alias chains and resource identities are those
 * wasmparser's validator assigns. Throws {@link ComponentTypeError} when an
 * index is out of range or of the wrong sort.
 */
export function componentTypes(component: Component): ComponentTypes {
  const ctx: Context = { alloc: new TypeAlloc(), stack: [], binaries: 1 };
  const state = new ComponentState('component');
  const type = walkComponent(ctx, state, component);
  return { arena: ctx.alloc.arena, imports: state.imports, exports: state.exports, component: type };
}

/** Errors whose message already names the section they arose in. */
const located = new WeakSet<ComponentTypeError>();

function walkComponent(ctx: Context, state: ComponentState, component: Component): ComponentTypeInfo {
  ctx.stack.push(state);
  try {
    component.sections.forEach((section, i) => {
      try {
        walkSection(ctx, state, section);
      } catch (e) {
        // Name the innermost section once; enclosing components pass it on.
        if (!(e instanceof ComponentTypeError) || located.has(e)) throw e;
        const at = new ComponentTypeError(e.kind, `${e.message} (in section ${i}, ${section.kind})`, e.offset);
        located.add(at);
        throw at;
      }
    });
  } finally {
    ctx.stack.pop();
  }
  return finish(ctx.alloc, state);
}

function walkSection(ctx: Context, state: ComponentState, section: Section): void {
  const { alloc } = ctx;
  switch (section.kind) {
    case 'core-module':
      state.checkRoom('modules');
      addBinary(ctx);
      state.coreModules++;
      return;
    case 'core-instance':
      for (const instance of section.instances) {
        if (instance.kind === 'instantiate') state.checkCore(instance.module, state.coreModules, 'module');
        state.checkRoom('instances');
        state.coreInstances++;
      }
      return;
    case 'core-type':
      for (const type of section.types) addCoreType(state, type);
      return;
    case 'component': {
      state.checkRoom('components');
      addBinary(ctx);
      const type = walkComponent(ctx, new ComponentState('component'), section.component);
      state.components.push(alloc.push({ kind: 'component', type }));
      return;
    }
    case 'instance':
      for (const instance of section.instances) addInstance(state, alloc, instance);
      return;
    case 'alias':
      for (const alias of section.aliases) addAlias(ctx, alias);
      return;
    case 'type':
      for (const type of section.types) addType(ctx, type);
      return;
    case 'canon':
      for (const func of section.functions) addCanon(state, ctx, func);
      return;
    case 'start': {
      const func = alloc.info(state.funcAt(section.func));
      for (const arg of section.args) state.valueAt(arg);
      if (func.kind === 'func' && func.type.result !== undefined) {
        state.checkRoom('values');
        state.values.push(func.type.result);
      }
      return;
    }
    case 'import':
      for (const imp of section.imports) addImport(state, alloc, imp.name, imp.type);
      return;
    case 'export':
      for (const exp of section.exports) addExport(state, alloc, exp.name, exportToEntityType(state, alloc, exp));
      return;
    case 'custom':
      return;
    default:
      return unreachable(section);
  }
}

/** `canon lift` adds a function of the type it names; every other built-in adds a core function. */
function addCanon(state: ComponentState, ctx: Context, func: CanonFunction): void {
  const { alloc } = ctx;
  state.checkRoom('functions');
  switch (func.kind) {
    case 'lift':
      state.checkCore(func.coreFunc, state.coreFuncs, 'core function');
      state.funcs.push(state.typeOfKind(alloc, func.type, 'func', 'a function type'));
      return;
    case 'lower':
      state.funcAt(func.func);
      break;
    case 'resource.new':
    case 'resource.drop':
    case 'resource.rep':
      state.typeOfKind(alloc, func.resource, 'resource', 'a resource type');
      break;
    default:
      break;
  }
  state.coreFuncs++;
}
