/**
 * The type of a walked component or component type (wasmparser's
 * `ComponentState::finish`): its imports and exports, the resources its
 * imports introduce, and the defined resources its exports reveal.
 */
import type { TypeAlloc } from './arena.js';
import { ComponentTypeError } from './errors.js';
import type { ComponentTypeInfo, ResourceId } from './model.js';
import { explicitResourcePaths, freeVariablesOfEntity } from './resources.js';
import type { ComponentState } from './state.js';

/** The type of `state`'s component; throws if a defined resource leaks into imports or is exported unnamed. */
export function finish(alloc: TypeAlloc, state: ComponentState): ComponentTypeInfo {
  const free = new Set<ResourceId>();
  for (const item of state.imports.values()) freeVariablesOfEntity(alloc, item.type, free);
  for (const resource of state.definedResources) {
    if (free.has(resource)) throw new ComponentTypeError('invalid-resource', 'local resource type found in imports');
  }

  // Only the defined resources the exports mention are part of the type,
  // each with the path where it is exported by name.
  free.clear();
  for (const item of state.exports.values()) freeVariablesOfEntity(alloc, item.type, free);
  const defined = [...state.definedResources].filter((r) => free.has(r));
  const paths = explicitResourcePaths(alloc, state.exports, defined);
  const definedResources = defined.map((resource): readonly [ResourceId, readonly number[]] => {
    const path = paths.get(resource);
    if (path === undefined) {
      throw new ComponentTypeError('invalid-resource', 'local resource type found in export but not exported itself');
    }
    return [resource, path];
  });

  return {
    imports: new Map(state.imports),
    exports: new Map(state.exports),
    importedResources: [...state.importedResources],
    definedResources,
  };
}
