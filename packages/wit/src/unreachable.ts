/**
 * Ends a `switch` over a kind-tagged union: a compile error when a case is
 * missing, and an error naming `what` and the value if one gets here at run
 * time anyway (a value cast past the types, or a model from a newer weld).
 * Every weld package uses this one rather than a copy of its own.
 */
export function unreachable(value: never, what?: string): never {
  throw new Error(`unreachable${what === undefined ? '' : ` ${what}`}: ${describe(value)}`);
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // A bigint or a cycle: still say something rather than throw from here.
    return String(value);
  }
}
