/**
 * WIT types as TypeScript type text, in the conventions of jco and
 * componentize-js: numbers, `bigint` for 64-bit integers, typed arrays for
 * lists of numbers, `T | undefined` for an option (a tagged `Option<T>` when
 * the payload could itself be undefined), a tagged `Result<T, E>` wherever a
 * result is not the whole return value of a function.
 */
import type { Function, PrimitiveType, Resolve, Type, TypeDef } from '@weld/wit';
import { unreachable } from '@weld/wit';
import { BindgenError } from './errors.js';
import { pascalCase } from './naming.js';
import type { Unit, Units } from './units.js';

const primitives: Record<PrimitiveType, string> = {
  bool: 'boolean',
  u8: 'number', u16: 'number', u32: 'number', s8: 'number', s16: 'number', s32: 'number',
  f32: 'number', f64: 'number',
  u64: 'bigint', s64: 'bigint',
  char: 'string', string: 'string',
  // jco passes an error-context as its table index.
  'error-context': 'number',
};

const typedArrays: Partial<Record<PrimitiveType, string>> = {
  u8: 'Uint8Array', s8: 'Int8Array', u16: 'Uint16Array', s16: 'Int16Array', u32: 'Uint32Array', s32: 'Int32Array',
  u64: 'BigUint64Array', s64: 'BigInt64Array', f32: 'Float32Array', f64: 'Float64Array',
};

/** The TypeScript name of a named WIT type. */
export function typeName(def: TypeDef): string {
  return pascalCase(def.name ?? '');
}

/** Writes type text for one unit, noting the helper types it needs. */
export class TypeMapper {
  private readonly resolve: Resolve;

  constructor(private readonly units: Units, private readonly unit: Unit) {
    this.resolve = units.resolve;
  }

  /** `type` as a TypeScript type, naming defined types by reference. */
  type(type: Type): string {
    if (typeof type === 'string') return primitives[type];
    const def = this.resolve.types[type]!;
    if (def.name !== undefined) {
      return this.units.reference(this.unit, this.units.homeOf(type, this.unit.direction), typeName(def));
    }
    return this.structure(def);
  }

  /** An optional payload: `void` when absent. */
  private payload(type: Type | undefined): string {
    return type === undefined ? 'void' : this.type(type);
  }

  /** The type text of an anonymous type, or the right-hand side of a named alias. */
  structure(def: TypeDef): string {
    const kind = def.kind;
    switch (kind.kind) {
      case 'list':
      case 'fixed-length-list': {
        const element = kind.element;
        if (typeof element === 'string' && typedArrays[element] !== undefined) return typedArrays[element];
        return `Array<${this.type(element)}>`;
      }
      case 'option':
        if (this.isOption(kind.type)) {
          this.unit.helpers.add('Option');
          return `${this.unit.helperNames.Option}<${this.type(kind.type)}>`;
        }
        return `${this.type(kind.type)} | undefined`;
      case 'result':
        this.unit.helpers.add('Result');
        return `${this.unit.helperNames.Result}<${this.payload(kind.ok)}, ${this.payload(kind.err)}>`;
      case 'tuple':
        return `[${kind.types.map((t) => this.type(t)).join(', ')}]`;
      case 'handle':
        return this.type(kind.resource);
      case 'map':
        return `Map<${this.type(kind.key)}, ${this.type(kind.value)}>`;
      case 'future':
        return `PromiseLike<${this.payload(kind.type)}>`;
      case 'stream':
        return `AsyncIterable<${this.payload(kind.type)}>`;
      case 'type':
        return this.type(kind.type);
      case 'record': case 'variant': case 'enum': case 'flags': case 'resource': case 'unknown':
        throw new BindgenError({ kind: 'unsupported', what: `an anonymous ${kind.kind}` });
      default:
        return unreachable(kind);
    }
  }

  /** Whether `type` is written as the tagged `Option<T>`: an anonymous option whose payload may itself be `undefined`. */
  isTaggedOption(type: Type): boolean {
    if (typeof type === 'string') return false;
    const def = this.resolve.types[type]!;
    return def.name === undefined && def.kind.kind === 'option' && this.isOption(def.kind.type);
  }

  /** Whether values of `type` may be `undefined` in JS (an option, possibly behind aliases). */
  isOption(type: Type): boolean {
    if (typeof type === 'string') return false;
    const kind = this.resolve.types[type]!.kind;
    return kind.kind === 'option' || (kind.kind === 'type' && this.isOption(kind.type));
  }

  /** A function's result type as JS sees it: a `result` is unwrapped to its `ok` payload and its error thrown. */
  returnType(func: Function): { readonly type: string; readonly throws: string | undefined } {
    const result = func.result;
    let type: string;
    let throws: string | undefined;
    const def = result === undefined || typeof result === 'string' ? undefined : this.resolve.types[result]!;
    if (result === undefined) {
      type = 'void';
    } else if (def !== undefined && def.kind.kind === 'result') {
      type = this.payload(def.kind.ok);
      throws = this.payload(def.kind.err);
    } else {
      type = this.type(result);
    }
    const async = func.kind.kind === 'async-freestanding' || func.kind.kind === 'async-method' || func.kind.kind === 'async-static';
    return { type: async ? `Promise<${type}>` : type, throws };
  }
}
