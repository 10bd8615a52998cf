#!/usr/bin/env node
// `npm run bench:wit-large`: `weld wit` against `wasm-tools component wit` on
// inputs a stranger can make big — long chains (use, deps/, alias, include)
// and wide declarations (types, interfaces, names, resources, parameters) —
// at the sizes issue 12 reported. The inputs come from
// test/support/wit-large.mjs, which test/wit-large.test.ts checks at smaller
// sizes. Before timing, both tools' output is compared, because a fast wrong
// answer is not a result; a case wasm-tools itself fails on is timed for
// weld alone.
//
// Usage: node bench/wit/large.mjs [--runs N] [--warmup N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generators, writeTree } from '../../test/support/wit-large.mjs';
import { capture, countFlags, findTool, ms, timeProcesses, timingMethod } from '../lib.mjs';

const { runs, warmup } = countFlags({ runs: 3, warmup: 1 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const weldBin = join(root, 'cli/bin/weld.js');

/** The sizes of issue 12. */
const cases = [
  ['useChain', 4_000], ['depsChain', 10_000], ['aliasChain', 10_000], ['includeChain', 5_000], ['manyTypes', 40_000],
  ['manyInterfaces', 40_000], ['useManyNames', 20_000], ['manyResources', 20_000], ['manyParams', 8_000], ['longVersion', 300],
];

async function main() {
  const wasmTools = findTool('wasm-tools');
  const hyperfine = findTool('hyperfine');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-wit-large-'));
  try {
    const labels = cases.map(([name, n]) => `${name} (${n})`);
    const width = Math.max(...labels.map((label) => label.length));
    const how = timingMethod(hyperfine, runs);
    console.log(`Whole process, WIT output (${how}; ratio = weld / wasm-tools)`);
    console.log(`  ${'input'.padEnd(width)} ${'weld'.padStart(11)} ${'wasm-tools'.padStart(11)}   ratio`);
    if (wasmTools === undefined) console.log('  (wasm-tools not found: timing weld alone; cargo install --locked wasm-tools --version 1.263.0)');
    for (const [index, [name, n]] of cases.entries()) {
      const dir = join(scratch, name);
      writeTree(dir, generators[name](n));
      const weldArgv = [process.execPath, weldBin, 'wit', dir];
      const ours = capture(weldArgv[0], weldArgv.slice(1));
      if (!ours.ok) throw new Error(`weld fails on ${labels[index]}: ${ours.text}`);
      const theirs = wasmTools === undefined ? undefined : capture(wasmTools, ['component', 'wit', dir]);
      const label = labels[index].padEnd(width);
      if (theirs === undefined || !theirs.ok) {
        const [weldTime] = timeProcesses([weldArgv], { hyperfine, scratch, runs, warmup });
        const why = theirs === undefined ? '' : `   (wasm-tools fails: ${theirs.text})`;
        console.log(`  ${label} ${ms(weldTime)} ${'—'.padStart(11)}        ${why}`);
        continue;
      }
      const note = ours.text === theirs.text ? '' : '   (output differs from wasm-tools!)';
      const [weldTime, referenceTime] = timeProcesses([weldArgv, [wasmTools, 'component', 'wit', dir]], { hyperfine, scratch, runs, warmup });
      console.log(`  ${label} ${ms(weldTime)} ${ms(referenceTime)} ${(weldTime / referenceTime).toFixed(2).padStart(7)}x${note}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
