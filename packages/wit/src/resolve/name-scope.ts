import { canonicalName, getterForSetter, parsePlainName } from './component-name.js';
import type { PlainName } from './component-name.js';
import { WitError } from '../errors.js';
import type { Span } from '../source-map.js';

/**
 * The names of one scope (an interface, or a world's imports or exports),
 * which must be strongly unique: no two may differ only in case, hyphens or
 * most annotations.
 */
export class NameScope {
  readonly #names = new Map<string, { raw: string; parsed: PlainName; span: Span }>();
  readonly #raw = new Set<string>();

  /** Adds an already-mangled name, failing if it clashes with one already here. */
  define(name: string, span: Span): void {
    const parsed = parsePlainName(name);
    if (!parsed) {
      throw new WitError('syntax', `name \`${name}\` is not a valid component name: \`${name}\` is not in kebab case`, span);
    }
    const key = canonicalName(parsed);
    const prev = this.#names.get(key);
    if (prev) {
      throw new WitError(
        'syntax',
        prev.raw === name ? `duplicate name \`${name}\`` : `name \`${name}\` conflicts with previous name \`${prev.raw}\``,
        span,
      );
    }
    this.#names.set(key, { raw: name, parsed, span });
    this.#raw.add(name);
  }

  /** Fails when a setter has no getter in this scope. */
  checkSetters(): void {
    for (const { raw, parsed, span } of this.#names.values()) {
      if (parsed.accessor !== 'set') continue;
      const getter = getterForSetter(parsed);
      if (!this.#raw.has(getter)) {
        throw new WitError('syntax', `setter \`${raw}\` has no corresponding getter \`${getter}\``, span);
      }
    }
  }
}
