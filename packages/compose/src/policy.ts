/**
 * The capability policy: which imports a composition may leave for the host
 * to fill. Patterns are globs on import names in which `*` matches any run of
 * characters (`wasi:sockets/*`, `wasi:*`, `wasi:http/*@0.2.*`); a pattern
 * matches an import when it matches the full name or the name without its
 * version. For each remaining import of the result:
 *   1. it is allowed when some `allow` pattern matches it;
 *   2. else it is denied when some `deny` pattern matches it;
 *   3. else, when there are `allow` patterns and no `deny` patterns (an
 *      allow list on its own), it is denied for not being allowed;
 *   4. else it is allowed.
 * So `deny: [wasi:sockets/*]` denies sockets only, `allow: [wasi:cli/*]`
 * allows nothing but wasi:cli, and `deny: [wasi:*], allow: [wasi:cli/*]`
 * denies WASI except wasi:cli.
 */
import { ComposeError, type Composition } from './api.js';
import { labelOf } from './graph/builder.js';
import { quote } from './quote.js';
import { unversioned } from './semver.js';

/** Glob patterns on import names; see the module comment for how they combine. */
export interface CapabilityPolicy {
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

/** An import of the result the policy does not allow. */
export interface PolicyViolation {
  /** The import's name in the result. */
  readonly import: string;
  /** The `deny` pattern it matches, or undefined when it is outside an allow list. */
  readonly deniedBy: string | undefined;
  /** Instance labels of the inner components that need it, each with its component's name. */
  readonly users: readonly { readonly instance: string; readonly component: string }[];
}

/**
 * Whether the glob `pattern` (`*` is any run of characters, everything else
 * literal) matches all of `text`. No regular expression is built: a long
 * pattern from the command line made one too large to compile. The text
 * between stars is found leftmost, in order, between the literal start and
 * end, which is enough when `*` is the only wildcard, and stays linear.
 */
export function globMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  if (parts.length === 1) return pattern === text;
  const last = parts[parts.length - 1]!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

/** Whether `pattern` matches `name` or `name` without its version. */
export function policyPatternMatches(pattern: string, name: string): boolean {
  return globMatches(pattern, name) || globMatches(pattern, unversioned(name));
}

/** The imports of `composition` that `policy` does not allow, in the result's import order. */
export function checkPolicy(composition: Composition, policy: CapabilityPolicy): PolicyViolation[] {
  const allow = policy.allow ?? [];
  const deny = policy.deny ?? [];
  if (allow.length === 0 && deny.length === 0) return [];
  const { graph } = composition;
  const violations: PolicyViolation[] = [];
  const byLabel = new Map(graph.instances.map((inst) => [inst.label, inst]));
  for (const { name } of graph.imports) {
    if (allow.some((p) => policyPatternMatches(p, name))) continue;
    const deniedBy = deny.find((p) => policyPatternMatches(p, name));
    if (deniedBy === undefined && (deny.length > 0 || allow.length === 0)) continue;
    const users = (composition.importUsers.get(name) ?? []).map((label) => {
      const inst = byLabel.get(label);
      return { instance: label, component: inst === undefined ? label : graph.defs[inst.def]!.name };
    });
    violations.push({ import: name, deniedBy, users });
  }
  return violations;
}

/** The error for some violations: one detail line per offending import, with who needs it. */
export function policyError(violations: readonly PolicyViolation[]): ComposeError {
  const count = violations.length === 1 ? 'an import' : `${violations.length} imports`;
  const details = violations.map((v) => {
    const why = v.deniedBy === undefined ? 'not allowed' : `denied by ${quote(v.deniedBy)}`;
    const who = v.users.map((u) => (u.instance === labelOf(u.component) ? u.component : `${u.instance} (${u.component})`));
    return `${v.import} (${why}), needed by ${who.join(', ') || 'the composition'}`;
  });
  return new ComposeError('policy', `the composition leaves ${count} the capability policy forbids`, details);
}

/** Checks `composition` against `policy`; a violation is `ComposeError('policy')`. */
export function enforcePolicy(composition: Composition, policy: CapabilityPolicy): void {
  const violations = checkPolicy(composition, policy);
  if (violations.length > 0) throw policyError(violations);
}

