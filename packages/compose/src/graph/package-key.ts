/** Package keys: the `ns:name@1.2.3` a definition is registered under, as wac keys its packages. */
import { isKebab } from '@weld/wit';
import { ComposeError } from '../api.js';
import { quote } from '../quote.js';
import { parseVersion } from '../semver.js';

/** A package name and optional version, e.g. `example:calc` and `1.2.3`. */
export interface PackageKey {
  /** `namespace:name`. */
  readonly name: string;
  /** Canonical semver text; undefined for an unversioned package. */
  readonly version: string | undefined;
}

/** WIT identifiers may be written with a leading `%` to escape a keyword. */
const witId = (s: string): boolean => isKebab(s.startsWith('%') ? s.slice(1) : s);

/** Whether `name` is a WIT package name without version: `namespace:name`, both kebab-case. */
export function isPackageName(name: string): boolean {
  const colon = name.indexOf(':');
  return colon > 0 && witId(name.slice(0, colon)) && witId(name.slice(colon + 1));
}

/**
 * Parses `ns:name` or `ns:name@1.2.3`; a name that is not WIT package-name
 * syntax, or a version that is not semver, is `ComposeError('invalid-input')`.
 */
export function parsePackageKey(text: string): PackageKey {
  const at = text.indexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  if (!isPackageName(name)) {
    throw new ComposeError('invalid-input', `${quote(text)} is not a package name: expected namespace:name or namespace:name@version`);
  }
  if (at < 0) return { name, version: undefined };
  const version = parseVersion(text.slice(at + 1));
  if (version === undefined) throw new ComposeError('invalid-input', `${quote(text)} is not a package name: ${quote(text.slice(at + 1))} is not a semantic version`);
  return { name, version: version.text };
}

/** `ns:name@version`, or `ns:name` without a version. */
export function packageKeyText(key: PackageKey): string {
  return key.version === undefined ? key.name : `${key.name}@${key.version}`;
}
