/**
 * The type view of a component: `componentTypes` computes what every import,
 * export and index refers to, with wasmparser's type ids, alias chains and
 * resource identities; `peelAlias` and `typeInfo` read the arena.
 */
export type * from './model.js';
export { componentTypes } from './build.js';
export { peelAlias, typeInfo } from './arena.js';
export { ComponentTypeError } from './errors.js';
export type { ComponentTypeErrorKind } from './errors.js';
