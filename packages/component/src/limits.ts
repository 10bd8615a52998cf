/**
 * The implementation limits weld enforces on components, with wasmparser's
 * names, numbers and message texts (crates/wasmparser/src/limits.rs and
 * `check_max` in validator.rs of wasmparser 0.263.0, the one wasm-tools
 * 1.263.0 is built with), so that weld rejects exactly
 * the inputs wasm-tools rejects, with the same words. They also bound every
 * walk over a component's types: a type nests at most
 * {@link MAX_WASM_COMPONENT_TYPE_DEPTH} deep, and no type is bigger than
 * {@link MAX_WASM_TYPE_SIZE} nodes once its shared parts are counted as often
 * as they occur.
 */

/** Core and component types of one index space (core types count too). */
export const MAX_WASM_TYPES = 1_000_000;
/** Core and component functions of one index space. */
export const MAX_WASM_FUNCTIONS = 1_000_000;
/** Exports of one component (and of one core module). */
export const MAX_WASM_EXPORTS = 1_000_000;
/** Imports of one core module. */
export const MAX_WASM_IMPORTS = 1_000_000;
/** Supertypes of one core sub type. */
export const MAX_WASM_SUPERTYPES = 5;
/** Fields of one core struct type. */
export const MAX_WASM_STRUCT_FIELDS = 10_000;
/** Strings (names) in bytes. */
export const MAX_WASM_STRING_SIZE = 100_000;
/** Parameters of one function type. */
export const MAX_WASM_FUNCTION_PARAMS = 1000;
/** Results of one core function type and of a start function. */
export const MAX_WASM_FUNCTION_RETURNS = 1000;
/**
 * The effective size of one type: each type counts 1 plus the sizes of the
 * types it contains, a shared type once per occurrence (wasmparser's
 * `TypeInfo::size`). A type reaches the limit when its size is not below it.
 */
export const MAX_WASM_TYPE_SIZE = 1_000_000;

/** Declarations of one core module type. */
export const MAX_WASM_MODULE_TYPE_DECLS = 100_000;
/** Declarations of one component type. */
export const MAX_WASM_COMPONENT_TYPE_DECLS = 1_000_000;
/** Declarations of one instance type. */
export const MAX_WASM_INSTANCE_TYPE_DECLS = 1_000_000;
/** Fields of one record type. */
export const MAX_WASM_RECORD_FIELDS = 10_000;
/** Cases of one variant type. */
export const MAX_WASM_VARIANT_CASES = 10_000;
/** Types of one tuple type. */
export const MAX_WASM_TUPLE_TYPES = 10_000;
/** Names of one flags type. */
export const MAX_WASM_FLAG_NAMES = 1_000;
/** Cases of one enum type. */
export const MAX_WASM_ENUM_CASES = 10_000;
/**
 * How deep a type nests: a primitive or resource has depth 1, any other type
 * (defined, function, instance, component, and a component's own imports
 * and exports) one more than its deepest part, so `list<list<u8>>` has depth
 * 3 and an instance type exporting an instance of one that exports it has 3
 * too. The decoder also lets component and instance types nest in one
 * another at most this deep.
 */
export const MAX_WASM_COMPONENT_TYPE_DEPTH = 100;
/** Elements of a fixed-length list (`list<T, N>`); N is at least 1 too. */
export const MAX_WASM_FIXED_LENGTH_LIST_ELEMENTS = 1_073_741_824;
/** Exports of one instance made from exports. */
export const MAX_WASM_INSTANTIATION_EXPORTS = 100_000;
/** Options of one canonical function. */
export const MAX_WASM_CANONICAL_OPTIONS = 10;
/** Arguments of one instantiation (core or component). */
export const MAX_WASM_INSTANTIATION_ARGS = 100_000;
/** Arguments of the start function. */
export const MAX_WASM_START_ARGS = 1000;
/** Core modules of one component's index space. */
export const MAX_WASM_MODULES = 1_000;
/** Components of one component's index space. */
export const MAX_WASM_COMPONENTS = 1_000;
/** Core and component instances of one component's index space. */
export const MAX_WASM_INSTANCES = 4_096;
/** Core modules and components in one binary, nested ones and the binary itself included. */
export const MAX_WASM_MODULES_AND_COMPONENTS = 1000;
/** Values of one component's index space. */
export const MAX_WASM_VALUES = 1_000;
/** Core tables, memories, globals or tags aliased into one component (each its own count). */
export const MAX_CORE_INDEX_SPACE_ITEMS = 1_000_000;


/**
 * wasmparser's `check_max` message when `count` items already in an index
 * space plus `added` more would pass `max`, or `undefined` when they fit.
 * `desc` is the plural wasmparser uses: `types`, `exports`, `instances`, ...
 */
export function countLimitMessage(count: number, added: number, max: number, desc: string): string | undefined {
  if (count + added <= max) return undefined;
  return max === 1 ? `multiple ${desc}` : `${desc} count exceeds limit of ${max}`;
}

/** wasmparser's message for a type whose effective size reaches {@link MAX_WASM_TYPE_SIZE}. */
export const TYPE_SIZE_MESSAGE = `effective type size exceeds the limit of ${MAX_WASM_TYPE_SIZE}`;

/** wasmparser's message for a type deeper than {@link MAX_WASM_COMPONENT_TYPE_DEPTH}. */
export const TYPE_DEPTH_MESSAGE = 'type nesting is too deep';

/** wasmparser's message for a vector whose count passes its limit (`read_size`). */
export function sizeLimitMessage(desc: string): string {
  return `${desc} size is out of bounds`;
}
