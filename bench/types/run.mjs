#!/usr/bin/env node
// `npm run bench:types`: how fast is `weld types` against `jco types` on the
// same inputs?
//
// Inputs: jco's WASI 0.2 trees (lib/wit/builtin/0.2.*), each laid out as one
// WIT folder with the tree's packages under deps/ and a world importing every
// interface of the tree (`weld:wasi/all-imports`), plus the tree's own
// worlds. For each world, host declarations (`jco types --instantiation
// async`) and guest declarations (`jco guest-types`), as whole processes:
// `weld types` against jco's API run by packages/bindgen/test/jco-types.mjs
// (jco's own CLI cannot read WIT on this preview2-shim; see that file).
// Also the in-process generation time of weld alone.
//
// Usage: node bench/types/run.mjs [--runs N] [--warmup N]
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTypes } from '@weld/bindgen';
import { loadWit } from '@weld/wit/node';
import { capture, findTool, median, ms, timeProcesses, timingMethod, countFlags } from '../lib.mjs';

const { runs, warmup } = countFlags({ runs: 10, warmup: 2 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const builtin = join(root, 'node_modules/@bytecodealliance/jco/lib/wit/builtin');
const weldBin = join(root, 'cli/bin/weld.js');
const jcoTypes = join(root, 'packages/bindgen/test/jco-types.mjs');

/** One folder per WASI 0.2 release, with a world over all of its interfaces. */
function stageTrees(scratch) {
  const trees = [];
  for (const release of readdirSync(builtin).filter((name) => /^0\.2\.\d+$/u.test(name)).sort()) {
    const dir = join(scratch, release);
    const interfaces = [];
    const worlds = [];
    for (const pkg of readdirSync(join(builtin, release)).sort()) {
      cpSync(join(builtin, release, pkg), join(dir, 'deps', pkg), { recursive: true });
      const text = readFileSync(join(builtin, release, pkg, 'package.wit'), 'utf8');
      const [, id, version] = /^package ([^;@]+)@([^;]+);/mu.exec(text);
      for (const m of text.matchAll(/^(@unstable[^\n]*\n)?interface ([\w-]+) \{/gmu)) if (m[1] === undefined) interfaces.push(`${id}/${m[2]}@${version}`);
      for (const m of text.matchAll(/^world ([\w-]+) \{/gmu)) worlds.push(`${id}/${m[1]}@${version}`);
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'all.wit'), `package weld:wasi;\n\nworld all-imports {\n${interfaces.map((i) => `  import ${i};\n`).join('')}}\n`);
    for (const world of ['weld:wasi/all-imports', ...worlds]) trees.push({ label: `${world} (${release})`, dir, world });
  }
  return trees;
}

async function main() {
  const hyperfine = findTool('hyperfine');
  const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-types-'));
  try {
    const trees = stageTrees(scratch);
    const width = Math.max(...trees.map((t) => t.label.length)) + 8;

    console.log(`In-process weld generation (loadWit + generateTypes, guest and host), median of ${runs}`);
    for (const { label, dir, world } of trees) {
      const once = async () => {
        const loaded = await loadWit(dir);
        for (const mode of ['guest', 'host']) generateTypes({ resolve: loaded.resolve, package: loaded.main }, { mode, world });
      };
      for (let i = 0; i < warmup; i++) await once();
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await once();
        samples.push(performance.now() - started);
      }
      console.log(`  ${label.padEnd(width)} ${ms(median(samples))}`);
    }

    console.log(`\nWhole process (${timingMethod(hyperfine, runs)}; ratio = weld / jco)`);
    console.log(`  ${'world'.padEnd(width)} ${'weld'.padStart(11)} ${'jco'.padStart(11)}   ratio`);
    let weldTotal = 0;
    let jcoTotal = 0;
    for (const { label, dir, world } of trees) {
      for (const mode of ['host', 'guest']) {
        const out = join(scratch, 'out', mode);
        const weldArgv = [process.execPath, weldBin, 'types', dir, '--world', world, `--${mode}`, '-o', join(out, 'weld')];
        const jcoArgv = [process.execPath, jcoTypes, dir, world, mode, join(out, 'jco')];
        for (const [name, argv] of [['weld', weldArgv], ['jco', jcoArgv]]) {
          const result = capture(argv[0], argv.slice(1));
          if (!result.ok) throw new Error(`${name} fails on ${label}: ${result.text}`);
        }
        const [weldTime, jcoTime] = timeProcesses([weldArgv, jcoArgv], { hyperfine, scratch, runs, warmup });
        weldTotal += weldTime;
        jcoTotal += jcoTime;
        console.log(`  ${`${label} --${mode}`.padEnd(width)} ${ms(weldTime)} ${ms(jcoTime)} ${(weldTime / jcoTime).toFixed(2).padStart(7)}x`);
      }
    }
    console.log(`  ${'all'.padEnd(width)} ${ms(weldTotal)} ${ms(jcoTotal)} ${(weldTotal / jcoTotal).toFixed(2).padStart(7)}x`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
