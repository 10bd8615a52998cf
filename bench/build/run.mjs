#!/usr/bin/env node
// `npm run bench:build`: how long does `weld build` take, as a whole process,
// on a copy of the demo's components (Rust calc, Go format, TypeScript app)
// in a scratch project with its own .weld/cache?
//
//   - cold: the weld cache empty (Go's own build cache is left as it is, so
//     the Go standard library is not recompiled; --cold-go empties a private
//     GOCACHE too);
//   - no-op: nothing changed (median of --runs);
//   - one file changed: a comment appended to one source of one component,
//     for each component in turn (each run a new change, so never cached).
// Every run's report (`weld build --json`) is checked: cold builds all three,
// no-op builds none, a change builds exactly the changed component.
//
// Usage: node bench/build/run.mjs [--runs N] [--cold-go] [--jobs N]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, positiveInt } from '../lib.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const weldBin = join(root, 'cli', 'bin', 'weld.js');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'cold-go': { type: 'boolean', default: false }, jobs: { type: 'string' } },
});
const runs = positiveInt(values.runs, '--runs');
const jobs = values.jobs === undefined ? [] : ['--jobs', String(positiveInt(values.jobs, '--jobs'))];

const scratch = mkdtempSync(join(tmpdir(), 'weld-bench-build-'));
const project = join(scratch, 'project');
const components = [
  { name: 'calc', dir: 'calc-rust', file: 'src/calc.rs', comment: '//' },
  { name: 'format', dir: 'format-go', file: 'format.go', comment: '//' },
  { name: 'app', dir: 'app-ts', file: 'app.ts', comment: '//' },
];
for (const { dir } of components) cpSync(join(root, 'components', dir), join(project, 'components', dir), { recursive: true });
cpSync(join(root, 'wit'), join(project, 'wit'), { recursive: true });
// The repository's weld.toml without the prebuilt fallbacks.
writeFileSync(
  join(project, 'weld.toml'),
  `${spawnSync('grep', ['-v', '^prebuilt', join(root, 'weld.toml')], { encoding: 'utf8' }).stdout}`,
);
const env = { ...process.env };
if (values['cold-go']) {
  env.GOCACHE = join(scratch, 'gocache');
  mkdirSync(env.GOCACHE, { recursive: true });
}

/** One `weld build --json` as a whole process: seconds, and what it built. */
function build() {
  const start = performance.now();
  const result = spawnSync(process.execPath, [weldBin, 'build', '-p', join(project, 'weld.toml'), '--json', ...jobs], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 << 20,
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) {
    console.error(`bench: weld build failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  const report = JSON.parse(result.stdout);
  const built = report.components.filter((c) => c.kind === 'built').map((c) => c.name);
  return { seconds, built };
}

function expectBuilt(label, actual, expected) {
  if (actual.join(',') !== expected.join(',')) {
    console.error(`bench: ${label}: expected to build [${expected}], built [${actual}]`);
    process.exit(1);
  }
}

const rows = [];
const row = (label, seconds, note) => rows.push({ label, seconds, note });

try {
  console.log(`weld build on the demo's 3 components (${availableParallelism()} cores, ${jobs.length ? jobs[1] : 'default'} jobs), whole process`);
  const cold = build();
  expectBuilt('cold', cold.built, ['calc', 'format', 'app']);
  row('cold (empty weld cache)', cold.seconds, values['cold-go'] ? 'GOCACHE empty too' : "Go's build cache as it was");

  const noop = [];
  for (let i = 0; i < runs; i++) {
    const r = build();
    expectBuilt('no-op', r.built, []);
    noop.push(r.seconds);
  }
  row('no-op rebuild', median(noop), `median of ${runs}`);

  let n = 0;
  for (const c of components) {
    appendFileSync(join(project, 'components', c.dir, c.file), `\n${c.comment} bench change ${++n} ${Date.now()}\n`);
    const r = build();
    expectBuilt(`${c.name} changed`, r.built, [c.name]);
    row(`one file changed: ${c.dir}/${c.file}`, r.seconds, `rebuilt ${c.name} only`);
  }

  const width = Math.max(...rows.map((r) => r.label.length));
  console.log('');
  for (const r of rows) console.log(`  ${r.label.padEnd(width)}  ${r.seconds.toFixed(2).padStart(7)} s   ${r.note}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
