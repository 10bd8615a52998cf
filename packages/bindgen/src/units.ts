/**
 * Where each declaration goes. A unit is one scope that declares names: an
 * ambient module (guest) or a `.d.ts` file (host). Every WIT type lives in
 * the unit of its interface, seen from the side (import or export) of the
 * unit that mentions it, so that a resource a guest exports and the same
 * resource it imports stay two different classes.
 */
import type { InterfaceId, Resolve, TypeId } from '@weld/wit';
import { BindgenError } from './errors.js';

/** Whether a unit describes something the component imports or exports. */
export type Direction = 'import' | 'export';

/** One scope of declarations. */
export interface Unit {
  /** For a guest, the module specifier; for a host, the file path without `.d.ts`. */
  readonly name: string;
  readonly direction: Direction;
  /** Helper types the unit's declarations use, declared at its end. */
  readonly helpers: Set<'Option' | 'Result'>;
}

/** The units of one world and how they refer to each other. */
export class Units {
  readonly imports = new Map<InterfaceId, Unit>();
  readonly exports = new Map<InterfaceId, Unit>();

  constructor(
    readonly resolve: Resolve,
    readonly world: Unit,
    /** How `from` names `name` declared in `to`. */
    private readonly crossReference: (from: Unit, to: Unit, name: string) => string,
  ) {}

  /** The unit that declares type `id`, as seen from a unit facing `direction`. */
  homeOf(id: TypeId, direction: Direction): Unit {
    const owner = this.resolve.types[id]!.owner;
    switch (owner.kind) {
      case 'world':
        return this.world;
      case 'interface': {
        const unit = direction === 'export'
          ? this.exports.get(owner.id) ?? this.imports.get(owner.id)
          : this.imports.get(owner.id) ?? this.exports.get(owner.id);
        if (unit === undefined) throw new BindgenError({ kind: 'unsupported', what: `a type of an interface outside the world (type ${id})` });
        return unit;
      }
      case 'none':
        throw new BindgenError({ kind: 'unsupported', what: `a named type without an owner (type ${id})` });
      default: {
        const never: never = owner;
        return never;
      }
    }
  }

  /** The text that names `name`, declared in `to`, from inside `from`. */
  reference(from: Unit, to: Unit, name: string): string {
    return from === to ? name : this.crossReference(from, to, name);
  }
}
