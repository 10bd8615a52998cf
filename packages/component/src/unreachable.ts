/** Ends a `switch` over a kind-tagged union: a compile error when a case is missing. */
export function unreachable(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
