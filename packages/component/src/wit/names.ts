/**
 * The two kinds of component import/export names that decoding to WIT
 * distinguishes: interface ids (`ns:pkg/iface@1.0.0`) and plain names
 * (`foo`, `[method]r.f`).
 */

/** `ns:pkg/iface@version` split into its parts. */
export interface InterfaceName {
  readonly namespace: string;
  readonly package: string;
  readonly interface: string;
  /** The text after `@`, if any. */
  readonly version: string | undefined;
}

const interfaceName = /^([^:/@]+):([^:/@]+)\/([^@]+?)(?:@(.+))?$/;

/** Parses an interface id; undefined for a plain name. */
export function parseInterfaceName(name: string): InterfaceName | undefined {
  const match = interfaceName.exec(name);
  if (!match) return undefined;
  return { namespace: match[1]!, package: match[2]!, interface: match[3]!, version: match[4] };
}

/** Whether a plain name has no `[…]` annotation. */
export function isBareName(name: string): boolean {
  return !name.startsWith('[') && parseInterfaceName(name) === undefined;
}
