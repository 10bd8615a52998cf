/**
 * The one error type of `@weld/bindgen`: the input WIT cannot be turned into
 * bindings (no such world, several worlds and none chosen, a type jco cannot
 * represent). The CLI renders it.
 */

import { unreachable } from '@weld/wit';

/** What went wrong, with the data a hint needs. */
export type BindgenErrorKind =
  | { readonly kind: 'world-not-found'; readonly requested: string; readonly known: readonly string[] }
  | { readonly kind: 'world-ambiguous'; readonly known: readonly string[] }
  | { readonly kind: 'no-world'; readonly package: string }
  | { readonly kind: 'unsupported'; readonly what: string };

/** Why bindings cannot be generated. */
export class BindgenError extends Error {
  override readonly name = 'BindgenError';

  constructor(readonly detail: BindgenErrorKind) {
    super(message(detail));
  }
}

function message(detail: BindgenErrorKind): string {
  switch (detail.kind) {
    case 'world-not-found':
      return `no world named '${detail.requested}'; known worlds: ${detail.known.join(', ') || '(none)'}`;
    case 'world-ambiguous':
      return `the package has several worlds; choose one with --world: ${detail.known.join(', ')}`;
    case 'no-world':
      return `package ${detail.package} has no world; write one that imports or exports what you need`;
    case 'unsupported':
      return `cannot generate TypeScript for ${detail.what}`;
    default:
      return unreachable(detail);
  }
}
