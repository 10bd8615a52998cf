/**
 * Error recovery for the WIT parser, which the language server needs: on a
 * syntax error the parser records it and skips ahead to where the next item
 * can start, instead of stopping at the first error as `wasm-tools` does.
 *
 * Guarantees:
 * - It terminates: each resynchronisation consumes at least the first token
 *   of the item that failed, and an item list at the end of the file ends.
 * - It is linear in the input: a resynchronisation scans forward once from
 *   the start of the failed item, never the same item twice.
 * - At most one error per resynchronisation point: an error is kept only if
 *   it starts after the last one kept, so the errors also come out in order.
 * - At most {@link MAX_ERRORS} errors: parsing stops at the cap.
 * - The first error is exactly the one the throwing parser reports: both
 *   parse the same way up to it.
 */
import type { Token } from '../lex/lex.js';
import type { Tokenizer } from '../lex/lex.js';
import type { WitError } from '../errors.js';
import { unreachable } from '../unreachable.js';

/** How many errors one file reports at most, counting scan errors and syntax errors apart. */
export const MAX_ERRORS = 100;

/** Where a list of items is: it decides which tokens start the next item. */
export type ItemList = 'file' | 'package' | 'interface' | 'world';

/** Unwinds the lists being parsed when the cap is reached; the file keeps the items it has. */
export class ErrorCapReached extends Error {
  override readonly name = 'ErrorCapReached';
}

const TOP_LEVEL: ReadonlySet<Token['kind']> = new Set(['interface', 'world', 'use', 'package']);
const TYPE_ITEMS = ['type', 'flags', 'enum', 'variant', 'resource', 'record', 'use'] as const;
const INTERFACE_ITEMS: ReadonlySet<Token['kind']> = new Set(TYPE_ITEMS);
const WORLD_ITEMS: ReadonlySet<Token['kind']> = new Set([...TYPE_ITEMS, 'import', 'export', 'include']);

/** The errors of one recovering parse, and how to go on after each. */
export class Recovery {
  /** The syntax errors kept, in order (scan errors are the tokenizer's). */
  readonly errors: WitError[] = [];
  readonly #max: number;
  #last = -Infinity;

  constructor(max: number) {
    this.#max = max;
  }

  /**
   * Records `error`, thrown while parsing the item that starts at `start`,
   * and moves `tokens` to where the next item of `list` can start: the
   * token after a `;`, or before an item keyword or the list's closing `}`,
   * the first one at the item's brace depth from where the error is.
   * False when the cap is reached: then parsing stops.
   */
  recover(error: WitError, start: Tokenizer, tokens: Tokenizer, list: ItemList): boolean {
    const scanned = tokens.scanErrorStart(error);
    const at = scanned ?? error.span?.start ?? -Infinity;
    if (at > this.#last) {
      this.#last = at;
      // A scan error is reported with the tokenizer's, once, wherever the parser met it.
      if (scanned === undefined) this.errors.push(error);
    }
    if (this.errors.length >= this.#max) return false;
    resync(start, tokens, at, list);
    return true;
  }
}

/** See {@link Recovery.recover}. */
function resync(start: Tokenizer, tokens: Tokenizer, at: number, list: ItemList): void {
  const ahead = start.clone();
  const before = start.clone();
  // The failed item's first token (unreadable text included) never restarts it, so every resynchronisation moves on.
  const first = start.nextStart() ?? Infinity;
  let braces = 0;
  let parens = 0;
  for (;;) {
    ahead.skipLenient();
    before.copyFrom(ahead);
    const token = ahead.nextLenient();
    if (token === undefined) break;
    if (token.start > first && token.start >= at && braces === 0) {
      if (token.kind === 'right-brace') {
        if (list === 'file') continue;
        ahead.copyFrom(before);
        break;
      }
      if (startsItem(list, token, ahead, parens)) {
        ahead.copyFrom(before);
        break;
      }
      if (token.kind === 'semicolon') break;
    }
    if (token.kind === 'left-brace') braces++;
    else if (token.kind === 'right-brace') braces = Math.max(0, braces - 1);
    else if (token.kind === 'left-paren') parens++;
    else if (token.kind === 'right-paren') parens = Math.max(0, parens - 1);
  }
  tokens.copyFrom(ahead);
}

/** Whether `token` (with `after` just past it) starts an item of `list`. */
function startsItem(list: ItemList, token: Token, after: Tokenizer, parens: number): boolean {
  switch (list) {
    case 'file':
    case 'package':
      return TOP_LEVEL.has(token.kind);
    case 'world':
      return WORLD_ITEMS.has(token.kind);
    case 'interface':
      if (INTERFACE_ITEMS.has(token.kind)) return true;
      // `name: func…`; inside parentheses `name:` is a parameter.
      return (token.kind === 'id' || token.kind === 'explicit-id') && parens === 0 && after.clone().nextLenient()?.kind === 'colon';
    default:
      return unreachable(list, 'item list');
  }
}

/**
 * A recovering parse's errors in order of position, capped: the scan errors
 * (each at its token's start) and the syntax errors merged, a scan error
 * first where both start at one offset (only the end of the file), since the
 * parser reaches it first.
 */
export function mergeErrors(scanned: readonly { readonly error: WitError; readonly start: number }[], syntax: readonly WitError[], max: number): WitError[] {
  const out: WitError[] = [];
  let i = 0;
  let j = 0;
  while (out.length < max && (i < scanned.length || j < syntax.length)) {
    const s = scanned[i];
    const e = syntax[j];
    if (s !== undefined && (e === undefined || s.start <= (e.span?.start ?? -Infinity))) {
      out.push(s.error);
      i++;
    } else {
      out.push(e!);
      j++;
    }
  }
  return out;
}
