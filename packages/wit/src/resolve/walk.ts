/**
 * Depth-first walks with an explicit stack: chains of `use`, of deps/
 * packages or of interfaces are as long as a stranger makes them, longer
 * than the call stack.
 */

/**
 * What {@link depthFirst}'s `enter` says about a node: walk these children
 * (then leave the node), skip the node (`true`), or stop the whole walk
 * (`false`).
 */
export type Enter<T> = Iterable<T> | boolean;

/**
 * Walks from `root` as a recursive post-order would: `enter(node)` when the
 * walk reaches a node (children are reached one at a time, after the
 * previous child was left, so `enter` sees what earlier siblings did), then
 * `leave(node)` once its children are done. Returns false when `enter` or
 * `leave` stopped the walk by returning false, else true.
 */
export function depthFirst<T>(root: T, enter: (node: T) => Enter<T>, leave: (node: T) => boolean | void): boolean {
  const stack: { readonly node: T; readonly children: Iterator<T> }[] = [];
  const reach = (node: T): boolean => {
    const entered = enter(node);
    if (typeof entered !== 'boolean') stack.push({ node, children: entered[Symbol.iterator]() });
    return entered !== false;
  };
  if (!reach(root)) return false;
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const next = top.children.next();
    if (next.done !== true) {
      if (!reach(next.value)) return false;
      continue;
    }
    stack.pop();
    if (leave(top.node) === false) return false;
  }
  return true;
}
