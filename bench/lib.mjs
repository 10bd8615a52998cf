// Helpers the benches share: command-line numbers, finding tools, medians,
// capturing a command's output, timing whole processes (hyperfine when it
// is installed, else spawns timed here), and a registry on loopback.
import { parseArgs } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** `text` as a whole number ≥ 1 (≥ 0 with `zeroOk`), or exit with a message naming `name`. */
export function positiveInt(text, name, zeroOk = false) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zeroOk ? 0 : 1)) {
    console.error(`bench: ${name} wants a whole number, got ${text}`);
    process.exit(1);
  }
  return value;
}

/** The first executable named `name` on PATH or in ~/.cargo/bin. */
export function findTool(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.cargo', 'bin')];
  return dirs.map((dir) => join(dir, name)).find((path) => path !== name && existsSync(path));
}

/** The median of some numbers. */
export function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds, right-aligned for a table. */
export const ms = (value) => `${value.toFixed(2).padStart(8)} ms`;

/** stdout of a command, or the reason it failed. */
export function capture(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error !== undefined) return { ok: false, text: result.error.message };
  if (result.status !== 0) return { ok: false, text: result.stderr.trim().split('\n')[0] ?? '' };
  return { ok: true, text: result.stdout };
}

/**
 * Median milliseconds per run of each command (an argv array), by hyperfine
 * when `hyperfine` is its path (its JSON report is written into `scratch`),
 * else `warmup` + `runs` spawns timed here.
 */
export function timeProcesses(commands, { hyperfine, scratch, runs, warmup }) {
  if (hyperfine !== undefined) {
    const quote = (word) => `'${word.replaceAll("'", `'\\''`)}'`;
    const report = join(scratch, 'hyperfine.json');
    const result = spawnSync(
      hyperfine,
      [
        '--shell=none',
        '--style=none',
        `--warmup=${warmup}`,
        `--runs=${Math.max(2, runs)}`,
        `--export-json=${report}`,
        ...commands.map((argv) => argv.map(quote).join(' ')),
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`hyperfine failed: ${result.stderr || result.error?.message}`);
    return JSON.parse(readFileSync(report, 'utf8')).results.map((entry) => entry.median * 1000);
  }
  return commands.map(([command, ...args]) => {
    const samples = [];
    for (let i = 0; i < warmup + runs; i++) {
      const started = performance.now();
      const result = spawnSync(command, args, { stdio: 'ignore' });
      const elapsed = performance.now() - started;
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
      if (i >= warmup) samples.push(elapsed);
    }
    return median(samples);
  });
}

/** How `timeProcesses` will time, for a table's heading. */
export function timingMethod(hyperfine, runs) {
  return hyperfine === undefined ? `spawnSync, median of ${runs}` : `hyperfine, median of ${Math.max(2, runs)}`;
}

/**
 * Parses whole-number `--name N` options given as `{ name: default }`
 * (`warmup` may be 0, the others must be at least 1); exits with a message
 * on a bad value.
 */
export function countFlags(defaults) {
  const options = Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: String(value) }]));
  const { values } = parseArgs({ options });
  return Object.fromEntries(Object.keys(defaults).map((name) => [name, positiveInt(values[name], `--${name}`, name === 'warmup')]));
}

/**
 * Starts Debian's Distribution (`docker-registry`) on a free loopback port
 * with its storage in a new folder named after `prefix`; both go when the
 * bench exits. Resolves to the scratch folder and `host:port` once `/v2/`
 * answers.
 */
export async function startLoopbackRegistry(registryBin, prefix) {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  const port = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
  const host = `127.0.0.1:${port}`;
  writeFileSync(
    join(scratch, 'registry.yml'),
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(scratch, 'data')}\nhttp:\n  addr: ${host}\n`,
  );
  const registry = spawn(registryBin, ['serve', join(scratch, 'registry.yml')], { stdio: 'ignore' });
  // Not holding the process open: it ends when the bench does, and the exit handler stops the registry.
  registry.unref();
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
  return { scratch, host };
}
