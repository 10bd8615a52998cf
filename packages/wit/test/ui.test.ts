/**
 * Differential golden tests of `@weld/wit` against the reference
 * `wit-parser` 0.263.0 (as `wasm-tools component wit` 1.263.0 prints it).
 *
 * Corpus: `packages/wit/tests/ui/`
 *   - `NAME.wit` / `NAME/`             valid; goldens `NAME.wit.json`, `NAME.wit.print`
 *   - `parse-fail/NAME.wit` / `NAME/`  invalid; golden `NAME.wit.result` (wasm-tools stderr)
 *   - a line `// weld-test: --features a,b` / `// weld-test: --all-features` in a
 *     case file (for a folder: in one of its top-level .wit files) sets the
 *     load options, exactly as `scripts/bless-wit.mjs` passes them to wasm-tools.
 *
 * Goldens are produced by `npm run bless:wit` with the repository root as
 * working directory and case paths relative to it, so error locations read
 * `packages/wit/tests/ui/...`. The harness loads cases with the same relative
 * paths when it runs from the repository root (and normalises otherwise).
 *
 * The `live` block runs only where wasm-tools is installed: it re-checks the
 * goldens against the installed binary and compares weld with wasm-tools on the
 * WASI trees bundled with `@bytecodealliance/jco`.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseArgs } from '../../../scripts/wit-cases.mjs';
import { wasmToolsPath } from '../../../test/support/wasm-tools.js';
import { afterAll, describe, expect, it } from 'vitest';
import { WitError, printWit, resolveToJson } from '@weld/wit';
import { loadWit } from '@weld/wit/node';
// The decoder every weld command passes: WIT packages encoded as wasm in deps/ (the codec depends on @weld/wit, so
// @weld/wit takes it as a hook).
import { decodeWitWasm } from '@weld/build';
import type { LoadOptions, LoadedWit, PackageId } from '@weld/wit';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const uiDir = join(repoRoot, 'packages', 'wit', 'tests', 'ui');
const failDir = join(uiDir, 'parse-fail');
const wasiRoot = join(repoRoot, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin');

// ---------------------------------------------------------------------------
// Corpus layout (kept in step with scripts/bless-wit.mjs)

interface Case {
  readonly name: string;
  /** Absolute path of the `.wit` file or folder. */
  readonly path: string;
  /** Golden file path without its `.json`/`.print`/`.result` suffix. */
  readonly golden: string;
  /** wasm-tools arguments from the `// weld-test:` line. */
  readonly args: readonly string[];
  readonly options: LoadOptions;
}

function listCases(dir: string): Case[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isDirectory() && e.name !== 'parse-fail') || (e.isFile() && e.name.endsWith('.wit')))
    .map((e) => e.name)
    .sort()
    .map((entry) => {
      const path = join(dir, entry);
      const name = entry.endsWith('.wit') ? entry.slice(0, -'.wit'.length) : entry;
      const args = caseArgs(path);
      return { name, path, golden: join(dir, `${name}.wit`), args, options: argsToOptions(args) };
    });
}

/** The same splitting wasm-tools does: whitespace and commas. */
function argsToOptions(args: readonly string[]): LoadOptions {
  const features: string[] = [];
  let allFeatures = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--all-features') allFeatures = true;
    else if (args[i] === '--features') features.push(...args[++i]!.split(/[\s,]+/).filter(Boolean));
  }
  return {
    ...(features.length > 0 ? { features } : {}),
    ...(allFeatures ? { allFeatures: true } : {}),
    decodeWasm: decodeWitWasm,
  };
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The path to hand to loadWit: the one the goldens were made with when possible. */
function loadPath(abs: string): string {
  return resolve(process.cwd()) === repoRoot ? toPosix(relative(repoRoot, abs)) : abs;
}

/** A path weld reports, made comparable with the goldens (relative to the repo root). */
function normalisePath(p: string): string {
  const posix = p.replace(/\\/g, '/');
  return isAbsolute(p) ? toPosix(relative(repoRoot, p)) : posix;
}

/** Removes any absolute mention of the repository root from text weld produced. */
function normaliseText(text: string): string {
  return text.split(repoRoot + sep).join('').split(toPosix(repoRoot) + '/').join('');
}

// ---------------------------------------------------------------------------
// What to print and compare

/** `wasm-tools component wit PATH` prints the main package, then every other package by id. */
function printIds(loaded: LoadedWit): PackageId[] {
  const main = loaded.packages[0]!;
  const rest = loaded.resolve.packages.map((_, id) => id).filter((id) => id !== main);
  return [main, ...rest];
}

function jsonText(loaded: LoadedWit): string {
  return JSON.stringify(resolveToJson(loaded.resolve), null, 2);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

/**
 * An id-free view of one package of a JSON resolve, for the round trip: type,
 * interface, world and package ids are replaced by what they name (anonymous
 * types and inline interfaces by their structure). `clone_of` is dropped (an
 * inline interface copied by `include` is printed in full and comes back as an
 * original) and doc lines are compared without leading whitespace (the
 * reference re-indents a `/** … *\/` doc whose first line is empty when it
 * prints it as `///` lines). With these two allowances wasm-tools itself
 * round-trips every valid case of the corpus.
 */
function packageView(json: J, pkg: number): J {
  const packageName = (id: number): string => json.packages[id].name;
  const interfaceRef = (id: number): J => {
    const iface = json.interfaces[id];
    if (iface.name == null) return { inline: interfaceView(id) };
    const pkgName = packageName(iface.package);
    const at = pkgName.indexOf('@');
    return at < 0 ? `${pkgName}/${iface.name}` : `${pkgName.slice(0, at)}/${iface.name}${pkgName.slice(at)}`;
  };
  const worldRef = (id: number): string => `${packageName(json.worlds[id].package)}#${json.worlds[id].name}`;
  const owner = (o: J): J => {
    if (o == null) return null;
    if ('interface' in o) {
      return { interface: json.interfaces[o.interface].name == null ? '<inline>' : interfaceRef(o.interface) };
    }
    if ('world' in o) return { world: worldRef(o.world) };
    return o;
  };
  const docs = (d: J): J =>
    d == null ? d : { ...d, contents: String(d.contents).split('\n').map((l) => l.trimStart()).join('\n') };
  const typeRef = (t: J): J => {
    if (typeof t === 'string') return t;
    const def = json.types[t];
    return def.name != null ? { ref: def.name, owner: owner(def.owner) } : { anon: typeView(t) };
  };
  const kindView = (kind: J): J => {
    if (typeof kind === 'string') return kind;
    const out: J = {};
    for (const [k, v] of Object.entries<J>(kind)) {
      switch (k) {
        case 'type': case 'list': case 'option': case 'future': case 'stream':
          out[k] = v == null ? v : typeRef(v);
          break;
        case 'handle':
          out[k] = Object.fromEntries(Object.entries<J>(v).map(([h, id]) => [h, typeRef(id)]));
          break;
        case 'result':
          out[k] = { ok: v.ok == null ? v.ok : typeRef(v.ok), err: v.err == null ? v.err : typeRef(v.err) };
          break;
        case 'tuple':
          out[k] = { ...v, types: v.types.map(typeRef) };
          break;
        case 'map':
          out[k] = v.map(typeRef);
          break;
        case 'fixed-length-list':
          out[k] = [typeRef(v[0]), v[1]];
          break;
        case 'record':
          out[k] = { ...v, fields: v.fields.map((f: J) => ({ ...f, type: typeRef(f.type), docs: docs(f.docs) })) };
          break;
        case 'variant':
          out[k] = {
            ...v,
            cases: v.cases.map((c: J) => ({ ...c, type: c.type == null ? c.type : typeRef(c.type), docs: docs(c.docs) })),
          };
          break;
        case 'enum':
          out[k] = { ...v, cases: v.cases.map((c: J) => ({ ...c, docs: docs(c.docs) })) };
          break;
        case 'flags':
          out[k] = { ...v, flags: v.flags.map((c: J) => ({ ...c, docs: docs(c.docs) })) };
          break;
        default:
          out[k] = v;
      }
    }
    return out;
  };
  const typeView = (id: number): J => {
    const def = json.types[id];
    return { ...def, kind: kindView(def.kind), owner: owner(def.owner), docs: docs(def.docs) };
  };
  const functionView = (f: J): J => ({
    ...f,
    kind: typeof f.kind === 'string'
      ? f.kind
      : Object.fromEntries(Object.entries<J>(f.kind).map(([k, v]) => [k, typeRef(v)])),
    params: f.params.map((p: J) => ({ ...p, type: typeRef(p.type) })),
    result: f.result === undefined ? undefined : typeRef(f.result),
    docs: docs(f.docs),
  });
  function interfaceView(id: number): J {
    const iface = json.interfaces[id];
    const { clone_of: _cloneOf, ...rest } = iface;
    return {
      ...rest,
      types: Object.fromEntries(Object.entries<J>(iface.types).map(([n, t]) => [n, typeView(t)])),
      functions: Object.fromEntries(Object.entries<J>(iface.functions).map(([n, f]) => [n, functionView(f)])),
      package: iface.package === undefined ? undefined : packageName(iface.package),
      docs: docs(iface.docs),
    };
  }
  const itemView = (item: J): J => {
    if ('interface' in item) return { interface: { ...item.interface, id: interfaceRef(item.interface.id), docs: docs(item.interface.docs) } };
    if ('function' in item) return { function: functionView(item.function) };
    if ('type' in item) return { type: typeView(item.type) };
    return item;
  };
  const itemsView = (items: J): J =>
    Object.fromEntries(
      Object.entries<J>(items).map(([key, item]) => {
        const byId = /^interface-\d+$/.test(key) && 'interface' in item;
        return [byId ? `interface ${JSON.stringify(interfaceRef(item.interface.id))}` : key, itemView(item)];
      }),
    );
  const worldView = (id: number): J => {
    const world = json.worlds[id];
    return {
      ...world,
      imports: itemsView(world.imports),
      exports: itemsView(world.exports),
      package: packageName(world.package),
      docs: docs(world.docs),
    };
  };
  const p = json.packages[pkg];
  return {
    ...p,
    docs: docs(p.docs),
    interfaces: Object.fromEntries(Object.entries<J>(p.interfaces).map(([n, id]) => [n, interfaceView(id)])),
    worlds: Object.fromEntries(Object.entries<J>(p.worlds).map(([n, id]) => [n, worldView(id)])),
  };
}

const scratchDirs: string[] = [];
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `weld-${prefix}-`));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** Load, JSON and print of a path; failures surface as the library's own error. */
async function checkValid(
  path: string,
  options: LoadOptions,
  expectedJson: string,
  expectedPrint: string,
  label: string,
): Promise<void> {
  const loaded = await loadWit(path, options);
  const json = jsonText(loaded);
  expect.soft(json, `${label}: resolveToJson`).toBe(expectedJson);
  const printed = printWit(loaded.resolve, printIds(loaded));
  expect.soft(printed, `${label}: printWit`).toBe(expectedPrint);

  // Round trip: the printed text, loaded again, describes the same main package.
  const dir = scratch('roundtrip');
  const file = join(dir, `${basename(label).replace(/[^a-z0-9-]/gi, '_')}.wit`);
  writeFileSync(file, printed);
  const again = await loadWit(file, options);
  const before = packageView(JSON.parse(json), loaded.packages[0]!);
  const after = packageView(resolveToJson(again.resolve), again.packages[0]!);
  expect.soft(after, `${label}: round trip of the printed text`).toEqual(before);
}

// ---------------------------------------------------------------------------
// The golden stderr of an invalid case

interface ExpectedError {
  /** The message as wit-parser builds it (context prefixes of wasm-tools removed). */
  readonly message: string;
  /** The message with `failed to parse package: PATH: ` style prefixes kept. */
  readonly fullMessage: string;
  readonly location:
    | { readonly path: string; readonly line: number; readonly column: number; readonly lineText?: string; readonly marker?: string }
    | undefined;
}

const contextPrefix = /^failed to parse (?:package|dependency directory): [^\n]*?: /;

function parseExpectedError(stderr: string): ExpectedError {
  let text = stderr.replace(/\n$/, '');
  if (!text.startsWith('error: ')) throw new Error(`golden does not start with "error: ": ${text}`);
  text = text.slice('error: '.length);
  const lines = text.split('\n');
  const arrow = lines.findIndex((l) => /^ {5}--> .*:\d+:\d+$/.test(l));
  let fullMessage = arrow === -1 ? text : lines.slice(0, arrow).join('\n');
  let message = fullMessage;
  while (contextPrefix.test(message)) message = message.replace(contextPrefix, '');
  if (arrow !== -1) {
    const [, path, line, column] = /^ {5}--> (.*):(\d+):(\d+)$/.exec(lines[arrow]!)!;
    const snippet = /^ {1}[ \d]{4} \| (.*)$/.exec(lines[arrow + 2] ?? '');
    const marker = /^ {6}\| (.*)$/.exec(lines[arrow + 3] ?? '');
    return {
      message,
      fullMessage,
      location: {
        path: path!,
        line: Number(line),
        column: Number(column),
        ...(snippet ? { lineText: snippet[1]! } : {}),
        ...(marker ? { marker: marker[1]! } : {}),
      },
    };
  }
  // A source line longer than 500 bytes is not quoted: `PATH:LINE:COL: MESSAGE`.
  const long = /^([^\s:]+):(\d+):(\d+): ([\s\S]*)$/.exec(message);
  if (long) {
    fullMessage = fullMessage.slice(0, fullMessage.length - message.length) + long[4]!;
    return {
      message: long[4]!,
      fullMessage,
      location: { path: long[1]!, line: Number(long[2]), column: Number(long[3]) },
    };
  }
  return { message, fullMessage, location: undefined };
}

async function checkInvalid(c: Case): Promise<void> {
  const expected = parseExpectedError(readFileSync(`${c.golden}.result`, 'utf8'));
  let error: unknown;
  try {
    await loadWit(loadPath(c.path), c.options);
  } catch (e) {
    error = e;
  }
  expect(error, 'loadWit must reject').toBeDefined();
  if (!(error instanceof WitError)) {
    throw new Error(`expected a WitError, got: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
  expect.soft([expected.message, expected.fullMessage], 'message').toContain(normaliseText(error.message));
  if (expected.location === undefined) return;
  const loc = error.location;
  expect(loc, `location (expected ${expected.location.path}:${expected.location.line}:${expected.location.column})`).toBeDefined();
  expect.soft(
    { path: normalisePath(loc!.path), line: loc!.line, column: loc!.column },
    '--> path:line:col',
  ).toEqual({ path: expected.location.path, line: expected.location.line, column: expected.location.column });
  if (expected.location.lineText !== undefined) {
    expect.soft(loc!.lineText.replace(/\r$/, ''), 'quoted source line').toBe(expected.location.lineText);
  }
  if (expected.location.marker !== undefined) {
    // `{marker:>col$}`: the caret right-aligned in a field of `column` characters, then a dash per further character of the span.
    const marker = `${' '.repeat(Math.max(0, loc!.column - 1))}^${'-'.repeat(Math.max(0, loc!.length - 1))}`;
    expect.soft(marker, 'caret and dashes under the span').toBe(expected.location.marker);
  }
}

// ---------------------------------------------------------------------------
// The corpus

const validCases = listCases(uiDir);
const invalidCases = listCases(failDir);

describe(`wit ui corpus: ${validCases.length} valid cases`, () => {
  for (const c of validCases) {
    it(c.name, async () => {
      await checkValid(
        loadPath(c.path),
        c.options,
        readFileSync(`${c.golden}.json`, 'utf8'),
        readFileSync(`${c.golden}.print`, 'utf8'),
        c.name,
      );
    });
  }
});

describe(`wit ui corpus: ${invalidCases.length} invalid cases`, () => {
  for (const c of invalidCases) {
    it(c.name, async () => {
      await checkInvalid(c);
    });
  }
});

describe('wit ui corpus: golden parser', () => {
  it('reads the three shapes of wasm-tools errors', () => {
    expect(parseExpectedError('error: failed to parse package: a/b: oops\n     --> a/b/c.wit:3:5\n      |\n    3 | abc\n      |     ^-\n'))
      .toEqual({
        message: 'oops',
        fullMessage: 'failed to parse package: a/b: oops',
        location: { path: 'a/b/c.wit', line: 3, column: 5, lineText: 'abc', marker: '    ^-' },
      });
    expect(parseExpectedError('error: a/b.wit:4:512: type nesting too deep\n')).toEqual({
      message: 'type nesting too deep',
      fullMessage: 'type nesting too deep',
      location: { path: 'a/b.wit', line: 4, column: 512 },
    });
    expect(parseExpectedError('error: package `x:y` is defined in two different locations:\n  * a.wit:1:9\n  * b.wit:1:9\n'))
      .toEqual({
        message: 'package `x:y` is defined in two different locations:\n  * a.wit:1:9\n  * b.wit:1:9',
        fullMessage: 'package `x:y` is defined in two different locations:\n  * a.wit:1:9\n  * b.wit:1:9',
        location: undefined,
      });
  });

  it('every case has its goldens', () => {
    const missing = [
      ...validCases.flatMap((c) => [`${c.golden}.json`, `${c.golden}.print`]),
      ...invalidCases.map((c) => `${c.golden}.result`),
    ].filter((f) => !existsSync(f));
    expect(missing.map((f) => toPosix(relative(repoRoot, f))), 'run `npm run bless:wit`').toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Live differential tests against the installed reference

const wasmTools = wasmToolsPath();

function runWasmTools(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(wasmTools, ['component', 'wit', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface WasiPackage {
  /** `ns:name@version` from the package header. */
  readonly name: string;
  readonly dir: string;
  /** `ns:name@version` (or `ns:name`) of every package its text mentions. */
  readonly refs: ReadonlySet<string>;
}

/** Package folders under the jco builtin tree (a folder's own `deps/` is not a package of the tree). */
function findWasiPackages(dir: string, out: WasiPackage[] = []): WasiPackage[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const wits = entries.filter((e) => e.isFile() && e.name.endsWith('.wit')).map((e) => join(dir, e.name)).sort();
  if (wits.length > 0) {
    const text = wits.map((f) => readFileSync(f, 'utf8')).join('\n');
    const header = /^\s*package\s+([a-z][a-z0-9-]*:[a-z][a-z0-9-]*(?:@[0-9A-Za-z.+-]+)?)\s*;/m.exec(text);
    if (header) {
      const refs = new Set<string>();
      for (const m of text.matchAll(/\b([a-z][a-z0-9-]*:[a-z][a-z0-9-]*)\/[a-z0-9%-]+(?:@([0-9A-Za-z.+-]*[0-9A-Za-z+-]))?/g)) {
        refs.add(m[2] ? `${m[1]}@${m[2]}` : m[1]!);
      }
      out.push({ name: header[1]!, dir, refs });
    }
  }
  for (const e of entries) if (e.isDirectory() && e.name !== 'deps') findWasiPackages(join(dir, e.name), out);
  return out;
}

interface WasiLayout {
  readonly label: string;
  /** Absolute path handed to both wasm-tools and loadWit. */
  readonly path: string;
}

/**
 * Each package folder of the tree becomes a directory input: its `.wit` files
 * plus a `deps/` holding one folder per package it needs, transitively (as
 * `wasm-tools component wit DIR` wants it; `deps/` may not nest). A folder
 * that ships its own `deps/` is also compared as it is, and a single-file
 * package that needs nothing is also compared as a file input.
 */
function wasiLayouts(): WasiLayout[] {
  if (!existsSync(wasiRoot)) return [];
  const packages = findWasiPackages(wasiRoot);
  const byName = new Map(packages.map((p) => [p.name, p]));
  const lookup = (ref: string): WasiPackage | undefined =>
    byName.get(ref) ?? packages.find((p) => p.name.split('@')[0] === ref);
  const base = scratch('wasi');
  const layouts: WasiLayout[] = [];
  for (const pkg of packages) {
    const where = toPosix(relative(wasiRoot, pkg.dir));
    const closure = new Map<string, WasiPackage>();
    const visit = (p: WasiPackage): void => {
      for (const ref of p.refs) {
        const dep = lookup(ref);
        if (!dep || dep === pkg || closure.has(dep.name)) continue;
        closure.set(dep.name, dep);
        visit(dep);
      }
    };
    visit(pkg);
    const main = join(base, where.replace(/\//g, '__'), basename(pkg.dir));
    mkdirSync(join(main, 'deps'), { recursive: true });
    const copyWits = (from: string, to: string): void => {
      for (const f of readdirSync(from)) if (f.endsWith('.wit')) cpSync(join(from, f), join(to, f));
    };
    copyWits(pkg.dir, main);
    for (const dep of closure.values()) {
      const target = join(main, 'deps', dep.name.replace(/[:@]/g, '-'));
      mkdirSync(target);
      copyWits(dep.dir, target);
    }
    layouts.push({ label: `${where} (${pkg.name}, deps: ${[...closure.keys()].join(', ') || 'none'})`, path: main });
    if (existsSync(join(pkg.dir, 'deps'))) layouts.push({ label: `${where} as shipped`, path: pkg.dir });
    const wits = readdirSync(pkg.dir).filter((f) => f.endsWith('.wit'));
    if (closure.size === 0 && wits.length === 1) layouts.push({ label: `${where}/${wits[0]} as a file`, path: join(pkg.dir, wits[0]!) });
  }
  return layouts;
}

describe(`live: wasm-tools at ${wasmTools}`, () => {
  it('is version 1.263.0', () => {
    const probe = spawnSync(wasmTools, ['--version'], { encoding: 'utf8' });
    expect(probe.stdout).toMatch(/^wasm-tools 1\.263\.0\b/);
  });

  describe('goldens equal what wasm-tools prints now', () => {
    for (const c of validCases) {
      it(c.name, () => {
        const rel = toPosix(relative(repoRoot, c.path));
        const json = runWasmTools([...c.args, rel, '--json']);
        expect(json.status, json.stderr).toBe(0);
        expect.soft(json.stdout, '.wit.json').toBe(readFileSync(`${c.golden}.json`, 'utf8'));
        const wit = runWasmTools([...c.args, rel]);
        expect.soft(wit.stdout, '.wit.print').toBe(readFileSync(`${c.golden}.print`, 'utf8'));
      });
    }
    for (const c of invalidCases) {
      it(`parse-fail/${c.name}`, () => {
        const result = runWasmTools([...c.args, toPosix(relative(repoRoot, c.path))]);
        expect(result.status).toBe(1);
        expect(normaliseText(result.stderr.replace(/\r\n/g, '\n'))).toBe(readFileSync(`${c.golden}.result`, 'utf8'));
      });
    }
  });

  const layouts = wasiLayouts();
  describe(`WASI trees of @bytecodealliance/jco (${layouts.length} inputs)`, () => {
    it('are present', () => {
      expect(layouts.length).toBeGreaterThan(0);
    });
    for (const layout of layouts) {
      it(layout.label, async () => {
        const json = runWasmTools([layout.path, '--json']);
        expect(json.status, json.stderr).toBe(0);
        const wit = runWasmTools([layout.path]);
        expect(wit.status, wit.stderr).toBe(0);
        await checkValid(layout.path, {}, json.stdout, wit.stdout, layout.label);
      });
    }
  });
});
