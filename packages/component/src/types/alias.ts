/**
 * Aliases: of an instance's export (the item keeps the exact ids the
 * instance type gives it), of a core instance's export (counted only), and
 * of an enclosing component's items.
 */
import { unreachable } from '@weld/wit';
import { ComponentTypeError } from './errors.js';
import { addEntity } from './externs.js';
import type { ResourceId } from './model.js';
import { freeVariablesOfType } from './resources.js';
import { current, type ComponentState, type Context } from './state.js';
import type { Alias } from '../model/aliases.js';

/** Adds the item an alias names to its index space. */
export function addAlias(ctx: Context, alias: Alias): void {
  const state = current(ctx);
  switch (alias.kind) {
    case 'instance-export':
      return aliasInstanceExport(ctx, state, alias);
    case 'core-instance-export': {
      // Core export types are not tracked: the index is checked, the name is not.
      state.checkCore(alias.instance, state.coreInstances, 'core instance');
      const sort = alias.sort;
      switch (sort) {
        case 'func': case 'func-exact': state.checkRoom('functions'); state.coreFuncs++; return;
        case 'table': state.checkRoom('tables'); state.coreTables++; return;
        case 'memory': state.checkRoom('memories'); state.coreMemories++; return;
        case 'global': state.checkRoom('globals'); state.coreGlobals++; return;
        case 'tag': state.checkRoom('tags'); state.coreTags++; return;
        default: return unreachable(sort);
      }
    }
    case 'outer':
      return aliasOuter(ctx, state, alias);
    default:
      return unreachable(alias);
  }
}

function aliasInstanceExport(
  ctx: Context,
  state: ComponentState,
  alias: Extract<Alias, { readonly kind: 'instance-export' }>,
): void {
  const info = ctx.alloc.info(state.instanceAt(alias.instance));
  if (info.kind !== 'instance') throw new Error(`internal: instance ${alias.instance} has no instance type`);
  const item = info.type.exports.get(alias.name);
  if (item === undefined) {
    throw new ComponentTypeError('missing-export', `instance ${alias.instance} has no export named \`${alias.name}\``);
  }
  if (item.type.kind !== alias.sort) {
    throw new ComponentTypeError(
      'wrong-sort',
      `export \`${alias.name}\` of instance ${alias.instance} is a ${item.type.kind}, not a ${alias.sort}`,
    );
  }
  addEntity(state, ctx.alloc, item.type, undefined);
}

function aliasOuter(
  ctx: Context,
  state: ComponentState,
  alias: Extract<Alias, { readonly kind: 'outer' }>,
): void {
  const { stack } = ctx;
  const target = alias.count < stack.length ? stack[stack.length - 1 - alias.count] : undefined;
  if (target === undefined) {
    throw new ComponentTypeError(
      'invalid-outer-alias',
      `invalid outer alias count of ${alias.count}: only ${stack.length - 1} enclosing components or types`,
    );
  }
  switch (alias.sort) {
    case 'module':
      target.checkCore(alias.index, target.coreModules, 'module');
      state.checkRoom('modules');
      state.coreModules++;
      return;
    case 'core-type':
      state.checkRoom('types');
      state.coreTypes.push(target.coreTypeAt(alias.index));
      return;
    case 'component':
      state.checkRoom('components');
      state.components.push(target.componentAt(alias.index));
      return;
    case 'type': {
      const id = target.typeAt(alias.index);
      // An alias that crosses into a component may not bring resources of
      // the enclosing component with it.
      const entered = stack[stack.length - alias.count];
      if (alias.count > 0 && entered !== undefined && entered.kind === 'component') {
        const free = new Set<ResourceId>();
        freeVariablesOfType(ctx.alloc, id, free);
        if (free.size > 0) {
          throw new ComponentTypeError(
            'invalid-resource',
            `cannot alias outer type ${alias.index} which transitively refers to resources not defined in the current component`,
          );
        }
      }
      state.checkRoom('types');
      state.types.push(id);
      return;
    }
    default:
      return unreachable(alias.sort);
  }
}
