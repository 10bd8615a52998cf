/** User input in messages: quoted, and cut short, so a 100 KB name or pattern does not become a 100 KB message. */

/** The most characters of user input a message shows. */
export const QUOTE_LIMIT = 80;

/** `'text'`, or `'the start…' (N characters)` when it is longer than `limit`. */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) return `'${text}'`;
  return `'${text.slice(0, limit)}…' (${text.length.toLocaleString('en-US')} characters)`;
}

/** A name as it is when short, else {@link quote}d and cut short. */
export function shown(text: string): string {
  return text.length > QUOTE_LIMIT ? quote(text) : text;
}

/** The most names a list in a message shows. */
export const LIST_LIMIT = 20;

/** `a, b, c`, or the first {@link LIST_LIMIT} and `… and N more`; `(none)` when empty. */
export function shortList(names: readonly string[], limit = LIST_LIMIT): string {
  if (names.length === 0) return '(none)';
  const listed = names.slice(0, limit).map(shown).join(', ');
  return names.length > limit ? `${listed}, … and ${(names.length - limit).toLocaleString('en-US')} more` : listed;
}
