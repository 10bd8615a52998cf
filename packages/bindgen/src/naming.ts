/**
 * WIT names as JavaScript names, the way jco and componentize-js spell them:
 * kebab-case to camelCase for values, PascalCase for types, a trailing `_`
 * on parameters that are reserved words, and `_name` plus a renaming export
 * for functions that are.
 */

/** Words that cannot name a function declaration or a parameter in a module. */
const reserved = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in',
  'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public', 'return', 'static',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'arguments',
  'eval',
]);

/** Whether `name` cannot be declared as a binding in strict-mode module code. */
export function isReserved(name: string): boolean {
  return reserved.has(name);
}

function words(kebab: string): string[] {
  return kebab.replace(/^%/u, '').split('-').filter((w) => w !== '');
}

/** A word with its first letter in capitals and the rest in lower case, as Rust's `heck` (jco's casing) writes it. */
const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `get-stdout` → `getStdout`; acronyms lose their capitals as in jco (`get-HTTP` → `getHttp`). */
export function camelCase(kebab: string): string {
  const [first = '', ...rest] = words(kebab);
  return first.toLowerCase() + rest.map(capitalize).join('');
}

/** `calc-error` → `CalcError`. */
export function pascalCase(kebab: string): string {
  return words(kebab).map(capitalize).join('');
}

/** A parameter name: camelCase, with `_` appended to reserved words (`in` → `in_`). */
export function paramName(kebab: string): string {
  const name = camelCase(kebab);
  return isReserved(name) ? `${name}_` : name;
}

/** Whether `name` can be written as a property key without quotes. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/u.test(name);
}

/** A property key: bare when possible, else single-quoted. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : `'${name}'`;
}

/** `wasi:cli/stdout@0.2.12` → `wasi-cli-stdout`, the file name jco uses for an interface. */
export function interfaceFileStem(qualified: string): string {
  return qualified.replace(/@.*$/u, '').replace(/[:/]/gu, '-');
}

/**
 * `wasi:cli/stdout@0.2.12` → `WasiCliStdout`, a namespace import name; with
 * `versioned`, the version too, as jco's guest types name them:
 * `wasi:http/types@0.3.0-rc-2026-03-15` → `WasiHttpTypes030Rc20260315`.
 */
export function interfaceTypeName(qualified: string, versioned = false): string {
  const base = pascalCase(interfaceFileStem(qualified).replace(/[^A-Za-z0-9-]/gu, '-'));
  const at = qualified.indexOf('@');
  if (!versioned || at === -1) return base;
  return base + pascalCase(qualified.slice(at + 1).replace(/\./gu, '').replace(/[^A-Za-z0-9]/gu, '-'));
}

/** `ns:pkg/iface@1.2.3` without its version: what jco's instantiate reads the import object by. */
export function unversioned(qualified: string): string {
  const at = qualified.indexOf('@');
  return at === -1 ? qualified : qualified.slice(0, at);
}
