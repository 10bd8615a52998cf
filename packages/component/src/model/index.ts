/** The data model of the component binary format. */
export type * from './aliases.js';
export type * from './canon.js';
export type * from './component.js';
export type * from './core.js';
export type * from './custom.js';
export type * from './externs.js';
export type * from './instances.js';
export type * from './types.js';
export type * from './val-type.js';
