/**
 * What the bindgen tests share: WIT trees to generate from (jco's WASI trees
 * with a world over all their interfaces), writing generated files, running
 * the TypeScript checker over them, and running `jco types` for comparison.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { generateTypes, type GeneratedFile } from '@weld/bindgen';
import { loadWit } from '@weld/wit/node';

/** The repository root. */
export const root = fileURLToPath(new URL('../../../', import.meta.url));

/** jco's WASI WIT trees, by version. */
export const wasiTrees = join(root, 'node_modules/@bytecodealliance/jco/lib/wit/builtin');

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `weld-bindgen-${prefix}-`));
}

/** Writes `files` under `dir`. */
export function writeFiles(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
}

/** Generates the declarations of `world` in the WIT at `path`. */
export async function generate(path: string, world: string | undefined, mode: 'guest' | 'host'): Promise<GeneratedFile[]> {
  const loaded = await loadWit(path);
  return generateTypes({ resolve: loaded.resolve, package: loaded.main }, { mode, ...(world === undefined ? {} : { world }) });
}

/** A WASI tree of jco's laid out as WIT with `deps/`, and the worlds to generate for. */
export interface WasiTree {
  readonly dir: string;
  /** Fully qualified worlds: the tree's own, then `weld:wasi/all-imports` and `weld:wasi/all-exports`. */
  readonly worlds: readonly string[];
}

/**
 * Copies jco's WASI tree `version` into a WIT folder whose main package has
 * two worlds over every interface of the tree, one importing and one
 * exporting them all, with the tree's packages as `deps/`.
 */
export function wasiTree(version: string, into: string = tempDir(`wasi-${version}`)): WasiTree {
  const source = join(wasiTrees, version);
  const interfaces: string[] = [];
  const worlds: string[] = [];
  for (const pkg of readdirSync(source).sort()) {
    cpSync(join(source, pkg), join(into, 'deps', pkg), { recursive: true });
    const text = readFileSync(join(source, pkg, 'package.wit'), 'utf8');
    const name = /^package ([^;@]+)@([^;]+);/mu.exec(text);
    if (name === null) throw new Error(`${pkg}: no package line`);
    const [, id, ver] = name;
    // Interfaces behind `@unstable` gates are left out, as a resolve without features leaves them out.
    for (const m of text.matchAll(/^(@unstable[^\n]*\n)?interface ([\w-]+) \{/gmu)) {
      if (m[1] === undefined) interfaces.push(`${id}/${m[2]}@${ver}`);
    }
    for (const m of text.matchAll(/^world ([\w-]+) \{/gmu)) worlds.push(`${id}/${m[1]}@${ver}`);
  }
  const all = (side: string, world: string): string =>
    `world ${world} {\n${interfaces.map((i) => `  ${side} ${i};\n`).join('')}}\n`;
  writeFileSync(join(into, 'all.wit'), `package weld:wasi;\n\n${all('import', 'all-imports')}\n${all('export', 'all-exports')}`);
  return { dir: into, worlds: [...worlds, 'weld:wasi/all-imports', 'weld:wasi/all-exports'] };
}

/** The options of `tsc --strict --noEmit`, plus the repository's own strictness. */
export function strictOptions(extra: ts.CompilerOptions = {}): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: false,
    ...extra,
  };
}

// Library files are parsed once for the whole test run: a program over a few
// generated files then takes milliseconds instead of a second.
const libCache = new Map<string, ts.SourceFile | undefined>();

/** Type-checks `rootNames` and returns the diagnostics as `file:line: message` lines. */
export function typecheck(rootNames: readonly string[], options: ts.CompilerOptions = strictOptions()): string[] {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/typescript/lib/')) return getSourceFile(fileName, language, onError, shouldCreate);
    if (!libCache.has(fileName)) libCache.set(fileName, getSourceFile(fileName, language, onError, shouldCreate));
    return libCache.get(fileName);
  };
  const program = ts.createProgram({ rootNames, options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}: ${text}`;
  });
}

/** Every `.d.ts`/`.ts` file under `dir`. */
export function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Runs `jco types` (host, `--instantiation async`) or `jco guest-types` on
 * `wit` for `world` into `out`, in a child process: jco's WASI-hosted
 * generator reads the WIT through preview2-shim, whose 0.26 preopens nothing
 * by default, so the script grants it `/` first.
 */
export function jcoTypes(wit: string, world: string, mode: 'guest' | 'host', out: string): void {
  const script = fileURLToPath(new URL('./jco-types.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, wit, world, mode, out], { encoding: 'utf8', cwd: root });
  if (result.status !== 0) throw new Error(`jco types failed for ${world}:\n${result.stderr}`);
}
