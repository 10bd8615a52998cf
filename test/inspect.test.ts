/**
 * End-to-end tests of `weld inspect`, through the built binary, against
 * wasm-tools 1.263.0 on the same files:
 *   - `--wit` prints exactly what `wasm-tools component wit FILE` prints, for
 *     every real-toolchain fixture (test/fixtures/out), every WASI 0.2.12 and
 *     0.3.0 package encoded as WIT, components with many WASI imports
 *     (`component embed --dummy` + `component new` of wasi:cli/command,
 *     wasi:http/proxy and wasi:http/service) and the WAT corpus of
 *     @weld/component; where wasm-tools fails, weld fails too, in one line;
 *   - `--json` carries the resolve `wasm-tools component wit FILE --json` prints;
 *   - the human output shows the world, the tree with producers and the
 *     custom sections, and agrees with `--json`;
 *   - a core module lists its core imports and exports;
 *   - broken and missing files exit 1 with one clean line.
 * Round trip and validation of the re-encoded fixtures are in
 * packages/component/test/roundtrip.test.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWitText, resolveToJson } from '@weld/wit';
import { root, run, wasmTools, weld, type Run } from './support.js';

const reference = wasmTools();
const fixturesOut = join(root, 'test', 'fixtures', 'out');
const builtin = join(root, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin');
const watCorpus = join(root, 'packages', 'component', 'test', 'wat');
const scratch = mkdtempSync(join(tmpdir(), 'weld-inspect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A file to inspect, with a short name for test titles. */
interface Input {
  readonly name: string;
  readonly file: string;
}

function wasmToolsOk(...args: string[]): string {
  const result = run(reference, args);
  if (result.status !== 0) throw new Error(`wasm-tools ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** The real-toolchain fixtures (vitest's global setup builds them). */
const fixtures: Input[] = readdirSync(fixturesOut)
  .filter((name) => name.endsWith('.wasm'))
  .sort()
  .map((name) => ({ name: `fixture ${name}`, file: join(fixturesOut, name) }));

/**
 * One folder per WASI package of `release`: the package itself, the others
 * as `deps/`. Keyed by the folder name in jco (`wasi-cli`, ...).
 */
function stageRelease(release: string): Map<string, string> {
  const from = join(builtin, release);
  const packages = readdirSync(from).filter((name) => statSync(join(from, name)).isDirectory()).sort();
  const dirs = new Map<string, string>();
  for (const pkg of packages) {
    const dir = join(scratch, release, pkg);
    cpSync(join(from, pkg), dir, { recursive: true });
    for (const dep of packages) if (dep !== pkg) cpSync(join(from, dep), join(dir, 'deps', dep), { recursive: true });
    dirs.set(pkg, dir);
  }
  return dirs;
}

const releases = new Map(['0.2.12', '0.3.0'].map((release) => [release, stageRelease(release)]));

/** Every WASI package as a WIT-encoded component (`component wit DIR --wasm`). */
const witPackages: Input[] = [...releases].flatMap(([release, dirs]) =>
  [...dirs].map(([pkg, dir]) => {
    const file = join(scratch, `${release}-${pkg}.wasm`);
    wasmToolsOk('component', 'wit', dir, '--wasm', '-o', file);
    return { name: `wit ${pkg}@${release}`, file };
  }),
);

/** Core modules with dummy bodies for a WASI world, and the components made of them. */
const worlds = [
  ['0.2.12', 'wasi-cli', 'wasi:cli/command'],
  ['0.2.12', 'wasi-http', 'wasi:http/proxy'],
  ['0.3.0', 'wasi-cli', 'wasi:cli/command'],
  ['0.3.0', 'wasi-http', 'wasi:http/service'],
] as const;
const dummies = worlds.map(([release, pkg, world]) => {
  const dir = releases.get(release)?.get(pkg);
  if (dir === undefined) throw new Error(`jco ships no ${pkg} ${release}`);
  const stem = `${world.replace(/\W+/gu, '-')}-${release}`;
  const core = join(scratch, `${stem}.core.wasm`);
  const component = join(scratch, `${stem}.wasm`);
  wasmToolsOk('component', 'embed', '--dummy', dir, '--world', world, '-o', core);
  wasmToolsOk('component', 'new', core, '-o', component);
  return { core: { name: `core ${world}@${release}`, file: core }, component: { name: `new ${world}@${release}`, file: component } };
});

/** The WAT corpus of @weld/component: components wasm-tools can and cannot write as WIT. */
const wat: Input[] = readdirSync(watCorpus)
  .filter((name) => name.endsWith('.wat'))
  .sort()
  .map((name) => {
    const file = join(scratch, `${basename(name, '.wat')}.wasm`);
    wasmToolsOk('parse', join(watCorpus, name), '-o', file);
    return { name: `wat ${name}`, file };
  });

/** Files wasm-tools rejects: no world, cut short, not wasm at all. */
function brokenInputs(): Input[] {
  const plain = join(scratch, 'plain-core.wasm');
  wasmToolsOk('parse', '-o', plain, writeText('plain-core.wat', '(module (func (export "f")))'));
  const truncated = join(scratch, 'truncated.wasm');
  writeFileSync(truncated, readFileSync(join(fixturesOut, 'rust-calc.wasm')).subarray(0, 5000));
  return [
    { name: 'core module without component-type', file: plain },
    { name: 'truncated rust-calc', file: truncated },
    { name: 'garbage', file: writeText('garbage.wasm', 'hello, this is not wasm') },
    { name: 'empty file', file: writeText('empty.wasm', '') },
  ];
}

function writeText(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const broken = brokenInputs();

/** The resolve of some WIT text, as `wasm-tools component wit --json` would print it. */
function parsed(text: string): unknown {
  return resolveToJson(loadWitText('inspect.wit', text, { allFeatures: true }).resolve);
}

/** Exit 1, nothing on stdout, one `error:` line on stderr and no stack trace. */
function expectCleanFailure(result: Run): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^error: [^\n]+\n$/u);
  expect(result.status).toBe(1);
}

describe('weld inspect --wit', () => {
  it('has the nine real-toolchain fixtures to check', () => {
    expect(fixtures.map((f) => basename(f.file))).toEqual([
      'demo-app.wasm', 'demo-calc.wasm', 'demo-format.wasm', 'js-typed.wasm',
      'rust-calc.wasm', 'rust-fs.wasm', 'ts-app.wasm', 'wat-async.wasm', 'wat-wasi.wasm',
    ]);
  });

  const inputs = [...fixtures, ...witPackages, ...dummies.map((d) => d.component), ...wat, ...broken];
  it.each(inputs.map((input) => [input.name, input.file] as const))(
    'prints what wasm-tools component wit prints: %s',
    (_name, file) => {
      const expected = run(reference, ['component', 'wit', file]);
      const actual = weld('inspect', file, '--wit');
      if (expected.status !== 0) {
        expectCleanFailure(actual);
        return;
      }
      expect(actual.stderr).toBe('');
      expect(actual.status).toBe(0);
      expect(actual.stdout).toBe(expected.stdout);
      expect(parsed(actual.stdout)).toEqual(parsed(expected.stdout));
    },
  );

  it('has components with many WASI imports among them', () => {
    for (const { component } of dummies) {
      const imports = wasmToolsOk('component', 'wit', component.file).match(/^ {2}import wasi:/gmu) ?? [];
      expect(imports.length, component.name).toBeGreaterThanOrEqual(10);
    }
  });

  // A core module with a `component-type` section: the world embedded in it.
  it.each(dummies.map(({ core }) => [core.name, core.file] as const))(
    'prints the world embedded in a core module like wasm-tools: %s',
    (_name, file) => {
      const expected = run(reference, ['component', 'wit', file]);
      expect(expected.status).toBe(0);
      const actual = weld('inspect', file, '--wit');
      expect(actual.stdout).toBe(expected.stdout);
    },
  );
});

describe('weld inspect --json', () => {
  const components = [...fixtures, ...witPackages, ...dummies.map((d) => d.component)];
  it.each(components.map((input) => [input.name, input.file] as const))(
    'carries the resolve wasm-tools component wit --json prints: %s',
    (_name, file) => {
      const expected = JSON.parse(wasmToolsOk('component', 'wit', file, '--json')) as unknown;
      const actual = weld('inspect', file, '--json');
      expect(actual.stderr).toBe('');
      expect(actual.status).toBe(0);
      const report = JSON.parse(actual.stdout) as { wit: { resolve: unknown } };
      expect(report.wit.resolve).toEqual(expected);
    },
  );
});

/** The shape of `weld inspect --json` this file relies on. */
interface JsonNode {
  readonly kind: string;
  readonly name?: string;
  readonly size: number;
  readonly customSections: readonly { name: string; size: number }[];
  readonly children: readonly JsonNode[];
  readonly coreImports?: readonly { module: string; name: string }[];
  readonly coreExports?: readonly string[];
}
interface JsonReport {
  readonly kind: string;
  readonly size: number;
  readonly tree: JsonNode;
  readonly world?: {
    readonly name: string;
    readonly imports: readonly { package?: string; items: readonly { name: string; kind: string }[] }[];
    readonly exports: readonly { package?: string; items: readonly { name: string; kind: string }[] }[];
  };
  readonly wit?: { readonly resolve: { readonly packages: readonly { name: string }[] } };
}

function inspectJson(file: string): JsonReport {
  const result = weld('inspect', file, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as JsonReport;
}

/**
 * The lines under a heading, up to the next blank line or (unless
 * `untilBlank`: the tree's lines are not indented) the next line indented no
 * deeper than the heading.
 */
function block(text: string, heading: string, untilBlank = false): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  expect(start, `no "${heading}" line in:\n${text}`).toBeGreaterThanOrEqual(0);
  const indent = /^ */u.exec(heading)![0].length;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '' || (!untilBlank && /^ */u.exec(line)![0].length <= indent)) break;
    body.push(line);
  }
  return body;
}

/** Where the human output lists world items that belong to no package. */
const ownItems = '(world)';

/**
 * The items a world imports or exports, read from WIT that wasm-tools
 * printed: interfaces by package (`{ 'wasi:cli@0.2.12': ['environment'] }`),
 * functions of the world itself as `name (function)` under {@link ownItems}.
 */
function worldItemsByPackage(wit: string, direction: 'import' | 'export'): Record<string, string[]> {
  const world = /^world [a-z0-9-]+ \{\n([^]*?)^\}/mu.exec(wit);
  expect(world, 'no world in the WIT').not.toBeNull();
  const byPackage: Record<string, string[]> = {};
  for (const line of world![1]!.split('\n')) {
    if (!line.startsWith(`  ${direction} `)) continue;
    const iface = /^ {2}\w+ ([a-z0-9-]+:[a-z0-9-]+)\/([a-z0-9-]+)(@[^;]+)?;$/u.exec(line);
    const func = /^ {2}\w+ ([a-z0-9-]+): (?:async )?func\(/u.exec(line);
    if (iface !== null) (byPackage[`${iface[1]}${iface[3] ?? ''}`] ??= []).push(iface[2]!);
    else if (func !== null) (byPackage[ownItems] ??= []).push(`${func[1]} (function)`);
    else expect.fail(`a world item this test does not know: ${line}`);
  }
  return byPackage;
}

/** `    pkg: a, b` and `    name (kind)` lines of the human output, as the same record. */
function groupsShown(lines: readonly string[]): Record<string, string[]> {
  const byPackage: Record<string, string[]> = {};
  for (const line of lines) {
    const group = /^ {4}(\S+): (.+)$/u.exec(line);
    const own = /^ {4}(\S+ \((?:function|type|interface)\))$/u.exec(line);
    if (group !== null) byPackage[group[1]!] = group[2]!.split(', ');
    else if (own !== null) (byPackage[ownItems] ??= []).push(own[1]!);
    else expect.fail(`neither a package nor an item line: ${line}`);
  }
  return byPackage;
}

/** The tree lines `weld inspect` draws for a node's descendants, depth first. */
function treeLabels(node: JsonNode): string[] {
  return node.children.flatMap((child) => [`${child.kind}${child.name === undefined ? '' : ` ${child.name}`}`, ...treeLabels(child)]);
}

describe('weld inspect (for people)', () => {
  const cases = [
    { fixture: 'ts-app', language: 'JavaScript' },
    { fixture: 'rust-calc', language: 'Rust' },
  ] as const;

  it.each(cases)('shows the world, the tree and the custom sections of $fixture', ({ fixture, language }) => {
    const file = relative(root, join(fixturesOut, `${fixture}.wasm`));
    const result = weld('inspect', file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const text = result.stdout;
    const report = inspectJson(file);
    const wit = wasmToolsOk('component', 'wit', file);

    expect(text.split('\n')[0]).toMatch(new RegExp(`^component ${file} \\(\\d+(\\.\\d)? (B|KiB|MiB)\\)$`, 'u'));

    // The world: its name and its items grouped by package, as wasm-tools sees them.
    const pkg = /^package ([^;]+);$/mu.exec(wit)?.[1];
    const world = /^world ([a-z0-9-]+) \{$/mu.exec(wit)?.[1];
    expect(text).toContain(`\nworld ${pkg}/${world}\n`);
    expect(report.world?.name).toBe(`${pkg}/${world}`);
    expect(block(text, '  imports')).toContainEqual(expect.stringMatching(/^ {4}wasi:cli@0\.2\.12: /u));
    expect(groupsShown(block(text, '  imports'))).toEqual(worldItemsByPackage(wit, 'import'));
    expect(groupsShown(block(text, '  exports'))).toEqual(worldItemsByPackage(wit, 'export'));

    // The tree: the root line, then one line per nested module or component.
    const contents = block(text, 'contents', true);
    expect(contents[0]).toMatch(/^component {2}\d+(\.\d)? (B|KiB|MiB)/u);
    expect(contents.slice(1).map((line) => /^[│ ]*[├└]─ (.+?) {2}/u.exec(line)?.[1])).toEqual(treeLabels(report.tree));
    expect(contents).toContainEqual(expect.stringMatching(/^[├└]─ module main {2}\d/u));
    expect(contents).toContainEqual(expect.stringMatching(new RegExp(`language: (?:[^;)]*, )?${language}\\b`, 'u')));
    expect(contents).toContainEqual(expect.stringContaining('processed-by: wit-component '));

    // The custom sections of the outer component.
    const customs = block(text, 'custom sections');
    expect(customs.map((line) => line.trim().split('  ')[0])).toEqual(report.tree.customSections.map((c) => c.name));
    expect(customs).toContainEqual(expect.stringMatching(/^ {2}producers {2}\d+ B$/u));
  });

  it('lists functions of the world itself one per line (WAT with async functions)', () => {
    const file = join(scratch, '08-async.wasm');
    const wit = wasmToolsOk('component', 'wit', file);
    const text = weld('inspect', file).stdout;
    expect(text).toContain('\n    fetch (function)\n');
    expect(groupsShown(block(text, '  imports'))).toEqual(worldItemsByPackage(wit, 'import'));
    expect(groupsShown(block(text, '  exports'))).toEqual(worldItemsByPackage(wit, 'export'));
  });
});

describe('weld inspect --json (shape)', () => {
  it.each(['ts-app', 'rust-calc'])('has the report of %s as data', (fixture) => {
    const file = join(fixturesOut, `${fixture}.wasm`);
    const report = inspectJson(file);
    expect(report.kind).toBe('component');
    expect(report.size).toBe(statSync(file).size);
    expect(report.tree.size).toBe(report.size);
    expect(report.world?.imports.length).toBeGreaterThan(0);
    expect(report.world?.imports).toContainEqual({
      package: 'wasi:cli@0.2.12',
      items: expect.arrayContaining([{ name: 'environment', kind: 'interface' }]) as unknown,
    });
    expect(report.tree.children).toContainEqual(expect.objectContaining({ kind: 'module', name: 'main' }));
    expect(report.wit?.resolve.packages.map((p) => p.name)).toContain('wasi:cli@0.2.12');
  });
});

describe('weld inspect of a core module', () => {
  const core = dummies[0]!.core.file;

  /** `(import "module" "name"` and `(export "name"` of `wasm-tools print`. */
  function printed(): { imports: { module: string; name: string }[]; exports: string[] } {
    const text = wasmToolsOk('print', core);
    return {
      imports: [...text.matchAll(/^ {2}\(import "([^"]*)" "([^"]*)"/gmu)].map(([, module, name]) => ({ module: module!, name: name! })),
      exports: [...text.matchAll(/^ {2}\(export "([^"]*)"/gmu)].map(([, name]) => name!),
    };
  }

  it('lists its core imports and exports', () => {
    const { imports, exports } = printed();
    expect(imports.length).toBeGreaterThan(50);
    const result = weld('inspect', core);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^module \S+ \(\d+(\.\d)? KiB\)$/u);
    expect(block(result.stdout, 'imports').map((line) => line.trim())).toEqual(
      imports.map((i) => `${JSON.stringify(i.module)} ${JSON.stringify(i.name)}`),
    );
    expect(block(result.stdout, 'exports').map((line) => line.trim())).toEqual(exports.map((e) => JSON.stringify(e)));
    expect(block(result.stdout, 'custom sections')).toContainEqual(expect.stringMatching(/^ {2}component-type {2}/u));
  });

  it('has them in --json', () => {
    const { imports, exports } = printed();
    const report = inspectJson(core);
    expect(report.kind).toBe('module');
    expect(report.size).toBe(statSync(core).size);
    expect(report.tree.coreImports).toEqual(imports);
    expect(report.tree.coreExports).toEqual(exports);
    expect(report.world?.name).toBe('root:root/root');
    expect(report.wit?.resolve.packages.map((p) => p.name)).toContain('wasi:cli@0.2.12');
  });

  it('shows the world its component-type section embeds', () => {
    const wit = wasmToolsOk('component', 'wit', core);
    const text = weld('inspect', core).stdout;
    expect(text).toContain('\nembedded world root:root/root\n');
    expect(groupsShown(block(text, '  imports'))).toEqual(worldItemsByPackage(wit, 'import'));
    expect(groupsShown(block(text, '  exports'))).toEqual(worldItemsByPackage(wit, 'export'));
  });
});

describe('weld inspect of broken input', () => {
  const cutShort = broken.filter((input) => input.name !== 'core module without component-type');

  it.each(cutShort.map((input) => [input.name, input.file] as const))(
    'exits 1 with the byte offset and no stack trace: %s',
    (_name, file) => {
      for (const mode of [[], ['--wit'], ['--json']]) {
        const result = weld('inspect', file, ...mode);
        expectCleanFailure(result);
        expect(result.stderr).toContain(file);
        expect(result.stderr).toMatch(/ offset 0x[0-9a-f]+/u);
        expect(result.stderr).not.toMatch(/^\s+at /mu);
      }
    },
  );

  it('exits 1 with one clean line when the file does not exist', () => {
    const result = weld('inspect', 'no/such/file.wasm');
    expect(result).toEqual({ status: 1, stdout: '', stderr: "error: cannot read 'no/such/file.wasm': no such file or directory\n" });
  });

  it('exits 1 with one clean line when the path is a directory', () => {
    const dir = join(scratch, 'a-directory');
    mkdirSync(dir, { recursive: true });
    expectCleanFailure(weld('inspect', dir));
  });

  it('exits 1 when the file is missing from the command line', () => {
    const result = weld('inspect');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("error: missing required argument 'file'\n");
  });

  it('shows its argument and options in --help', () => {
    const { status, stdout } = weld('inspect', '--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: weld inspect \[options\] <file>/mu);
    for (const option of ['--wit', '--json']) expect(stdout).toContain(option);
  });
});
