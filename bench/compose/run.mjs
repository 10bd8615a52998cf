#!/usr/bin/env node
// `npm run bench:compose`: how fast is `weld compose`, against `wac plug` on
// the same inputs, and how big are the results?
//
// Compositions (inputs built into a scratch folder first):
//   - math: a socket importing example:math/ops, one plug (WIT-only
//     components from `wasm-tools component embed --dummy` + `component new`);
//   - chain: socket ← first ← second, plugged transitively;
//   - demo: the demo fixtures, demo-app (TypeScript, ~12 MB) with demo-calc
//     (Rust) and demo-format (Go) as plugs, when test/fixtures/out has them;
//   - big: a socket importing bench:app-N/greeter for N = 1..COPIES, each
//     filled by a copy of the ts-app fixture (~11.5 MB, componentize-js)
//     whose export weld:ts-app/greeter is renamed bench:app-N/greeter with
//     @weld/component; with the default 3 copies the inputs total ~36 MB.
// For each: both tools must succeed and both outputs must pass `wasm-tools
// validate`; then whole processes are timed (hyperfine when installed, else
// N spawns timed here) and sizes compared. Ratios are weld / wac.
// wac is ~/.cargo/bin/wac or on PATH; when missing it is installed with
// `cargo install --locked wac-cli` (pass --no-install to skip wac instead).
//
// Usage: node bench/compose/run.mjs [--runs N] [--warmup N] [--copies N] [--no-install]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeComponent, encodeComponent } from '@weld/component';
import { capture, findTool, ms, positiveInt, timeProcesses, timingMethod } from '../lib.mjs';

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    copies: { type: 'string', default: '3' },
    'no-install': { type: 'boolean', default: false },
  },
});
const runs = positiveInt(flags.runs, '--runs');
const warmup = positiveInt(flags.warmup, '--warmup', true);
const copies = positiveInt(flags.copies, '--copies');

const root = fileURLToPath(new URL('../../', import.meta.url));
const weldBin = join(root, 'cli/bin/weld.js');
const fixturesOut = join(root, 'test/fixtures/out');

const size = (bytes) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

function must(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

function findWac() {
  const found = findTool('wac');
  if (found !== undefined || flags['no-install']) return found;
  const cargo = findTool('cargo');
  if (cargo === undefined) return undefined;
  console.log('wac not found: cargo install --locked wac-cli (takes a while)');
  const result = spawnSync(cargo, ['install', '--locked', 'wac-cli'], { stdio: 'inherit' });
  return result.status === 0 ? findTool('wac') : undefined;
}

/** A component made from WIT text with `embed --dummy` + `new`, written to `dir/name`. */
function fromWit(wasmTools, dir, name, wit, world) {
  const witDir = join(dir, `${name}.wit.d`);
  mkdirSync(witDir, { recursive: true });
  writeFileSync(join(witDir, 'world.wit'), wit);
  const core = join(dir, `${name}.core.wasm`);
  const out = join(dir, `${name}.wasm`);
  must(wasmTools, ['component', 'embed', '--dummy', witDir, '--world', world, '-o', core]);
  must(wasmTools, ['component', 'new', core, '-o', out]);
  return out;
}

const mathWit = `
package example:math@1.0.0;
interface types { record point { x: s32, y: s32 } }
interface ops {
  use types.{point};
  add: func(a: s32, b: s32) -> s32;
  norm: func(p: point) -> u32;
}
world calc { export ops; }
world app { import ops; export run: func() -> s32; }
`;

const chainWit = `
package example:chain@0.1.0;
interface a { run: func(x: u32) -> u32; }
interface b { step: func(x: u32) -> list<u32>; }
interface sink { log: func(msg: string); }
world app { import a; export main: func() -> u32; }
world first { import b; export a; }
world second { import sink; export b; }
`;

const greeter = `
  record greeting { text: string, lucky: u32, at-seconds: u64 }
  greet: func(name: string) -> greeting;
  shout: func(words: list<string>) -> string;
`;

/** ts-app with its export weld:ts-app/greeter@0.1.0 renamed `name` (and nothing else changed). */
function renamedTsApp(bytes, name) {
  const component = decodeComponent(bytes);
  let renamed = 0;
  const sections = component.sections.map((section) => {
    if (section.kind !== 'export') return section;
    const exports = section.exports.map((e) => {
      if (e.name.name !== 'weld:ts-app/greeter@0.1.0') return e;
      renamed++;
      return { ...e, name: { ...e.name, name } };
    });
    return { kind: 'export', exports };
  });
  if (renamed !== 1) throw new Error(`expected one export weld:ts-app/greeter@0.1.0 in ts-app.wasm, found ${renamed}`);
  return encodeComponent({ ...component, sections });
}

function buildInputs(wasmTools, dir) {
  const list = [];
  const math = join(dir, 'math');
  mkdirSync(math);
  list.push({
    name: 'math',
    socket: fromWit(wasmTools, math, 'app', mathWit, 'app'),
    plugs: [fromWit(wasmTools, math, 'calc', mathWit, 'calc')],
  });
  const chain = join(dir, 'chain');
  mkdirSync(chain);
  list.push({
    name: 'chain',
    socket: fromWit(wasmTools, chain, 'app', chainWit, 'app'),
    plugs: [fromWit(wasmTools, chain, 'first', chainWit, 'first'), fromWit(wasmTools, chain, 'second', chainWit, 'second')],
  });
  const demo = ['demo-app', 'demo-calc', 'demo-format'].map((n) => join(fixturesOut, `${n}.wasm`));
  if (demo.every((file) => existsSync(file))) list.push({ name: 'demo', socket: demo[0], plugs: demo.slice(1) });
  else console.log('(demo fixtures missing: skipping the demo composition; build them with node test/fixtures/build.mjs)');

  const tsApp = join(fixturesOut, 'ts-app.wasm');
  if (!existsSync(tsApp)) {
    const result = spawnSync(process.execPath, [join(root, 'test/fixtures/build.mjs'), 'ts-app'], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('cannot build the ts-app fixture');
  }
  const big = join(dir, 'big');
  mkdirSync(big);
  const tsBytes = readFileSync(tsApp);
  const plugs = [];
  let socketWit = '';
  const imports = [];
  for (let n = 1; n <= copies; n++) {
    const file = join(big, `app-${n}.wasm`);
    writeFileSync(file, renamedTsApp(tsBytes, `bench:app-${n}/greeter@0.1.0`));
    plugs.push(file);
    socketWit += `package bench:app-${n}@0.1.0 {\n  interface greeter {${greeter}  }\n}\n`;
    imports.push(`  import bench:app-${n}/greeter@0.1.0;`);
  }
  socketWit = `package bench:socket;\nworld socket {\n${imports.join('\n')}\n  export run: func() -> u32;\n}\n${socketWit}`;
  list.push({ name: `big (${copies} × ts-app)`, socket: fromWit(wasmTools, big, 'socket', socketWit, 'socket'), plugs });
  return list;
}

function main() {
  const wasmTools = findTool('wasm-tools');
  if (wasmTools === undefined) throw new Error('wasm-tools not found: cargo install --locked wasm-tools --version 1.263.0');
  const hyperfine = findTool('hyperfine');
  const wac = findWac();
  if (wac === undefined) console.log('(wac not found: timing weld alone)');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-compose-'));
  try {
    const compositions = buildInputs(wasmTools, scratch);
    const wacVersion = wac === undefined ? undefined : capture(wac, ['--version']);
    console.log(`weld compose vs ${wacVersion?.ok ? wacVersion.text.trim() : 'wac plug'} (${timingMethod(hyperfine, runs)}; ratios = weld / wac)`);
    const header = ['composition', 'inputs', 'weld', 'wac', 'ratio', 'weld out', 'wac out', 'size ratio'];
    const rows = [];
    for (const c of compositions) {
      const inputBytes = [c.socket, ...c.plugs].reduce((sum, f) => sum + statSync(f).size, 0);
      const weldOut = join(scratch, `${c.name.split(' ')[0]}-weld.wasm`);
      const wacOut = join(scratch, `${c.name.split(' ')[0]}-wac.wasm`);
      const weldArgv = [process.execPath, weldBin, 'compose', c.socket, ...c.plugs.flatMap((p) => ['--plug', p]), '-o', weldOut];
      const wacArgv = wac === undefined ? undefined : [wac, 'plug', c.socket, ...c.plugs.flatMap((p) => ['--plug', p]), '-o', wacOut];
      // A fast wrong answer is not a result: both must succeed and validate first.
      for (const argv of [weldArgv, wacArgv]) {
        if (argv === undefined) continue;
        must(argv[0], argv.slice(1));
        must(wasmTools, ['validate', argv.at(-1)]);
      }
      const times = timeProcesses([weldArgv, ...(wacArgv ? [wacArgv] : [])], { hyperfine, scratch, runs, warmup });
      const weldSize = statSync(weldOut).size;
      const wacSize = wacArgv ? statSync(wacOut).size : undefined;
      rows.push([
        c.name,
        size(inputBytes),
        ms(times[0]).trim(),
        times[1] === undefined ? '-' : ms(times[1]).trim(),
        times[1] === undefined ? '-' : `${(times[0] / times[1]).toFixed(2)}×`,
        size(weldSize),
        wacSize === undefined ? '-' : size(wacSize),
        wacSize === undefined ? '-' : `${(weldSize / wacSize).toFixed(3)}×`,
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => `  ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`;
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log('(weld\'s output also carries its weld-composition provenance section; wac\'s has no such record)');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
