#!/usr/bin/env node
// `npm run bench:inspect`: how fast is `weld inspect --wit`, against
// `wasm-tools component wit` on the same file?
//
// Inputs: two real components from test/fixtures/out (built first if they
// are missing): ts-app.wasm (~12 MB, componentize-js: one huge core module)
// and rust-calc.wasm (~140 KB, Rust). Measurements:
//   1. whole processes: `weld inspect FILE --wit` vs `wasm-tools component
//      wit FILE`, with hyperfine when it is installed, else N spawns timed
//      here; ratio = weld / wasm-tools. Before timing, both outputs must be
//      identical, because a fast wrong answer is not a result. Two baselines
//      show the fixed cost: `node -e 0` and `weld --version`.
//   2. in-process, median of N: `inspectBinary` (everything the CLI asks of
//      the library), split into `decodeComponent`,
//      `componentTree` (nesting, sizes, producers), `componentWit` (types →
//      WIT resolve), plus `printWit`, to show where the time goes.
//
// Usage: node bench/inspect/run.mjs [--runs N] [--warmup N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentTree, componentWit, decodeComponent, inspectBinary } from '@weld/component';
import { printOrder, printWit } from '@weld/wit';
import { capture, findTool, median, ms, timeProcesses, timingMethod, countFlags } from '../lib.mjs';

const { runs, warmup } = countFlags({ runs: 20, warmup: 3 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const weldBin = join(root, 'cli/bin/weld.js');
const fixtures = [
  { name: 'ts-app', what: 'componentize-js' },
  { name: 'rust-calc', what: 'Rust' },
].map((f) => ({ ...f, file: join(root, 'test/fixtures/out', `${f.name}.wasm`) }));

const size = (bytes) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Builds the fixtures that are missing (the builder caches, so this is quick when they exist elsewhere). */
function ensureFixtures() {
  const missing = fixtures.filter((f) => !existsSync(f.file)).map((f) => f.name);
  if (missing.length === 0) return;
  console.log(`building fixtures: ${missing.join(', ')}`);
  const result = spawnSync(process.execPath, [join(root, 'test/fixtures/build.mjs'), ...missing], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node test/fixtures/build.mjs ${missing.join(' ')} exited with ${result.status}`);
}

/** Median milliseconds of `work()` over `runs` calls, after `warmup` calls. */
function timeInProcess(work) {
  for (let i = 0; i < warmup; i++) work();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** The WIT text `weld inspect --wit` prints for a decoded component. */
function witOf(wit) {
  if (wit.kind === 'error') throw new Error(wit.message);
  return printWit(wit.resolve, printOrder(wit.resolve, wit.package));
}

function wholeProcess(wasmTools, hyperfine, scratch) {
  const width = Math.max(...fixtures.map((f) => f.name.length + 5), 'weld --version'.length);
  console.log(`Whole process, inspect --wit vs component wit (${timingMethod(hyperfine, runs)}; ratio = weld / wasm-tools)`);
  console.log(`  ${'file'.padEnd(width)} ${'weld'.padStart(11)} ${'wasm-tools'.padStart(11)}   ratio`);
  for (const { name, file } of fixtures) {
    const weldArgv = [process.execPath, weldBin, 'inspect', file, '--wit'];
    const referenceArgv = [wasmTools, 'component', 'wit', file];
    const ours = capture(weldArgv[0], weldArgv.slice(1));
    const theirs = capture(referenceArgv[0], referenceArgv.slice(1));
    if (!theirs.ok) throw new Error(`wasm-tools rejects ${name}: ${theirs.text}`);
    if (!ours.ok) throw new Error(`weld fails on ${name}: ${ours.text}`);
    if (ours.text !== theirs.text) throw new Error(`weld inspect --wit and wasm-tools component wit differ on ${file}`);
    const [weldTime, referenceTime] = timeProcesses([weldArgv, referenceArgv], { hyperfine, scratch, runs, warmup });
    const ratio = (weldTime / referenceTime).toFixed(1).padStart(6);
    console.log(`  ${`${name}.wasm`.padEnd(width)} ${ms(weldTime)} ${ms(referenceTime)} ${ratio}x`);
  }
  const baselines = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['weld --version', [process.execPath, weldBin, '--version']],
  ];
  const times = timeProcesses(baselines.map(([, argv]) => argv), { hyperfine, scratch, runs, warmup });
  baselines.forEach(([label], i) => console.log(`  ${label.padEnd(width)} ${ms(times[i])}`));
  console.log();
}

function inProcess() {
  console.log(`In-process, median of ${runs} after ${warmup} warm-up runs (inspectBinary ≈ decode + tree + wit; --wit adds printWit)`);
  const columns = ['decode', 'tree', 'wit', 'printWit', 'inspectBinary'];
  const width = Math.max(...fixtures.map((f) => f.name.length + 5));
  console.log(`  ${'file'.padEnd(width)} ${'size'.padStart(9)} ${columns.map((c) => c.padStart(13)).join(' ')}`);
  for (const { name, file } of fixtures) {
    const bytes = new Uint8Array(readFileSync(file));
    const component = decodeComponent(bytes);
    const wit = componentWit(component);
    const times = [
      timeInProcess(() => decodeComponent(bytes)),
      timeInProcess(() => componentTree(component, bytes.length)),
      timeInProcess(() => componentWit(component)),
      timeInProcess(() => witOf(wit)),
      timeInProcess(() => inspectBinary(bytes)),
    ];
    console.log(`  ${`${name}.wasm`.padEnd(width)} ${size(bytes.length).padStart(9)} ${times.map((t) => ms(t).padStart(13)).join(' ')}`);
  }
}

async function main() {
  ensureFixtures();
  const wasmTools = findTool('wasm-tools');
  const hyperfine = findTool('hyperfine');
  console.log(fixtures.map((f) => `${f.name}.wasm: ${size(readFileSync(f.file).length)} (${f.what})`).join('; '), '\n');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-inspect-'));
  try {
    if (wasmTools === undefined) {
      console.log('wasm-tools not found (cargo install --locked wasm-tools --version 1.263.0): skipping the process comparison\n');
    } else {
      wholeProcess(wasmTools, hyperfine, scratch);
    }
    inProcess();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
