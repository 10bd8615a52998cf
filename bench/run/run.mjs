#!/usr/bin/env node
// `npm run bench:run`: how long does `weld run` take to start the demo, whole
// process, against `jco run` (and `wasmtime run`, when it is installed)?
//
// Input: the demo composition (demo-app, TypeScript by componentize-js, with
// demo-calc, Rust, and demo-format, Go, plugged in by @weld/compose; ~14 MB),
// run as `… '1.5 * 4' '10 / 4'`. Before timing, every runner's stdout must be
// the same three lines: a fast wrong answer is not a result.
//
// Measurements (median of N spawns, timed here, each to the process's exit):
//   weld cold, REF   pull (from Debian's docker-registry on loopback, when
//                installed) + verify + transpile + instantiate + first
//                output: a fresh, empty cache directory for every run
//   weld cold    the same from the file: transpile + instantiate + output
//   weld warm    the same with the transpile cache filled: read + hash +
//                instantiate + output
//   jco run      jco transpiles into a temporary directory on every run
//   wasmtime run compiles the component with Cranelift on every run (its
//                compilation cache is off unless configured)
// plus `node -e 0` and `weld --version` for the fixed cost of Node and of
// weld's own start. Ratios are weld / the other runner.
//
// Usage: node bench/run/run.mjs [--runs N] [--cold-runs N] [--warmup N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeComposition, plug } from '@weld/compose';
import { findTool, median, ms, countFlags } from '../lib.mjs';

const { runs, 'cold-runs': coldRuns, warmup } = countFlags({ runs: 10, 'cold-runs': 5, warmup: 2 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const weldBin = join(root, 'cli/bin/weld.js');
const jcoBin = join(root, 'node_modules/@bytecodealliance/jco/dist/jco.js');
const args = ['1.5 * 4', '10 / 4'];
const expected =
  '1.5 * 4 = 6 (computed by Rust, formatted by Go, routed by TypeScript)\n' +
  '10 / 4 = 2.5 (computed by Rust, formatted by Go, routed by TypeScript)\n' +
  'total = 8.5 (2 of 2 expressions, accumulated by Rust)\n';

const fixture = (name) => join(root, 'test/fixtures/out', `${name}.wasm`);
const size = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Builds the fixtures (cached by the builder) and composes the demo into `scratch`. */
function demoComponent(scratch) {
  const result = spawnSync(process.execPath, [join(root, 'test/fixtures/build.mjs'), 'demo-app', 'demo-calc', 'demo-format'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`node test/fixtures/build.mjs exited with ${result.status}`);
  const input = (name) => ({ name: `${name}.wasm`, bytes: readFileSync(fixture(name)) });
  const file = join(scratch, 'demo.wasm');
  writeFileSync(file, encodeComposition(plug(input('demo-app'), [input('demo-calc'), input('demo-format')])));
  return file;
}

/** Runs a command once; throws unless it prints the demo's expected output. */
function check(label, argv, env) {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0 || result.stdout !== expected) {
    throw new Error(`${label} gave a different answer (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
}

/** Median milliseconds of spawning `argv` to its exit; `before` runs untimed before each spawn. */
function time(argv, { env = {}, before = () => {}, count = runs, warm = warmup } = {}) {
  const samples = [];
  for (let i = 0; i < warm + count; i++) {
    before();
    const started = performance.now();
    const result = spawnSync(argv[0], argv.slice(1), { stdio: 'ignore', env: { ...process.env, ...env } });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`${argv.join(' ')} exited with ${result.status}`);
    if (i >= warm) samples.push(elapsed);
  }
  return median(samples);
}

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts docker-registry on loopback with storage in `scratch`; undefined when it is not installed. */
async function startRegistry(scratch) {
  const binary = findTool('docker-registry');
  if (binary === undefined) return undefined;
  const host = `127.0.0.1:${await freePort()}`;
  const config = join(scratch, 'registry.yml');
  writeFileSync(config, `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(scratch, 'registry')}\nhttp:\n  addr: ${host}\n`);
  const child = spawn(binary, ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://${host}/v2/`).then((r) => r.status === 200, () => false);
    if (up) return { host, stop: () => child.kill('SIGKILL') };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error('docker-registry did not start');
}

async function main() {
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-run-'));
  try {
    const demo = demoComponent(scratch);
    const cache = join(scratch, 'cache');
    const weldArgv = [process.execPath, weldBin, 'run', demo, '--', ...args];
    const jcoArgv = [process.execPath, jcoBin, 'run', demo, ...args];
    const wasmtime = findTool('wasmtime');
    const wasmtimeArgv = wasmtime && [wasmtime, 'run', demo, ...args];
    console.log(`demo composition: ${size(readFileSync(demo).length)}; ${process.version}; ${runs} runs (${coldRuns} cold), median\n`);

    check('weld run', weldArgv, { WELD_CACHE_DIR: cache });
    check('jco run', jcoArgv);
    if (wasmtimeArgv) check('wasmtime run', wasmtimeArgv);

    const clear = () => rmSync(cache, { recursive: true, force: true });
    const rows = [];
    const registry = await startRegistry(scratch);
    if (registry === undefined) console.log('docker-registry not found (apt-get install docker-registry): no cold start from a reference\n');
    else {
      try {
        const ref = `${registry.host}/bench/demo:1`;
        const pushed = spawnSync(process.execPath, [weldBin, 'push', demo, ref], { encoding: 'utf8' });
        if (pushed.status !== 0) throw new Error(`weld push failed: ${pushed.stderr}`);
        const refArgv = [process.execPath, weldBin, 'run', ref, '--', ...args];
        clear();
        check('weld run REF', refArgv, { WELD_CACHE_DIR: cache });
        rows.push(['weld run REF, cold (pull + transpile + instantiate + output)', time(refArgv, { env: { WELD_CACHE_DIR: cache }, before: clear, count: coldRuns, warm: 0 })]);
        check('weld run REF', refArgv, { WELD_CACHE_DIR: cache });
        rows.push(['weld run REF, warm (manifest + config fetched, rest cached)', time(refArgv, { env: { WELD_CACHE_DIR: cache } })]);
      } finally {
        registry.stop();
      }
    }
    rows.push(['weld run FILE, cold (transpile + instantiate + output)', time(weldArgv, { env: { WELD_CACHE_DIR: cache }, before: clear, count: coldRuns, warm: 0 })]);
    check('weld run', weldArgv, { WELD_CACHE_DIR: cache });
    rows.push(['weld run FILE, warm (cache filled)', time(weldArgv, { env: { WELD_CACHE_DIR: cache } })]);
    rows.push(['jco run (transpiles every time)', time(jcoArgv, { count: coldRuns })]);
    if (wasmtimeArgv) rows.push(['wasmtime run', time(wasmtimeArgv)]);
    rows.push(['node -e 0', time([process.execPath, '-e', '0'])]);
    rows.push(['weld --version', time([process.execPath, weldBin, '--version'])]);

    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)} ${ms(value)}`);
    const at = (prefix) => rows.find(([label]) => label.startsWith(prefix))?.[1];
    const [cold, warm, jco, wt] = [at('weld run FILE, cold'), at('weld run FILE, warm'), at('jco run'), at('wasmtime run')];
    const [refCold, refWarm] = [at('weld run REF, cold'), at('weld run REF, warm')];
    console.log('\nRatios (weld / other; below 1 means weld is faster)');
    if (refCold !== undefined) {
      console.log(`  weld REF cold / jco run  ${(refCold / jco).toFixed(2)}x`);
      console.log(`  weld REF warm / jco run  ${(refWarm / jco).toFixed(2)}x`);
    }
    console.log(`  weld cold / jco run      ${(cold / jco).toFixed(2)}x`);
    console.log(`  weld warm / jco run      ${(warm / jco).toFixed(2)}x`);
    console.log(`  weld warm / weld cold    ${(warm / cold).toFixed(2)}x`);
    if (wt === undefined) console.log('  wasmtime not found (cargo install wasmtime-cli): no wasmtime comparison');
    else {
      console.log(`  weld cold / wasmtime run ${(cold / wt).toFixed(2)}x`);
      console.log(`  weld warm / wasmtime run ${(warm / wt).toFixed(2)}x`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
