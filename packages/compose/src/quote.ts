/** User input in messages: quoted, and cut short, so a 100 KB name or pattern does not become a 100 KB message. */

/** The most characters of user input a message shows. */
export const QUOTE_LIMIT = 80;

/** `'text'`, or `'the start…' (N characters)` when it is longer than `limit`. */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) return `'${text}'`;
  return `'${text.slice(0, limit)}…' (${text.length.toLocaleString('en-US')} characters)`;
}
