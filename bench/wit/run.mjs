#!/usr/bin/env node
// `npm run bench:wit`: how fast is the WIT front end, against wasm-tools?
//
// Inputs: every WASI 0.2 WIT tree that jco ships (lib/wit/builtin/0.2.*, one
// tree per package with the packages it uses as deps/, plus the wasi-tls
// draft as shipped). Two measurements:
//   1. in-process: `loadWit` (parse + resolve) of each tree, median of N;
//   2. whole processes: `weld wit DIR --json` vs `wasm-tools component wit
//      DIR --json`, with hyperfine when it is installed, else N spawns timed
//      here. Startup dominates this one; it is what a user waits for.
// Before timing, each tree's JSON from both tools is compared, because a fast
// wrong answer is not a result.
//
// Usage: node bench/wit/run.mjs [--runs N] [--warmup N]
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWit } from '@weld/wit/node';
import { capture, findTool, median, ms, timeProcesses, timingMethod, countFlags } from '../lib.mjs';

const { runs, warmup } = countFlags({ runs: 20, warmup: 3 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtin = join(root, 'node_modules/@bytecodealliance/jco/lib/wit/builtin');
const weldBin = join(root, 'cli/bin/weld.js');

/**
 * Lays out one folder per WASI package of each 0.2 release: the package as
 * the main package, and what it uses (transitively) under deps/.
 */
function stageTrees(scratch) {
  const trees = [];
  const releases = readdirSync(builtin).filter((name) => /^0\.2\.\d+$/u.test(name)).sort();
  for (const release of releases) {
    const sources = new Map();
    for (const dir of readdirSync(join(builtin, release))) {
      const file = join(builtin, release, dir, 'package.wit');
      if (existsSync(file)) sources.set(dir.replace(/^wasi-/u, ''), readFileSync(file, 'utf8'));
    }
    for (const name of [...sources.keys()].sort()) {
      const needed = new Set();
      const visit = (pkg) => {
        for (const [, used] of sources.get(pkg).matchAll(/\bwasi:([a-z][a-z0-9-]*)\//gu)) {
          if (used !== name && !needed.has(used) && sources.has(used)) {
            needed.add(used);
            visit(used);
          }
        }
      };
      visit(name);
      const dir = join(scratch, `${release}-${name}`);
      mkdirSync(join(dir, 'deps'), { recursive: true });
      writeFileSync(join(dir, `${name}.wit`), sources.get(name));
      for (const dep of needed) {
        mkdirSync(join(dir, 'deps', dep));
        writeFileSync(join(dir, 'deps', dep, 'package.wit'), sources.get(dep));
      }
      trees.push({ label: `wasi:${name}@${release}`, dir });
    }
  }
  // Drafts that ship as a ready-made tree with their own deps/.
  for (const draft of readdirSync(builtin).filter((name) => /^wasi-[a-z-]+-0\.2\./u.test(name))) {
    const dir = join(scratch, draft);
    copyTree(join(builtin, draft), dir);
    trees.push({ label: draft, dir });
  }
  return trees;
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(join(from, entry.name), join(to, entry.name));
    else copyFileSync(join(from, entry.name), join(to, entry.name));
  }
}

async function main() {
  const wasmTools = findTool('wasm-tools');
  const hyperfine = findTool('hyperfine');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-wit-'));
  try {
    const trees = stageTrees(scratch);
    if (trees.length === 0) throw new Error(`no WASI 0.2 WIT found under ${builtin}`);
    const width = Math.max(...trees.map((tree) => tree.label.length));

    console.log(`In-process loadWit (parse + resolve), median of ${runs} after ${warmup} warm-up runs`);
    let total = 0;
    for (const { label, dir } of trees) {
      for (let i = 0; i < warmup; i++) await loadWit(dir);
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await loadWit(dir);
        samples.push(performance.now() - started);
      }
      const time = median(samples);
      total += time;
      console.log(`  ${label.padEnd(width)} ${ms(time)}`);
    }
    console.log(`  ${'all trees'.padEnd(width)} ${ms(total)}\n`);

    if (wasmTools === undefined) {
      console.log('wasm-tools not found (cargo install --locked wasm-tools --version 1.263.0): skipping the process comparison');
      return;
    }
    const how = timingMethod(hyperfine, runs);
    console.log(`Whole process, --json output (${how}; ratio = weld / wasm-tools)`);
    console.log(`  ${'tree'.padEnd(width)} ${'weld'.padStart(11)} ${'wasm-tools'.padStart(11)}   ratio`);
    let weldTotal = 0;
    let referenceTotal = 0;
    for (const { label, dir } of trees) {
      const weldArgv = [process.execPath, weldBin, 'wit', dir, '--json'];
      const referenceArgv = [wasmTools, 'component', 'wit', dir, '--json'];
      const ours = capture(weldArgv[0], weldArgv.slice(1));
      const theirs = capture(referenceArgv[0], referenceArgv.slice(1));
      if (!theirs.ok) throw new Error(`wasm-tools rejects ${label}: ${theirs.text}`);
      if (!ours.ok) throw new Error(`weld fails on ${label}: ${ours.text}`);
      const note = ours.text === theirs.text ? '' : '   (output differs from wasm-tools!)';
      const [weldTime, referenceTime] = timeProcesses([weldArgv, referenceArgv], { hyperfine, scratch, runs, warmup });
      weldTotal += weldTime;
      referenceTotal += referenceTime;
      console.log(`  ${label.padEnd(width)} ${ms(weldTime)} ${ms(referenceTime)} ${(weldTime / referenceTime).toFixed(2).padStart(7)}x${note}`);
    }
    console.log(`  ${'all trees'.padEnd(width)} ${ms(weldTotal)} ${ms(referenceTotal)} ${(weldTotal / referenceTotal).toFixed(2).padStart(7)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
