import type * as ast from '../parse/ast.js';
import { WitError } from '../errors.js';
import { unreachable } from '../unreachable.js';
import type { Stability } from '../model.js';
import type { Span } from '../source-map.js';

/** The stability that `@since`, `@unstable` and `@deprecated` give an item. */
export function stabilityOf(attrs: readonly ast.Attribute[]): Stability {
  let since: { version: string; span: Span } | undefined;
  let deprecated: { version: string; span: Span } | undefined;
  let unstable: string | undefined;
  for (const attr of attrs) {
    switch (attr.kind) {
      case 'since':
        if (since) throw new WitError('syntax', 'cannot specify @since twice', attr.span);
        since = { version: attr.version, span: attr.span };
        break;
      case 'deprecated':
        if (deprecated) throw new WitError('syntax', 'cannot specify @deprecated twice', attr.span);
        deprecated = { version: attr.version, span: attr.span };
        break;
      case 'unstable':
        if (unstable !== undefined) throw new WitError('syntax', 'cannot specify @unstable twice', attr.span);
        unstable = attr.feature.name;
        break;
      case 'external-id':
        break;
      default:
        unreachable(attr);
    }
  }
  if (since && unstable !== undefined) {
    throw new WitError('syntax', 'cannot specify both @since and @unstable', since.span);
  }
  if (since) return { kind: 'stable', since: since.version, deprecated: deprecated?.version };
  if (unstable !== undefined) return { kind: 'unstable', feature: unstable, deprecated: deprecated?.version };
  if (deprecated) {
    throw new WitError('syntax', 'cannot specify both @deprecated without @since or @unstable', deprecated.span);
  }
  return { kind: 'unknown' };
}

/** The `@external-id("…")` of an item, if any. */
export function externalIdOf(attrs: readonly ast.Attribute[]): string | undefined {
  let id: string | undefined;
  for (const attr of attrs) {
    if (attr.kind !== 'external-id') continue;
    if (id !== undefined) throw new WitError('syntax', 'cannot specify @external-id twice', attr.span);
    id = attr.id;
  }
  return id;
}
