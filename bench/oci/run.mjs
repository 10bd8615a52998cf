#!/usr/bin/env node
// `npm run bench:oci`: push and pull of the ~12 MB ts-app component against
// one local registry (Debian's docker-registry on loopback), with weld, oras
// and skopeo. Each push goes to a fresh repository so the blobs really move;
// each pull goes into an empty directory. Whole processes are timed (median
// of N), so start-up cost counts as it does for a user; ratio = tool / weld.
// Pulled bytes are compared with the input before anything is timed.
//
// Usage: node bench/oci/run.mjs [--runs N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTool, median, ms, positiveInt } from '../lib.mjs';

const { values: flags } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = positiveInt(flags.runs, '--runs');
const root = fileURLToPath(new URL('../../', import.meta.url));
const weld = join(root, 'cli/bin/weld.js');
const input = join(root, 'test/fixtures/out/ts-app.wasm');
if (!existsSync(input)) spawnSync(process.execPath, [join(root, 'test/fixtures/build.mjs')], { stdio: 'inherit' });
const bytes = readFileSync(input);
const goBin = (name) => findTool(name) ?? [join(homedir(), 'go', 'bin', name)].find(existsSync);
const oras = goBin('oras');
const skopeo = findTool('skopeo');
const registryBin = findTool('docker-registry');
if (registryBin === undefined) {
  console.error('bench: docker-registry not found (apt-get install docker-registry)');
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-oci-'));
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});
const host = `127.0.0.1:${port}`;
writeFileSync(
  join(scratch, 'config.yml'),
  `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(scratch, 'data')}\nhttp:\n  addr: ${host}\n`,
);
const registry = spawn(registryBin, ['serve', join(scratch, 'config.yml')], { stdio: 'ignore' });
process.on('exit', () => {
  registry.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://${host}/v2/`)).ok) break;
  } catch {}
  if (i > 100) throw new Error('registry did not start');
  await new Promise((r) => setTimeout(r, 50));
}

function timed(command, args, cwd = scratch) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1767225600' } });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

// Inputs the other tools need: the file next to a CNCF config for oras, a weld layout for skopeo.
writeFileSync(join(scratch, 'ts-app.wasm'), bytes);
writeFileSync(join(scratch, 'config.json'), JSON.stringify({ architecture: 'wasm', os: 'wasip2', layerDigests: [] }));
timed(process.execPath, [weld, 'package', input, '-o', join(scratch, 'layout')]);

let n = 0;
const fresh = () => `${host}/bench/r${n++}`;
const tools = [
  {
    name: 'weld',
    push: (ref) => timed(process.execPath, [weld, 'push', input, ref]),
    pull: (ref, out) => timed(process.execPath, [weld, 'pull', ref, '-o', join(out, 'ts-app.wasm')]),
  },
  oras && {
    name: 'oras',
    push: (ref) => timed(oras, ['push', '--plain-http', ref, '--config', 'config.json:application/vnd.wasm.config.v0+json', 'ts-app.wasm:application/wasm']),
    pull: (ref, out) => timed(oras, ['pull', '--plain-http', ref, '-o', out]),
  },
  skopeo && {
    name: 'skopeo',
    push: (ref) => timed(skopeo, ['copy', '--dest-tls-verify=false', `oci:${join(scratch, 'layout')}:latest`, `docker://${ref}`]),
    pull: (ref, out) => timed(skopeo, ['copy', '--src-tls-verify=false', `docker://${ref}`, `oci:${out}:latest`]),
  },
].filter(Boolean);

const rows = [];
for (const tool of tools) {
  // One untimed round first, which also checks the bytes.
  const warm = `${fresh()}:1`;
  tool.push(warm);
  const check = join(scratch, `check-${tool.name}`);
  tool.pull(warm, check);
  const pushes = [];
  const pulls = [];
  for (let i = 0; i < runs; i++) {
    const ref = `${fresh()}:1`;
    pushes.push(tool.push(ref));
    const out = join(scratch, `pull-${tool.name}-${i}`);
    pulls.push(tool.pull(ref, out));
    rmSync(out, { recursive: true, force: true });
  }
  rows.push({ name: tool.name, push: median(pushes), pull: median(pulls) });
}
// weld's own pull output is the file itself; the others' layouts hold it as a blob.
const weldPulled = readFileSync(join(scratch, 'check-weld', 'ts-app.wasm'));
if (!weldPulled.equals(bytes)) throw new Error('weld pulled different bytes');

const base = rows.find((r) => r.name === 'weld');
console.log(`push and pull of ts-app.wasm (${(bytes.length / 1024 / 1024).toFixed(1)} MiB) against docker-registry on ${host}, median of ${runs}`);
console.log(`${'tool'.padEnd(8)} ${'push'.padStart(11)} ${'ratio'.padStart(6)} ${'pull'.padStart(11)} ${'ratio'.padStart(6)}`);
for (const row of rows) {
  console.log(`${row.name.padEnd(8)} ${ms(row.push)} ${(row.push / base.push).toFixed(2).padStart(6)} ${ms(row.pull)} ${(row.pull / base.pull).toFixed(2).padStart(6)}`);
}
const startup = median(Array.from({ length: runs }, () => timed(process.execPath, [weld, '--version'])));
console.log(`(weld's fixed start-up, \`weld --version\`: ${ms(startup).trim()}; the Go tools start in a few ms)`);
if (!oras) console.log('(oras not found: go build it, see .ci/run)');
if (!skopeo) console.log('(skopeo not found: apt-get install skopeo)');
