/**
 * The limits wasmparser's validator puts on one component
 * (crates/wasmparser/src/limits.rs of wasm-tools), which the result must
 * stay within: `wasm-tools validate` rejects a component over any of them.
 * (@weld/component may export the same constants; these are the ones the
 * composer's own check needs, named as in limits.rs.)
 */
import { ComposeError } from '../api.js';
import type { SectionList } from './sections.js';

/** Component and core instances in one component's index space. */
export const MAX_WASM_INSTANCES = 1_000;
/** Nested components (embedded or aliased) in one component. */
export const MAX_WASM_COMPONENTS = 1_000;
/** Core modules in one component. */
export const MAX_WASM_MODULES = 1_000;
/** Values in one component. */
export const MAX_WASM_VALUES = 1_000;
/** Types (core and component) in one component. */
export const MAX_WASM_TYPES = 1_000_000;
/** Functions (core and component) in one component. */
export const MAX_WASM_FUNCTIONS = 1_000_000;
/** Exports of one component. */
export const MAX_WASM_EXPORTS = 1_000_000;
/** Declarations in one instance type. */
export const MAX_WASM_INSTANCE_TYPE_DECLS = 1_000_000;
/** Arguments of one instantiation. */
export const MAX_WASM_INSTANTIATION_ARGS = 100_000;
/** Bytes of one name (import, export, custom section names). */
export const MAX_WASM_STRING_SIZE = 100_000;

const per = { instance: 'instances', component: 'components', module: 'core modules', value: 'values', type: 'types', func: 'functions' } as const;
const maxOf = {
  instance: MAX_WASM_INSTANCES, component: MAX_WASM_COMPONENTS, module: MAX_WASM_MODULES, value: MAX_WASM_VALUES,
  type: MAX_WASM_TYPES, func: MAX_WASM_FUNCTIONS,
} as const;

const n = (count: number): string => count.toLocaleString('en-US');

function tooLarge(what: string, count: number, max: number, hint: string): ComposeError {
  return new ComposeError('too-large', `the composed component would have ${n(count)} ${what}; the validator allows at most ${n(max)}`, [hint]);
}

const utf8 = new TextEncoder();

/** Checks the result's sections against the validator's limits; one over is `ComposeError('too-large')`. */
export function checkLimits(sections: SectionList): void {
  for (const sort of ['instance', 'component', 'module', 'value', 'type', 'func'] as const) {
    const count = sections.counts[sort];
    if (count > maxOf[sort]) {
      throw tooLarge(per[sort], count, maxOf[sort], sort === 'instance'
        ? 'each instance, imported instance and aliased instance export counts; split the composition into smaller ones and compose those'
        : 'split the composition into smaller ones and compose those');
    }
  }
  let exports = 0;
  const checkName = (name: string, where: string): void => {
    // A UTF-8 byte count is at least the string's length in UTF-16 units over 3.
    if (name.length * 3 <= MAX_WASM_STRING_SIZE) return;
    const size = utf8.encode(name).length;
    if (size > MAX_WASM_STRING_SIZE) {
      throw new ComposeError('too-large', `${where} has a name of ${n(size)} bytes; the validator allows at most ${n(MAX_WASM_STRING_SIZE)}`, [
        `the name starts ${JSON.stringify(name.slice(0, 60))}`,
      ]);
    }
  };
  for (const section of sections.sections) {
    switch (section.kind) {
      case 'export':
        exports += section.exports.length;
        for (const e of section.exports) checkName(e.name.name, 'an export');
        break;
      case 'import':
        for (const i of section.imports) checkName(i.name.name, 'an import');
        break;
      case 'instance':
        for (const inst of section.instances) {
          if (inst.kind === 'instantiate' && inst.args.length > MAX_WASM_INSTANTIATION_ARGS) {
            throw tooLarge('arguments in one instantiation', inst.args.length, MAX_WASM_INSTANTIATION_ARGS, 'give the component fewer imports');
          }
        }
        break;
      case 'type':
        for (const t of section.types) {
          if (t.kind === 'instance' && t.decls.length > MAX_WASM_INSTANCE_TYPE_DECLS) {
            throw tooLarge('declarations in one imported instance type', t.decls.length, MAX_WASM_INSTANCE_TYPE_DECLS, 'import fewer types');
          }
        }
        break;
      default:
        break;
    }
  }
  if (exports > MAX_WASM_EXPORTS) throw tooLarge('exports', exports, MAX_WASM_EXPORTS, 'export fewer items');
}

/** The effective size of one type (wasmparser's `TypeInfo`), including a component's own type: it must stay below this. */
export const MAX_WASM_TYPE_SIZE = 1_000_000;

/** Checks the effective size of the result's type; at or over the limit is `ComposeError('too-large')`. */
export function checkTypeSize(size: number): void {
  if (size < MAX_WASM_TYPE_SIZE) return;
  throw new ComposeError(
    'too-large',
    `the composed component's type would have an effective size of ${size >= MAX_WASM_TYPE_SIZE * 2 ? 'over ' : ''}${n(Math.min(size, MAX_WASM_TYPE_SIZE * 2))}; the validator allows less than ${n(MAX_WASM_TYPE_SIZE)}`,
    ['each import and export counts the size of its whole type; export fewer interfaces, or split the composition'],
  );
}
