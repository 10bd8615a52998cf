/**
 * Where each declaration goes. A unit is one scope that declares names: an
 * ambient module (guest) or a `.d.ts` file (host). Every WIT type lives in
 * the unit of its interface, seen from the side (import or export) of the
 * unit that mentions it, so that a resource a guest exports and the same
 * resource it imports stay two different classes.
 */
import type { InterfaceId, Resolve, TypeId } from '@weld/wit';
import { unreachable } from '@weld/wit';
import { BindgenError } from './errors.js';
import { pascalCase } from './naming.js';

/** Whether a unit describes something the component imports or exports. */
export type Direction = 'import' | 'export';

/** A helper type a unit declares when its declarations use it. */
export type Helper = 'Option' | 'Result';

/** One scope of declarations. */
export interface Unit {
  /** For a guest, the module specifier; for a host, the file path without `.d.ts`. */
  readonly name: string;
  readonly direction: Direction;
  /** Helper types the unit's declarations use, declared at its end. */
  readonly helpers: Set<Helper>;
  /** What each helper is called here: `Option`, unless a WIT type of the unit is (`record option`). */
  readonly helperNames: Readonly<Record<Helper, string>>;
}

/** A unit that declares `types` (keyed by WIT name, as an interface's or a world's own types). */
export function newUnit(name: string, direction: Direction, types: ReadonlyMap<string, TypeId> = new Map()): Unit {
  const taken = new Set([...types.keys()].map(pascalCase));
  const free = (helper: Helper): string => {
    let candidate: string = helper;
    for (let prefix = 'Wit'; taken.has(candidate); prefix = `${prefix}_`) candidate = `${prefix}${helper}`;
    return candidate;
  };
  return { name, direction, helpers: new Set(), helperNames: { Option: free('Option'), Result: free('Result') } };
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
      default:
        return unreachable(owner);
    }
  }

  /** The text that names `name`, declared in `to`, from inside `from`. */
  reference(from: Unit, to: Unit, name: string): string {
    return from === to ? name : this.crossReference(from, to, name);
  }
}
