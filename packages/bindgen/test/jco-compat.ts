/**
 * The comparison behind jco-compat.test.ts: generate `jco types` and
 * `weld types` for one world side by side, list what each module exports
 * with the TypeScript checker, and write a file that asserts, per item both
 * declare, that the two types are assignable to each other. The checker's
 * errors on that file name the items that differ.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { generate, jcoTypes, strictOptions, tempDir, typecheck, writeFiles } from './support.js';

/** One assertion: what it compares, and the two type expressions. */
interface Pair {
  readonly item: string;
  readonly jco: string;
  readonly weld: string;
}

/**
 * The compiler options of the comparison: `--strict` without
 * `exactOptionalPropertyTypes`, under which jco's `label?: string` and weld's
 * `label?: string | undefined` say the same thing.
 */
export const compatOptions = strictOptions({
  exactOptionalPropertyTypes: false,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
});

const stemOf = (key: string): string => key.replace(/@.*$/u, '').replace(/[:/]/gu, '-');

/** Prefixes jco's ambient module names so both guests' modules can live in one program. */
function renameJcoModules(dir: string): void {
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8').replace(/(declare module |from |import\()'([^']+)'/gu, "$1'jco+$2'");
    writeFileSync(path, text);
  }
}

interface Exported {
  readonly value: boolean;
  readonly type: boolean;
}

/** The names a module (a file, or an ambient module by name) exports. */
function exportsOf(checker: ts.TypeChecker, program: ts.Program, module: string): Map<string, Exported> {
  let symbol: ts.Symbol | undefined;
  if (module.endsWith('.d.ts')) {
    const file = program.getSourceFile(module);
    symbol = file && checker.getSymbolAtLocation(file);
  } else {
    symbol = checker.getAmbientModules().find((m) => m.name === `"${module}"`);
  }
  const out = new Map<string, Exported>();
  if (symbol === undefined) return out;
  for (const exported of checker.getExportsOfModule(symbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    out.set(exported.name, { value: (target.flags & ts.SymbolFlags.Value) !== 0, type: (target.flags & ts.SymbolFlags.Type) !== 0 });
  }
  return out;
}

/** A module of `jco` and its counterpart in weld, with how each is named in the check file. */
interface ModulePair {
  readonly label: string;
  /** File path or ambient module name of each side. */
  readonly jco: string;
  readonly weld: string;
}

/** Pairs for every item both modules export; names only one side has are returned apart. */
function itemPairs(checker: ts.TypeChecker, program: ts.Program, pair: ModulePair, j: string, w: string): { pairs: Pair[]; onlyJco: string[]; onlyWeld: string[] } {
  const jcoItems = exportsOf(checker, program, pair.jco);
  const weldItems = exportsOf(checker, program, pair.weld);
  const pairs: Pair[] = [];
  for (const [name, jcoItem] of jcoItems) {
    const weldItem = weldItems.get(name);
    // The generic helpers `Option<T>` and `Result<T, E>` are the same text on both sides.
    if (weldItem === undefined || name === 'Option' || name === 'Result') continue;
    if (jcoItem.value && weldItem.value) pairs.push({ item: `${pair.label} ${name} (value)`, jco: `typeof ${j}.${name}`, weld: `typeof ${w}.${name}` });
    if (jcoItem.type && weldItem.type) pairs.push({ item: `${pair.label} ${name}`, jco: `${j}.${name}`, weld: `${w}.${name}` });
  }
  const onlyJco = [...jcoItems.keys()].filter((n) => !weldItems.has(n)).map((n) => `${pair.label} ${n}`);
  const onlyWeld = [...weldItems.keys()].filter((n) => !jcoItems.has(n)).map((n) => `${pair.label} ${n}`);
  return { pairs, onlyJco, onlyWeld };
}

/** What the comparison found for one world and side. */
export interface Comparison {
  /** Items compared, by `module name`. */
  readonly compared: readonly string[];
  /** Items that are not mutually assignable, with the checker's first line. */
  readonly different: readonly string[];
  /** The checker's messages for the items in `different`. */
  readonly messages: readonly string[];
  /** Errors the checker finds in jco's own files. */
  readonly jcoErrors: readonly string[];
  /** Exports only jco declares, and only weld declares. */
  readonly onlyJco: readonly string[];
  readonly onlyWeld: readonly string[];
}

/** World items for the comparison: interfaces imported and exported, by key, and exported functions. */
export interface WorldShape {
  readonly imports: readonly string[];
  readonly exports: readonly string[];
  readonly exportFunctions: readonly string[];
  /** `ns:pkg/world@version`. */
  readonly spec: string;
  readonly name: string;
}

/** Compares jco's and weld's declarations of `world` in `wit` for `mode`. */
export async function compare(wit: string, world: WorldShape, mode: 'guest' | 'host'): Promise<Comparison> {
  const dir = tempDir(`compat-${mode}`);
  jcoTypes(wit, world.spec, mode, join(dir, 'jco'));
  writeFiles(join(dir, 'weld'), await generate(wit, world.spec, mode));
  if (mode === 'guest') renameJcoModules(join(dir, 'jco'));

  const roots = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts')).map((f) => join(dir, f));
  const program = ts.createProgram({ rootNames: roots, options: compatOptions });
  const checker = program.getTypeChecker();

  const modules: ModulePair[] = [];
  const both = world.imports.filter((k) => world.exports.includes(k));
  for (const key of world.imports) {
    modules.push(mode === 'guest'
      ? { label: `import ${key}`, jco: `jco+${key}`, weld: key }
      : { label: `import ${key}`, jco: join(dir, 'jco/interfaces', `${stemOf(key)}.d.ts`), weld: join(dir, 'weld/imports', `${stemOf(key)}.d.ts`) });
  }
  // jco declares an interface that is imported and exported once, as imported; weld compares its own export apart.
  for (const key of world.exports.filter((k) => !both.includes(k))) {
    if (mode === 'host') modules.push({ label: `export ${key}`, jco: join(dir, 'jco/interfaces', `${stemOf(key)}.d.ts`), weld: join(dir, 'weld/exports', `${stemOf(key)}.d.ts`) });
  }

  const lines: string[] = ['type Extends<A, B> = [A] extends [B] ? true : false;'];
  const checks: Pair[] = [];
  const onlyJco: string[] = [];
  const onlyWeld: string[] = [];
  modules.forEach((pair, i) => {
    const spec = (m: string): string => (m.endsWith('.d.ts') ? `./${m.slice(dir.length + 1).replace(/\.d\.ts$/u, '.js')}` : m);
    lines.push(`import type * as J${i} from '${spec(pair.jco)}';`, `import type * as W${i} from '${spec(pair.weld)}';`);
    const found = itemPairs(checker, program, pair, `J${i}`, `W${i}`);
    checks.push(...found.pairs);
    onlyJco.push(...found.onlyJco);
    onlyWeld.push(...found.onlyWeld);
  });
  if (mode === 'guest') {
    lines.push(`import type * as JW from 'jco+${world.spec}';`, `import type { Exports as WE } from '${world.spec}';`);
    for (const key of world.exports) {
      const js = key.replace(/^.*\//u, '').replace(/@.*$/u, '').replace(/-(\w)/gu, (_, c: string) => c.toUpperCase());
      checks.push({ item: `export ${key}`, jco: `typeof JW.${js}`, weld: `WE['${js}']` });
    }
    for (const name of world.exportFunctions) checks.push({ item: `export ${name}`, jco: `typeof JW.${name}`, weld: `WE['${name}']` });
  } else {
    const exportsName = world.name.replace(/(^|-)(\w)/gu, (_, __, c: string) => c.toUpperCase());
    lines.push(`import type * as JW from './jco/${world.name}.js';`, `import type * as WW from './weld/${world.name}.js';`);
    for (const key of world.imports) {
      checks.push({ item: `ImportObject['${key}']`, jco: `JW.ImportObject['${key}']`, weld: `WW.ImportObject['${key.replace(/@.*$/u, '')}']` });
    }
    for (const key of [...world.exports, ...world.exportFunctions]) {
      checks.push({ item: `${exportsName}['${key}']`, jco: `JW.${exportsName}['${key}']`, weld: `WW.${exportsName}['${key}']` });
    }
    checks.push({ item: 'instantiate', jco: 'typeof JW.instantiate', weld: 'typeof WW.instantiate' });
  }
  const first = lines.length + 1;
  // Two lines per item, one per direction: line `first + 2i` is jco → weld, the next weld → jco.
  checks.forEach((c, i) => lines.push(
    `export const jcoToWeld${i}: Extends<${c.jco}, ${c.weld}> = true;`,
    `export const weldToJco${i}: Extends<${c.weld}, ${c.jco}> = true;`,
  ));
  const checkFile = join(dir, 'compat.ts');
  writeFileSync(checkFile, `${lines.join('\n')}\n`);

  const diagnostics = typecheck([...roots, checkFile], compatOptions);
  const different = new Set<string>();
  const other: string[] = [];
  const jcoErrors: string[] = [];
  const messages: string[] = [];
  for (const d of diagnostics) {
    if (d.startsWith(join(dir, 'jco'))) {
      jcoErrors.push(d.slice(dir.length + 1));
      continue;
    }
    const m = /compat\.ts:(\d+): (.*)/u.exec(d);
    const offset = m === null ? -1 : Number(m[1]) - first;
    const check = checks[Math.floor(offset / 2)];
    if (offset < 0 || check === undefined) other.push(d);
    else {
      different.add(check.item);
      messages.push(`${check.item}: ${offset % 2 === 0 ? "jco's is not assignable to weld's" : "weld's is not assignable to jco's"}`);
    }
  }
  if (other.length > 0) throw new Error(`the comparison itself does not type-check:\n${other.join('\n')}`);
  return { compared: checks.map((c) => c.item), different: [...different], messages, jcoErrors, onlyJco, onlyWeld };
}
