#!/usr/bin/env node
// `npm run bench:packages`: `weld wit fetch` against `wkg wit fetch` of the
// whole WASI 0.2.12 set (jco's copies, encoded with wasm-tools and pushed to
// Debian's docker-registry on loopback), for a WIT folder that uses every
// package. Cold: an empty cache and no lock; warm: the cache and the lock of
// the run before. Both tools must write the same deps/ and lock before
// anything is timed. Whole processes are timed (median of N); ratio = weld / wkg (2.00: weld
// takes twice wkg's time), with the load average, as 2 shared cores skew it.
//
// Usage: node bench/packages/run.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTool, median, ms, positiveInt, startLoopbackRegistry } from '../lib.mjs';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = positiveInt(flags.runs, '--runs');
const root = fileURLToPath(new URL('../../', import.meta.url));
const weld = join(root, 'cli/bin/weld.js');
const builtin = join(root, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12');
const registryBin = findTool('docker-registry');
const wasmTools = findTool('wasm-tools');
const wkg = findTool('wkg');
for (const [name, path, install] of [['docker-registry', registryBin, 'apt-get install docker-registry'], ['wasm-tools', wasmTools, 'cargo install wasm-tools']]) {
  if (path === undefined) {
    console.error(`bench: ${name} not found (${install})`);
    process.exit(1);
  }
}

const { scratch, host } = await startLoopbackRegistry(registryBin, 'weld-bench-packages-');

function must(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...process.env, ...options.env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

// Each WASI package encoded as wasm-tools encodes it (its deps/ the other packages), pushed as the Wasm artifact.
const folders = readdirSync(builtin).filter((f) => f.startsWith('wasi-')).sort();
for (const folder of folders) {
  const dir = join(scratch, 'src', folder);
  mkdirSync(join(dir, 'deps'), { recursive: true });
  writeFileSync(join(dir, 'package.wit'), readFileSync(join(builtin, folder, 'package.wit')));
  for (const other of folders) {
    if (other === folder) continue;
    mkdirSync(join(dir, 'deps', other));
    writeFileSync(join(dir, 'deps', other, 'package.wit'), readFileSync(join(builtin, other, 'package.wit')));
  }
  const wasm = join(scratch, `${folder}.wasm`);
  must(wasmTools, ['component', 'wit', '--wasm', dir, '-o', wasm]);
  must(process.execPath, [weld, 'push', wasm, `${host}/wasi/${folder.slice('wasi-'.length)}:0.2.12`]);
}

// A project that uses every package.
const project = join(scratch, 'project');
mkdirSync(join(project, 'wit'), { recursive: true });
writeFileSync(
  join(project, 'wit', 'app.wit'),
  `package bench:app;\n\nworld app {\n  include wasi:http/proxy@0.2.12;\n  import wasi:filesystem/types@0.2.12;\n  import wasi:sockets/tcp@0.2.12;\n  import wasi:cli/environment@0.2.12;\n  import wasi:random/random@0.2.12;\n  import wasi:clocks/wall-clock@0.2.12;\n  import wasi:io/streams@0.2.12;\n}\n`,
);
writeFileSync(join(project, 'config.toml'), `[namespace_registries]\nwasi = "${host}"\n\n[registry."${host}".oci]\nprotocol = "http"\n`);
const env = { WKG_CONFIG_FILE: join(project, 'config.toml'), WKG_CACHE_DIR: join(scratch, 'wkg-cache'), XDG_CACHE_HOME: join(scratch, 'weld-cache') };
const tools = [
  { name: 'weld', command: process.execPath, args: [weld, 'wit', 'fetch'], cache: env.XDG_CACHE_HOME },
  wkg && { name: 'wkg', command: wkg, args: ['wit', 'fetch'], cache: env.WKG_CACHE_DIR },
].filter(Boolean);

function timed(tool, cold) {
  if (cold) {
    rmSync(tool.cache, { recursive: true, force: true });
    rmSync(join(project, 'wkg.lock'), { force: true });
  }
  const start = process.hrtime.bigint();
  must(tool.command, tool.args, { cwd: project, env });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** deps/ and the lock, as text. */
function written() {
  const files = [];
  for (const folder of readdirSync(join(project, 'wit', 'deps')).sort()) files.push(folder, readFileSync(join(project, 'wit', 'deps', folder, 'package.wit'), 'utf8'));
  return [...files, readFileSync(join(project, 'wkg.lock'), 'utf8')].join('\0');
}

const outputs = tools.map((tool) => {
  timed(tool, true);
  return written();
});
if (outputs.some((o) => o !== outputs[0])) throw new Error('weld and wkg wrote different deps/ or locks');
const packages = readdirSync(join(project, 'wit', 'deps')).length;

const rows = tools.map((tool) => {
  const cold = Array.from({ length: runs }, () => timed(tool, true));
  timed(tool, true);
  const warm = Array.from({ length: runs }, () => timed(tool, false));
  return { name: tool.name, cold: median(cold), warm: median(warm) };
});
const wkgRow = rows.find((row) => row.name === 'wkg');
const ratio = (weldTime, wkgTime) => (wkgRow === undefined ? '-' : (weldTime / wkgTime).toFixed(2)).padStart(6);
console.log(`wit fetch of the WASI 0.2.12 set (${folders.length} packages pushed, ${packages} folders written) from docker-registry on ${host}, median of ${runs}`);
console.log(`${'tool'.padEnd(6)} ${'cold'.padStart(11)} ${'ratio'.padStart(6)} ${'warm'.padStart(11)} ${'ratio'.padStart(6)}`);
for (const row of rows) {
  console.log(`${row.name.padEnd(6)} ${ms(row.cold)} ${ratio(row.cold, wkgRow?.cold)} ${ms(row.warm)} ${ratio(row.warm, wkgRow?.warm)}`);
}
const weldRow = rows[0];
if (wkgRow !== undefined) console.log(`weld / wkg: ${(weldRow.cold / wkgRow.cold).toFixed(2)}× cold, ${(weldRow.warm / wkgRow.warm).toFixed(2)}× warm (load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const startup = median(Array.from({ length: runs }, () => {
  const start = process.hrtime.bigint();
  must(process.execPath, [weld, '--version']);
  return Number(process.hrtime.bigint() - start) / 1e6;
}));
console.log(`(weld's fixed start-up, \`weld --version\`: ${ms(startup).trim()}; wkg starts in a few ms)`);
if (!wkg) console.log('(wkg not found: cargo install wkg)');
if (!existsSync(join(project, 'wkg.lock'))) throw new Error('no lock written');
