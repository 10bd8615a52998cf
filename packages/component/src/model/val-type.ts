/**
 * Value types: apart from `types.ts` because extern types and canon options
 * need them too, and `types.ts` needs extern types (a cycle otherwise).
 */

/** The built-in value types. */
export type PrimitiveValType =
  | 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64'
  | 'f32' | 'f64' | 'char' | 'string' | 'error-context';

/** A value type: a primitive by name, or a type index. */
export type ValType = PrimitiveValType | number;
