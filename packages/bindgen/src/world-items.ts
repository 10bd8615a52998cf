/**
 * A world's imports or exports as the JS side names them: interfaces by
 * their qualified name (or inline key) and JS name, functions, and the
 * world's own types.
 */
import type { Function, InterfaceId, Resolve, TypeId, World } from '@weld/wit';
import { unreachable } from '@weld/wit';
import { camelCase } from './naming.js';
import { qualifiedInterfaceName } from './select-world.js';

/** One import or export of a world. */
export type WorldItemView =
  | {
      readonly kind: 'interface';
      readonly id: InterfaceId;
      /** `ns:pkg/iface@1.0.0`, or the key of an inline interface. */
      readonly key: string;
      /** Whether the interface is named (`key` is qualified) rather than inline. */
      readonly named: boolean;
      /** The name of the ESM export (camelCase of the interface or key name). */
      readonly jsName: string;
    }
  | { readonly kind: 'function'; readonly key: string; readonly function: Function }
  | { readonly kind: 'type'; readonly key: string; readonly id: TypeId };

/** The imports or exports of `world`, in the world's order. */
export function worldItems(resolve: Resolve, world: World, side: 'imports' | 'exports'): WorldItemView[] {
  const items = [...world[side].values()].map((entry): WorldItemView => {
    const item = entry.item;
    const keyName = entry.key.kind === 'name' ? entry.key.name : undefined;
    switch (item.kind) {
      case 'interface': {
        const qualified = qualifiedInterfaceName(resolve, item.id);
        const key = keyName ?? qualified ?? `interface-${item.id}`;
        const local = keyName ?? resolve.interfaces[item.id]!.name ?? key;
        return { kind: 'interface', id: item.id, key, named: keyName === undefined, jsName: camelCase(local) };
      }
      case 'function':
        return { kind: 'function', key: keyName ?? item.function.name, function: item.function };
      case 'type':
        return { kind: 'type', key: keyName ?? '', id: item.id };
      default:
        return unreachable(item);
    }
  });
  // Two interfaces with one local name (`wasi:cli/types`, `wasi:clocks/types`) cannot
  // share an ESM export name: those are exported under their full names instead.
  const counts = new Map<string, number>();
  for (const item of items) if (item.kind === 'interface') counts.set(item.jsName, (counts.get(item.jsName) ?? 0) + 1);
  return items.map((item) => (item.kind === 'interface' && counts.get(item.jsName)! > 1 ? { ...item, jsName: item.key } : item));
}

/**
 * The world's own types and the functions of its own resources (`resource r
 * { constructor(); … }` declared in the world), which are world imports named
 * `[constructor]r`, `[method]r.m`: they belong to the class `R` declared with
 * the world's types, not to functions of their own.
 */
export function worldOwnDeclarations(imports: readonly WorldItemView[]): {
  readonly types: Map<string, TypeId>;
  readonly resourceFunctions: Map<string, Function>;
} {
  const types = new Map<string, TypeId>();
  const resourceFunctions = new Map<string, Function>();
  for (const item of imports) {
    if (item.kind === 'type') types.set(item.key, item.id);
    else if (item.kind === 'function' && 'resource' in item.function.kind) resourceFunctions.set(item.key, item.function);
  }
  return { types, resourceFunctions };
}

/** File stems for interfaces, unique within one output: `wasi-cli-stdout`, with the version added on a clash. */
export class Stems {
  private readonly taken = new Set<string>();

  /** A fresh stem for `key` (`ns:pkg/iface@1.0.0` or an inline name). */
  take(key: string): string {
    const base = key.replace(/@.*$/u, '').replace(/[^A-Za-z0-9-]+/gu, '-');
    let stem = base;
    const version = /@(.*)$/u.exec(key)?.[1];
    if (this.taken.has(stem) && version !== undefined) stem = `${base}-${version.replace(/[^A-Za-z0-9]+/gu, '-')}`;
    for (let n = 2; this.taken.has(stem); n++) stem = `${base}-${n}`;
    this.taken.add(stem);
    return stem;
  }
}
