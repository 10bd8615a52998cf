/**
 * The component model's rules for plain names: which strings are valid and
 * when two of them clash ("strong uniqueness").
 */

const annotations = ['[constructor]', '[method]', '[static]'] as const;
const accessors = ['[get]', '[set]'] as const;

/**
 * Whether `s` is a kebab-case label: words of all-lower or all-upper letters
 * and digits joined by `-`; a word may start with a digit except the first.
 */
export function isKebab(s: string): boolean {
  let lower = false;
  let upper = false;
  let first = true;
  let digit = false;
  // Code units, not characters: every valid one is ASCII, and names are checked by the thousand.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) {
      if (upper) return false;
      lower = true;
    } else if (c >= 0x41 && c <= 0x5a) {
      if (lower) return false;
      upper = true;
    } else if (c >= 0x30 && c <= 0x39) {
      if (!lower && !upper && first) return false;
      digit = true;
    } else if (c === 0x2d) {
      if (!(lower || upper || digit)) return false;
      lower = upper = digit = false;
      first = false;
    } else {
      return false;
    }
  }
  return s.length > 0 && !s.endsWith('-');
}

/** A parsed plain name: its annotations and the part after them. */
export interface PlainName {
  readonly resourceFunc: 'constructor' | 'method' | 'static' | undefined;
  readonly accessor: 'get' | 'set' | undefined;
  readonly unannotated: string;
}

/** Parses a plain component name such as `[method][get]r.x`; undefined when invalid. */
export function parsePlainName(raw: string): PlainName | undefined {
  let rest = raw;
  let resourceFunc: PlainName['resourceFunc'];
  for (const a of annotations) {
    if (rest.startsWith(a)) {
      resourceFunc = a.slice(1, -1) as PlainName['resourceFunc'];
      rest = rest.slice(a.length);
      break;
    }
  }
  let accessor: PlainName['accessor'];
  for (const a of accessors) {
    if (rest.startsWith(a)) {
      accessor = a.slice(1, -1) as PlainName['accessor'];
      rest = rest.slice(a.length);
      break;
    }
  }
  const parts = rest.split('.');
  const dotted = resourceFunc === 'method' || resourceFunc === 'static';
  if (parts.length !== (dotted ? 2 : 1) || !parts.every(isKebab)) return undefined;
  return { resourceFunc, accessor, unannotated: rest };
}

/** The form two names are compared in: lowercased, hyphens removed, most annotations dropped. */
export function canonicalName(name: PlainName): string {
  const lower = name.unannotated.replaceAll('-', '').toLowerCase();
  const dot = lower.indexOf('.');
  if (dot !== -1 && lower.slice(0, dot) === lower.slice(dot + 1)) return lower.slice(0, dot);
  if (name.resourceFunc === 'constructor') return `[constructor]${lower}`;
  if (name.accessor === 'set') return `[set]${lower}`;
  return lower;
}

/** For a setter name, the getter name it needs (`[set]x` → `[get]x`). */
export function getterForSetter(name: PlainName): string {
  const prefix = name.resourceFunc === 'method' ? '[method]' : name.resourceFunc === 'static' ? '[static]' : '';
  return `${prefix}[get]${name.unannotated}`;
}
