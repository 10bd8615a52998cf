#!/usr/bin/env node
// `npm run bench:oci`: push and pull of components of 10 MiB, 100 MiB and
// 1 GiB (a small valid component carrying one custom section of random
// bytes, so that only size varies) against one local registry (Debian's
// docker-registry on loopback), with weld, oras and skopeo when installed.
// Each push goes to a fresh repository so the blobs really move; each pull
// goes into an empty folder; the tools take turns, round by round. Whole
// processes are timed (median of N, fewer for 1 GiB), so start-up cost
// counts as it does for a user, and their peak
// memory (max RSS) is measured with /usr/bin/time, else by polling
// /proc/PID/status. Pulled bytes are checked against the input first.
//
// Usage: node bench/oci/run.mjs [--runs N] [--big-runs N] [--sizes 10,100,1024] [--tools weld,oras,skopeo]
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findTool, median, ms, positiveInt, startLoopbackRegistry } from '../lib.mjs';

const { values: flags } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'big-runs': { type: 'string', default: '3' }, sizes: { type: 'string', default: '10,100,1024' }, tools: { type: 'string', default: 'weld,oras,skopeo' } },
});
const runs = positiveInt(flags.runs, '--runs');
const bigRuns = positiveInt(flags['big-runs'], '--big-runs');
const sizes = flags.sizes.split(',').map((s) => positiveInt(s, '--sizes'));
const wanted = new Set(flags.tools.split(','));
const root = fileURLToPath(new URL('../../', import.meta.url));
const weld = join(root, 'cli/bin/weld.js');
const goBin = (name) => findTool(name) ?? [join(homedir(), 'go', 'bin', name)].find(existsSync);
const oras = goBin('oras');
const skopeo = findTool('skopeo');
const timeBin = ['/usr/bin/time'].find(existsSync);
const registryBin = findTool('docker-registry');
if (registryBin === undefined) {
  console.error('bench: docker-registry not found (apt-get install docker-registry)');
  process.exit(1);
}

const { scratch, host } = await startLoopbackRegistry(registryBin, 'weld-bench-oci-');

/** An unsigned LEB128. */
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

/** Writes an empty component with one custom section of random bytes, `total` bytes in all (give or take the header). */
async function makeComponent(path, total) {
  const name = Buffer.from('bench-payload');
  const payload = total - 32;
  const out = createWriteStream(path);
  out.write(Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]));
  out.write(Buffer.concat([Buffer.from([0]), leb(1 + name.length + payload), leb(name.length), name]));
  for (let left = payload; left > 0; ) {
    const n = Math.min(left, 4 << 20);
    left -= n;
    if (!out.write(randomBytes(n))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
}

/** The sha256 of a file, streamed. */
async function fileDigest(path) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest('hex');
}

/** Runs a command to the end; its wall time in ms and its peak RSS in bytes. */
async function measured(command, args) {
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1767225600' };
  const start = process.hrtime.bigint();
  if (timeBin !== undefined) {
    const report = join(scratch, 'time.txt');
    const result = spawnSync(timeBin, ['-f', '%M', '-o', report, command, ...args], { cwd: scratch, encoding: 'utf8', env });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
    return { ms: elapsed, rss: Number(readFileSync(report, 'utf8').trim().split('\n').pop()) * 1024 };
  }
  // No /usr/bin/time: the kernel's high-water mark, read while the child runs.
  const child = spawn(command, args, { cwd: scratch, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let rss = 0;
  const poll = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      if (kb !== undefined) rss = Math.max(rss, Number(kb) * 1024);
    } catch {}
  }, 10);
  const status = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${stderr}`);
  return { ms: elapsed, rss };
}

writeFileSync(join(scratch, 'config.json'), JSON.stringify({ architecture: 'wasm', os: 'wasip2', layerDigests: [] }));
let n = 0;
const fresh = () => `${host}/bench/r${n++}:1`;

/** How each tool pushes `file` (named `base` in the scratch folder) and pulls into the empty folder `out`, and where the pulled bytes are. */
const tools = (file, base) =>
  [
    {
      name: 'weld',
      push: (ref) => measured(process.execPath, [weld, 'push', file, ref]),
      // weld writes into a folder that exists: making it is part of the caller's job, as for oras's -o.
      pull: (ref, out) => (mkdirSync(out, { recursive: true }), measured(process.execPath, [weld, 'pull', ref, '-o', join(out, base)])),
      pulled: (out) => join(out, base),
    },
    oras && {
      name: 'oras',
      push: (ref) => measured(oras, ['push', '--plain-http', ref, '--config', 'config.json:application/vnd.wasm.config.v0+json', `${base}:application/wasm`]),
      pull: (ref, out) => measured(oras, ['pull', '--plain-http', ref, '-o', out]),
      pulled: (out) => join(out, base),
    },
    skopeo && {
      name: 'skopeo',
      push: (ref) => measured(skopeo, ['copy', '--dest-tls-verify=false', `oci:${join(scratch, `layout-${base}`)}:latest`, `docker://${ref}`]),
      pull: (ref, out) => measured(skopeo, ['copy', '--src-tls-verify=false', `docker://${ref}`, `oci:${out}:latest`]),
      pulled: undefined,
    },
  ].filter((tool) => tool && wanted.has(tool.name));

const mb = (bytes) => `${(bytes / 1e6).toFixed(0).padStart(6)} MB`;
const ratio = (a, b) => (b === undefined ? '     -' : (a / b).toFixed(2).padStart(6));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`push and pull against docker-registry on ${host}; load average at start: ${load()}`);
console.log(`memory: ${timeBin !== undefined ? '/usr/bin/time %M' : 'VmHWM polled from /proc'}; time: whole process, median of ${runs} (${bigRuns} at 1 GiB and more)`);
console.log(`${'size'.padEnd(8)} ${'tool'.padEnd(7)} ${'push'.padStart(11)} ${'peak'.padStart(9)} ${'pull'.padStart(11)} ${'peak'.padStart(9)}`);
const summary = [];
for (const mib of sizes) {
  const base = `c${mib}m.wasm`;
  const file = join(scratch, base);
  await makeComponent(file, mib * 1024 * 1024);
  const digest = await fileDigest(file);
  const count = mib >= 1024 ? bigRuns : runs;
  const active = tools(file, base);
  for (const tool of active) {
    if (tool.name === 'skopeo') spawnSync(process.execPath, [weld, 'package', file, '-o', join(scratch, `layout-${base}`)]);
    // One untimed round first, which also checks the bytes.
    const warm = fresh();
    await tool.push(warm);
    const check = join(scratch, `check-${tool.name}`);
    await tool.pull(warm, check);
    if (tool.pulled !== undefined && (await fileDigest(tool.pulled(check))) !== digest) throw new Error(`${tool.name} pulled different bytes`);
    rmSync(check, { recursive: true, force: true });
  }
  // The tools take turns, round after round, so that a burst of load on the machine falls on all of them alike.
  const timed = new Map(active.map((tool) => [tool.name, { pushes: [], pulls: [] }]));
  for (let i = 0; i < count; i++) {
    for (const tool of active) {
      const ref = fresh();
      timed.get(tool.name).pushes.push(await tool.push(ref));
      const out = join(scratch, `pull-${tool.name}-${i}`);
      timed.get(tool.name).pulls.push(await tool.pull(ref, out));
      rmSync(out, { recursive: true, force: true });
    }
  }
  const rows = active.map((tool) => {
    const { pushes, pulls } = timed.get(tool.name);
    return {
      name: tool.name,
      push: median(pushes.map((r) => r.ms)),
      pushRss: pushes.reduce((max, r) => Math.max(max, r.rss), 0),
      pull: median(pulls.map((r) => r.ms)),
      pullRss: pulls.reduce((max, r) => Math.max(max, r.rss), 0),
    };
  });
  for (const row of rows) console.log(`${`${mib} MiB`.padEnd(8)} ${row.name.padEnd(7)} ${ms(row.push)} ${mb(row.pushRss)} ${ms(row.pull)} ${mb(row.pullRss)}`);
  rmSync(file, { force: true });
  rmSync(join(scratch, `layout-${base}`), { recursive: true, force: true });
  const w = rows.find((r) => r.name === 'weld');
  const o = rows.find((r) => r.name === 'oras');
  if (w !== undefined) summary.push(`${`${mib} MiB`.padEnd(8)} ${ratio(w.push, o?.push)} ${ratio(w.pushRss, o?.pushRss)} ${ratio(w.pull, o?.pull)} ${ratio(w.pullRss, o?.pullRss)}`);
}
console.log(`\nweld / oras (time, peak memory)\n${'size'.padEnd(8)} ${'push'.padStart(6)} ${'mem'.padStart(6)} ${'pull'.padStart(6)} ${'mem'.padStart(6)}`);
for (const line of summary) console.log(line);
const startup = await measured(process.execPath, [weld, '--version']);
console.log(`(weld's fixed start-up, \`weld --version\`: ${ms(startup.ms).trim()} and ${mb(startup.rss).trim()}; the Go tools start in a few ms)`);
console.log(`load average at the end: ${load()}`);
if (!oras) console.log('(oras not found: go build it, see .ci/run)');
if (!skopeo) console.log('(skopeo not found: apt-get install skopeo)');
