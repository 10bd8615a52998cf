/** A syntax tree without its spans, to compare trees of different texts. */
export function withoutSpans(tree: unknown): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'span' ? undefined : value)));
}
