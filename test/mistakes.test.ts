/**
 * Plain user mistakes, across every command, through the built `weld`
 * binary. The rule each row checks: exit 1 (2 is for bugs in weld), no
 * stack trace, and stderr is one `error: …` line that names the thing,
 * optionally followed by one hint line that says the fix. A WIT error in a
 * source file also shows the lines wasm-tools shows (the message's list, the
 * source line and a caret) between the two; such rows say `source: true`.
 *
 * Nothing here needs chmod (the tests may run as root): unwritable outputs
 * are a path under a regular file, a missing folder, or /dev/full, which is
 * checked to still be a device after every row that writes to it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, root } from './support.js';
import { freePort, startDistribution, type TestRegistry } from './support/registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'weld-mistakes-'));
const at = (...parts: string[]): string => join(scratch, ...parts);
const calc = join(root, 'components', 'prebuilt', 'calc.wasm');
const format = join(root, 'components', 'prebuilt', 'format.wasm');
const user = { username: 'weld-user', password: 's3cret-Pa55word' };

let registry: TestRegistry;
/** A loopback port nothing listens on. */
let closedPort: number;

/** A project file with one complete component, and `extra` lines appended to it. */
const project = (extra = '', component = 'name = "calc"\nlanguage = "rust"\nsource = "."\nworld = "calculator"\n'): string =>
  `[[component]]\n${component}${extra}`;

beforeAll(async () => {
  writeFileSync(at('file'), 'not a folder\n');
  writeFileSync(at('garbage.wasm'), 'not wasm at all\n');
  copyFileSync(calc, at('calc.wasm'));
  mkdirSync(at('empty'));
  mkdirSync(at('missing-dep'));
  writeFileSync(at('missing-dep', 'a.wit'), 'package a:b;\n\ninterface i {\n  use wasi:io/streams@0.2.0.{input-stream};\n}\n');
  writeFileSync(at('one.yaml'), 'components:\n  calc: calc.wasm\ninstances:\n  c:\n    component: calc\nexports:\n  weld:demo/calc@0.1.0: c.weld:demo/calc@0.1.0\n');
  const toml = (name: string, text: string) => writeFileSync(at(`${name}.toml`), text);
  toml('single-bracket', '[component]\nname = "calc"\nlanguage = "rust"\nsource = "."\nworld = "calculator"\n');
  toml('key-typo', project('', 'nmae = "calc"\nlanguage = "rust"\nsource = "."\nworld = "calculator"\n'));
  toml('table-typo', `[biuld]\nout-dir = "out"\n\n${project()}`);
  toml('language-typo', project('', 'name = "calc"\nlanguage = "rsut"\nsource = "."\nworld = "calculator"\n'));
  toml('duplicate', `${project()}\n${project()}`);
  toml('syntax', '[[component]\nname = "calc"\n');
  expect(weld(['package', calc, '-o', at('layout')]).status).toBe(0);
  // A copy whose wasm layer lost its last byte: every pull from it fails half-way.
  expect(weld(['package', calc, '-o', at('corrupt')]).status).toBe(0);
  const blobs = at('corrupt', 'blobs', 'sha256');
  const layer = readdirSync(blobs).map((name) => join(blobs, name)).find((path) => statSync(path).size === statSync(calc).size);
  writeFileSync(layer!, readFileSync(calc).subarray(0, -1));
  closedPort = await freePort();
  registry = await startDistribution(user);
}, 60_000);

afterAll(async () => {
  await registry?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

interface Result {
  readonly status: number | null;
  readonly stderr: string;
}

/** Runs the built weld in `scratch` with an empty Docker config; `stdout` may name a file to write it to. */
function weld(args: readonly string[], options: { input?: string; stdout?: string; cwd?: string } = {}): Result {
  const fd = options.stdout === undefined ? undefined : openSync(options.stdout, 'w');
  try {
    const result = spawnSync(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? scratch,
      encoding: 'utf8',
      env: { ...process.env, WELD_DEBUG: '', NO_COLOR: '1', DOCKER_CONFIG: at('no-docker-config') },
      input: options.input ?? '',
      stdio: ['pipe', fd ?? 'pipe', 'pipe'],
      timeout: 60_000,
    });
    if (result.error !== undefined) throw result.error;
    return { status: result.status, stderr: result.stderr };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** One mistake: the command line, what the error line must say, and the fix the hint (or the line) must give. */
interface Mistake {
  readonly args: () => readonly string[];
  readonly error: RegExp;
  readonly fix?: RegExp;
  readonly input?: string;
  readonly stdout?: string;
  readonly cwd?: () => string;
  /** A WIT source error: wasm-tools' rendering (list, source line, caret) sits between the error and the hint. */
  readonly source?: boolean;
  /** Must not exist afterwards (no partial output). */
  readonly leaves?: () => string;
}

const reg = (): string => registry.host;
const closed = (): string => `127.0.0.1:${closedPort}`;

const mistakes: Record<string, Record<string, Mistake>> = {
  'weld (commands and flags)': {
    'a typo in a command': { args: () => ['wti', 'wit'], error: /unknown command 'wti'/, fix: /did you mean wit\?/ },
    'a typo in another command': { args: () => ['bulid'], error: /unknown command 'bulid'/, fix: /did you mean build\?/ },
    'a typo in a global flag': { args: () => ['--verison'], error: /unknown option '--verison'/, fix: /did you mean --version\?/ },
    'a typo in a command flag': { args: () => ['wit', '--jsn', 'wit'], error: /unknown option '--jsn'/, fix: /did you mean --json\?/ },
  },
  'weld wit': {
    'a missing path': { args: () => ['wit', 'nosuch.wit'], error: /cannot read 'nosuch\.wit': no such file or directory/ },
    'no path at all': { args: () => ['wit'], error: /missing required argument 'path'/ },
    'a path under a regular file': { args: () => ['wit', at('file', 'a.wit')], error: /cannot read '.*file\/a\.wit': a part of the path is a file, not a folder/ },
    'a component': { args: () => ['wit', calc], error: /calc\.wasm: a WebAssembly component, not WIT/, fix: /weld inspect --wit .*calc\.wasm/ },
    'a file that is neither WIT nor wasm': { args: () => ['wit', at('garbage.wasm')], error: /expected `world`, `interface` or `use`/, fix: /garbage\.wasm:1:1/, source: true },
    'a package that is not in deps/': { args: () => ['wit', at('missing-dep')], error: /package 'wasi:io@0\.2\.0' not found/, fix: /under deps\/ next to the package/, source: true },
    'an unknown --features name': { args: () => ['wit', 'wit', '--features', 'exact-summ'], cwd: () => root, error: /--features exact-summ: no @unstable item uses the feature 'exact-summ'/, fix: /did you mean exact-sum\?/ },
    'an empty folder': { args: () => ['wit', at('empty')], error: /empty: no \.wit files in this folder/ },
    'stdout on a full disk': { args: () => ['wit', 'wit'], stdout: '/dev/full', cwd: () => root, error: /cannot write to standard output: no space left on the device/ },
  },
  'weld inspect': {
    'a missing file': { args: () => ['inspect', 'nosuch.wasm'], error: /cannot read 'nosuch\.wasm': no such file or directory/ },
    'a .wit file': { args: () => ['inspect', join(root, 'wit', 'calc.wit')], error: /calc\.wit: a WIT file, not a WebAssembly binary/, fix: /weld wit .*calc\.wit/ },
    'a folder of WIT': { args: () => ['inspect', join(root, 'wit')], error: /wit: is a directory; inspect a \.wasm file/ },
    'a file that is not wasm': { args: () => ['inspect', at('garbage.wasm')], error: /garbage\.wasm: invalid magic number/ },
    'an unknown --graph format': { args: () => ['inspect', calc, '--graph', 'svg'], error: /--graph svg: expected dot or mermaid/ },
    '--graph of a component weld did not compose': { args: () => ['inspect', calc, '--graph', 'dot'], error: /no weld-composition section/, fix: /weld compose/ },
    '--artifact-type without --referrers': { args: () => ['inspect', calc, '--artifact-type', 'x'], error: /--artifact-type needs --referrers/ },
    '--referrers of a file': { args: () => ['inspect', calc, '--referrers'], error: /--referrers needs a registry reference/ },
    'a tag the layout does not have': { args: () => [`inspect`, `${at('layout')}:v9`], error: /no image named v9 \(it has: latest\)/ },
    'a registry that is not running': { args: () => ['inspect', `${closed()}/calc:1`], error: /127\.0\.0\.1:\d+.*(ECONNREFUSED|refused)/ },
    'a reference without a host': { args: () => ['inspect', 'calc/app:1'], error: /calc\/app:1: no such file, and not a registry reference/, fix: /host\[:port\]\/repository/ },
  },
  'weld build': {
    'a missing project file': { args: () => ['build', '-p', at('nope.toml')], error: /nope\.toml: no such file/ },
    'a folder as the project file': { args: () => ['build', '-p', at('empty')], error: /empty: is a folder/, fix: /weld\.toml/ },
    'no weld.toml here or above': { args: () => ['build'], cwd: () => at('empty'), error: /no weld\.toml here or in a folder above/ },
    '[component] instead of [[component]]': { args: () => ['build', '-p', at('single-bracket.toml')], error: /single-bracket\.toml/, fix: /\[\[component\]\]/ },
    'a typo in a key': { args: () => ['build', '-p', at('key-typo.toml')], error: /key-typo\.toml/, fix: /unknown key `nmae`.*did you mean `name`\?/ },
    'a typo in a table': { args: () => ['build', '-p', at('table-typo.toml')], error: /table-typo\.toml/, fix: /unknown key `biuld`.*did you mean `build`\?/ },
    'a typo in a language': { args: () => ['build', '-p', at('language-typo.toml')], error: /language-typo\.toml/, fix: /language: expected one of "rust"/ },
    'two components with one name': { args: () => ['build', '-p', at('duplicate.toml')], error: /the name `calc` is taken by an earlier component/ },
    'a TOML syntax error': { args: () => ['build', '-p', at('syntax.toml')], error: /syntax\.toml:1:\d+: /, source: true },
    'an unknown component': { args: () => ['build', 'calcc'], cwd: () => root, error: /no component named `calcc`/, fix: /calc, format, app/ },
    'a bad --jobs': { args: () => ['build', '--jobs', '0'], cwd: () => root, error: /--jobs 0: expected a whole number/ },
    'a bad --progress': { args: () => ['build', '--progress', 'fancy'], cwd: () => root, error: /--progress fancy: expected auto, spinner or plain/ },
    'a typo in a flag': { args: () => ['build', '--forse'], error: /unknown option '--forse'/, fix: /did you mean --force\?/ },
  },
  'weld compose': {
    'no -o': { args: () => ['compose', calc, '--plug', format], error: /required option '-o, --output <file>' not specified/ },
    'nothing to plug': { args: () => ['compose', calc, '-o', at('x.wasm')], error: /nothing to plug into/, fix: /--plug FILE/ },
    'a missing plug': { args: () => ['compose', calc, '--plug', 'nosuch.wasm', '-o', at('x.wasm')], error: /cannot read 'nosuch\.wasm'/ },
    'a folder as the output': { args: () => ['compose', at('one.yaml'), '-o', scratch], error: /cannot write '.*': it is a folder/, fix: /out\.wasm/ },
    'an output in a missing folder': { args: () => ['compose', at('one.yaml'), '-o', '/missing/dir/x.wasm'], error: /cannot write '\/missing\/dir\/x\.wasm': the folder '\/missing\/dir' does not exist/, fix: /create it first/ },
    'an output under a regular file': { args: () => ['compose', at('one.yaml'), '-o', at('file', 'x.wasm')], error: /'.*file' is a file, not a folder/ },
    'an output on a full disk': { args: () => ['compose', at('one.yaml'), '-o', '/dev/full'], error: /cannot write '\/dev\/full': no space left on the device/ },
    'a layout as the socket': { args: () => ['compose', at('layout'), '--plug', calc, '-o', at('x.wasm')], error: /layout: an OCI image layout, not a component/, fix: /weld pull .*layout -o/ },
    'a .wit file as the socket': { args: () => ['compose', join(root, 'wit', 'calc.wit'), '--plug', calc, '-o', at('x.wasm')], error: /calc\.wit: a WIT file, not a WebAssembly component/, fix: /weld wit/ },
    '--plug with a configuration file': { args: () => ['compose', at('one.yaml'), '--plug', calc, '-o', at('x.wasm')], error: /--plug and --into do not go with a configuration file/ },
    '--into without an import': { args: () => ['compose', calc, '--plug', format, '--into', 'calc.wasm', '-o', at('x.wasm')], error: /--into calc\.wasm: expected SOCKET#IMPORT/ },
    'a missing configuration file': { args: () => ['compose', at('nope.yaml'), '-o', at('x.wasm')], error: /cannot read '.*nope\.yaml'/ },
  },
  'weld package': {
    'a missing input': { args: () => ['package', 'nosuch.wasm', '-o', at('l1')], error: /nosuch\.wasm: no such file/ },
    'a layout under a regular file': { args: () => ['package', calc, '-o', at('file', 'layout')], error: /'.*file' is a file, not a folder/, leaves: () => at('file', 'layout') },
    'a tar in a missing folder': { args: () => ['package', calc, '-o', at('missing', 'x.tar')], error: /the folder '.*missing' does not exist/, fix: /create it first/ },
    'a folder that is not a layout': { args: () => ['package', calc, '-o', join(root, 'wit')], error: /neither empty nor an OCI image layout/ },
    'a file as the layout folder': { args: () => ['package', calc, '-o', at('file')], error: /cannot write into '.*file': it is a file, not a folder/, fix: /\.tar/ },
    'an unknown --format': { args: () => ['package', calc, '-o', at('l2'), '--format', 'oci'], error: /--format oci: expected wasm or docker/ },
    'a bad --created': { args: () => ['package', calc, '-o', at('l3'), '--created', 'yesterday'], error: /--created yesterday: not an RFC 3339 time/ },
    'a bad --annotation': { args: () => ['package', calc, '-o', at('l4'), '--annotation', 'novalue'], error: /--annotation novalue: expected KEY=VALUE/ },
    'a .wit file': { args: () => ['package', join(root, 'wit', 'calc.wit'), '-o', at('l5')], error: /calc\.wit: a WIT file, not a WebAssembly binary/, leaves: () => at('l5') },
  },
  'weld pull': {
    'a file as the layout folder': { args: () => ['pull', at('layout'), '-o', at('file')], error: /cannot write into '.*file': it is a file, not a folder/, fix: /name a \.wasm file/ },
    'a .wasm under a regular file': { args: () => ['pull', at('layout'), '-o', at('file', 'x.wasm')], error: /'.*file' is a file, not a folder/ },
    'a .wasm in a missing folder': { args: () => ['pull', at('layout'), '-o', at('missing', 'x.wasm')], error: /the folder '.*missing' does not exist/ },
    'a folder that is not a layout': { args: () => ['pull', at('layout'), '-o', join(root, 'wit')], error: /neither empty nor an OCI image layout/ },
    'a reference without a host': { args: () => ['pull', 'calc:1', '-o', at('x.wasm')], error: /calc:1: no such file or layout, and not a reference/, fix: /host\[:port\]\/repository/ },
    'a registry that is not running': { args: () => ['pull', `${closed()}/calc:1`, '-o', at('x.wasm'), '--retries', '0'], error: /127\.0\.0\.1:\d+.*(ECONNREFUSED|refused)/, leaves: () => at('x.wasm') },
    'a wrong password': { args: () => ['pull', `${reg()}/private/calc:1`, '-o', at('x.wasm'), '--username', user.username, '--password-stdin'], input: 'wrong', error: /unauthorized \(401\) for user "weld-user": wrong username or password/, leaves: () => at('x.wasm') },
    'no credentials': { args: () => ['pull', `${reg()}/private/calc:1`, '-o', at('x.wasm')], error: /unauthorized \(401\); no credentials for 127\.0\.0\.1:\d+/ },
    '--password-stdin without --username': { args: () => ['pull', `${reg()}/x:1`, '-o', at('x.wasm'), '--password-stdin'], error: /--password-stdin needs --username/ },
    'a bad --retries': { args: () => ['pull', `${reg()}/x:1`, '-o', at('x.wasm'), '--retries', 'many'], error: /--retries many: expected a whole number/ },
    'a corrupt blob, into a .wasm': { args: () => ['pull', at('corrupt'), '-o', at('never.wasm')], error: /corrupt.*(digest|bytes)/, leaves: () => at('never.wasm') },
    'a corrupt blob, into a new layout': { args: () => ['pull', at('corrupt'), '-o', at('never-layout')], error: /corrupt.*(digest|bytes)/, leaves: () => at('never-layout') },
    'stdout on a full disk': { args: () => ['pull', at('layout'), '-o', at('pulled.wasm')], stdout: '/dev/full', error: /cannot write to standard output: no space left on the device/ },
  },
  'weld push': {
    'a missing input': { args: () => ['push', 'nosuch.wasm', `${reg()}/x:1`], error: /nosuch\.wasm: no such file or layout/ },
    'a reference without a host': { args: () => ['push', calc, 'calc:1'], error: /calc:1: a reference needs the registry's host/, fix: /docker\.io\/library\/calc:1/ },
    'a registry that is not running': { args: () => ['push', calc, `${closed()}/calc:1`], error: /127\.0\.0\.1:\d+.*(ECONNREFUSED|refused)/ },
    'no credentials': { args: () => ['push', calc, `${reg()}/private/calc:1`], error: /unauthorized \(401\); no credentials for 127\.0\.0\.1:\d+/ },
    '--username without --password-stdin': { args: () => ['push', calc, `${reg()}/x:1`, '--username', 'me'], error: /--username needs --password-stdin/ },
    'a bad --chunk-size': { args: () => ['push', calc, `${reg()}/x:1`, '--chunk-size', 'lots'], error: /--chunk-size lots: expected a size such as 5m/ },
  },
  'weld run and serve': {
    'a missing component': { args: () => ['run', 'nosuch.wasm'], error: /nosuch\.wasm: no such file, and not an OCI reference/ },
    'a .wit file': { args: () => ['run', join(root, 'wit', 'calc.wit')], error: /calc\.wit: a WIT file, not a WebAssembly component/, fix: /weld wit/ },
    'a component without wasi:cli/run': { args: () => ['run', calc], error: /does not export wasi:cli\/run/, fix: /it exports weld:demo\/calc@0\.1\.0/ },
    'a folder that is not a layout': { args: () => ['run', join(root, 'wit')], error: /a directory, but not an OCI image layout/ },
    'a --dir that does not exist': { args: () => ['run', calc, '--dir', '/nonexistent'], error: /--dir \/nonexistent: \/nonexistent does not exist/ },
    'a bad --env': { args: () => ['run', calc, '--env', '=x'], error: /--env =x: expected K=V or K/ },
    'a bad --port': { args: () => ['serve', calc, '-p', '99999'], error: /--port 99999: expected a port number, 0 to 65535/ },
    'no --port': { args: () => ['serve', calc], error: /required option '-p, --port <N>' not specified/ },
    'a component without wasi:http': { args: () => ['serve', calc, '-p', '0'], error: /does not export wasi:http\/incoming-handler/, fix: /it exports weld:demo\/calc@0\.1\.0/ },
  },
  'weld types': {
    'a typo in --world': { args: () => ['types', 'wit', '--guest', '--world', 'calculater', '-o', at('t1')], cwd: () => root, error: /no world named 'calculater'/, fix: /did you mean calculator\?/ },
    'neither --guest nor --host': { args: () => ['types', 'wit', '-o', at('t2')], cwd: () => root, error: /choose one of --guest and --host/ },
    'several worlds and no --world': { args: () => ['types', 'wit', '--guest', '-o', at('t3')], cwd: () => root, error: /several worlds; choose one with --world: app, calculator, formatter/ },
    'a file as the output folder': { args: () => ['types', 'wit', '--guest', '--world', 'calculator', '-o', at('file')], cwd: () => root, error: /cannot write into '.*file': it is a file, not a folder/ },
    'an output under a regular file': { args: () => ['types', 'wit', '--guest', '--world', 'calculator', '-o', at('file', 'types')], cwd: () => root, error: /'.*file' is a file, not a folder/ },
    'an output in a missing folder': { args: () => ['types', 'wit', '--guest', '--world', 'calculator', '-o', at('missing', 'types')], cwd: () => root, error: /the folder '.*missing' does not exist/ },
    'a missing input': { args: () => ['types', 'nosuch.wit', '--guest', '-o', at('t4')], error: /cannot read 'nosuch\.wit'/ },
    'an unknown --features name': { args: () => ['types', 'wit', '--guest', '--world', 'calculator', '--features', 'nosuch', '-o', at('t5')], cwd: () => root, error: /--features nosuch: no @unstable item uses the feature 'nosuch'/, leaves: () => at('t5') },
    'no -o': { args: () => ['types', 'wit', '--guest', '--world', 'calculator'], cwd: () => root, error: /required option '-o, --out <dir>' not specified/ },
  },
};

/** The lines wasm-tools prints for a source error after its message: an indented list, `-->`, gutters with the line and caret. */
const sourceLine = /^(\s{4}\S|\s+-->|\s*\d*\s*\||\s+\d+:|\s+\^)/;

describe.each(Object.entries(mistakes))('%s', (_group, rows) => {
  it.each(Object.entries(rows))('%s', (_name, row) => {
    const run = weld(row.args(), { ...(row.input !== undefined && { input: row.input }), ...(row.stdout !== undefined && { stdout: row.stdout }), ...(row.cwd && { cwd: row.cwd() }) });
    const shown = `weld ${row.args().join(' ')}\n${run.stderr}`;
    expect(run.status, shown).toBe(1);
    expect(run.stderr, shown).not.toMatch(/internal error|^\s+at |node:internal|Error: E[A-Z]+:/m);
    const lines = run.stderr.split('\n');
    expect(lines.pop(), `${shown}: stderr ends with a newline`).toBe('');
    expect(lines[0], shown).toMatch(/^error: \S/);
    expect(lines[0], shown).toMatch(row.error);
    const rest = row.source === true ? lines.slice(1).filter((line) => !sourceLine.test(line)) : lines.slice(1);
    expect(rest.length, `${shown}: at most one hint line after the error`).toBeLessThanOrEqual(1);
    if (rest[0] !== undefined) expect(rest[0], shown).toMatch(/^ {2}\S/);
    if (row.fix !== undefined) expect(run.stderr, shown).toMatch(row.fix);
    if (row.stdout === '/dev/full' || row.args().includes('/dev/full')) expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    if (row.leaves !== undefined) expect(existsSync(row.leaves()), `${shown}: left ${row.leaves()} behind`).toBe(false);
    // No temporary file or folder is left next to an output.
    expect(readdirSync(scratch).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

it('has at least sixty mistakes', () => {
  expect(Object.values(mistakes).reduce((n, rows) => n + Object.keys(rows).length, 0)).toBeGreaterThanOrEqual(60);
});
