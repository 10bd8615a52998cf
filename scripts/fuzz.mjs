#!/usr/bin/env node
// A fuzzing campaign: `npm run fuzz -- --minutes N [--targets decode,wit]
// [--scale S] [--hang-seconds T]`. Each target of test/fuzz/targets.ts runs
// in a worker thread for its share of the time, on inputs drawn from
// test/fuzz/inputs.ts (mutated real inputs and bombs). Anything other than
// success or weld's typed error — an untyped exception, a case that runs
// longer than T seconds, a worker out of memory — is written to
// .fuzz/reproducers/TARGET/ (the input, and a .txt saying what happened and
// which case reproduces it). Prints the cases run and outcomes by class, writes
// .fuzz/summary.json, and exits 1 when anything was found.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const allTargets = ['decode', 'round-trip', 'wit', 'wit-recover', 'compose', 'config'];

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '1' },
    targets: { type: 'string', default: allTargets.join(',') },
    scale: { type: 'string', default: '2' },
    'hang-seconds': { type: 'string', default: '20' },
    out: { type: 'string', default: join(root, '.fuzz') },
  },
});
const minutes = Number(values.minutes);
const scale = Number(values.scale);
const hangSeconds = Number(values['hang-seconds']);
const targets = values.targets.split(',').filter((name) => name !== '');
for (const name of targets) {
  if (!allTargets.includes(name)) {
    console.error(`error: unknown target '${name}'; the targets are ${allTargets.join(', ')}`);
    process.exit(1);
  }
}
if (!(minutes > 0) || !(scale > 0) || !(hangSeconds > 0)) {
  console.error('error: --minutes, --scale and --hang-seconds take positive numbers');
  process.exit(1);
}

const out = values.out;
// In the repository, so that the bundle's imports of @weld/* resolve and test/fuzz finds its seeds.
const workerFile = join(root, '.fuzz', 'build', 'campaign-worker.mjs');
await build({
  entryPoints: [join(root, 'test', 'fuzz', 'campaign-worker.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: workerFile,
  logLevel: 'warning',
});

const maxInput = 64 * 1024 * 1024;
const summary = { minutes, scale, hangSeconds, startedAt: new Date().toISOString(), targets: {} };
let findings = 0;

function keep(target, kind, caseNumber, input, text) {
  const dir = join(out, 'reproducers', target);
  mkdirSync(dir, { recursive: true });
  const digest = input === undefined ? `case-${caseNumber}` : createHash('sha256').update(input).digest('hex').slice(0, 12);
  const base = join(dir, `${kind}-${digest}`);
  if (input !== undefined) writeFileSync(`${base}.bin`, input);
  writeFileSync(`${base}.txt`, `${kind} in target ${target}, case ${caseNumber} at scale ${scale} (fc.sample(inputsFor(target, ${scale}), { seed: ${caseNumber}, numRuns: 1 }))\n\n${text}\n`);
  findings++;
  return `${base}.txt`;
}

/** Runs one target until `deadline`, restarting its worker after a hang or a crash. */
async function campaign(target, deadline) {
  const record = { cases: 0, outcomes: {}, untyped: 0, hangs: 0, crashes: 0 };
  const seen = new Set();
  const add = (counts) => {
    for (const [outcome, count] of Object.entries(counts)) {
      record.outcomes[outcome] = (record.outcomes[outcome] ?? 0) + count;
      record.cases += count;
    }
  };
  let firstCase = 1;
  while (Date.now() < deadline) {
    const state = new Int32Array(new SharedArrayBuffer(8));
    const input = new Uint8Array(new SharedArrayBuffer(maxInput));
    state[0] = firstCase - 1;
    const worker = new Worker(workerFile, {
      workerData: { target, firstCase, scale, deadline, state, input },
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    const current = () => {
      const length = Atomics.load(state, 1);
      return { caseNumber: Atomics.load(state, 0), bytes: length >= 0 ? input.slice(0, length) : undefined };
    };
    firstCase = await new Promise((resolve) => {
      let lastCase = -1;
      let since = Date.now();
      const watchdog = setInterval(() => {
        const now = Atomics.load(state, 0);
        if (now !== lastCase) {
          lastCase = now;
          since = Date.now();
          return;
        }
        if (Date.now() - since < hangSeconds * 1000) return;
        clearInterval(watchdog);
        const { caseNumber, bytes } = current();
        record.hangs++;
        record.cases++;
        const file = keep(target, 'hang', caseNumber, bytes, `the case ran for more than ${hangSeconds} s`);
        console.log(`  ${target}: case ${caseNumber} hangs → ${file}`);
        void worker.terminate();
        resolve(caseNumber + 1);
      }, 500);
      worker.on('message', (message) => {
        if (message.kind === 'progress' || message.kind === 'done') add(message.counts);
        if (message.kind === 'finding') {
          const key = `${message.message.split('\n', 1)[0]}`;
          if (seen.has(key)) return;
          seen.add(key);
          const file = keep(target, 'untyped', message.case, message.input, `${message.message}\n\n${message.stack}`);
          console.log(`  ${target}: case ${message.case}: ${key.slice(0, 120)} → ${file}`);
        }
        if (message.kind === 'done') {
          clearInterval(watchdog);
          resolve(message.next);
        }
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        const { caseNumber, bytes } = current();
        if (caseNumber < firstCase) {
          // It failed before its first case: the campaign itself is broken, not weld.
          console.error(`error: the ${target} worker did not start: ${error.message}`);
          process.exit(2);
        }
        record.crashes++;
        record.cases++;
        const file = keep(target, 'crash', caseNumber, bytes, `${error.code ?? ''} ${error.message}`);
        console.log(`  ${target}: case ${caseNumber} crashed the worker (${error.code ?? error.message}) → ${file}`);
        resolve(caseNumber + 1);
      });
    });
  }
  record.untyped = Object.entries(record.outcomes)
    .filter(([outcome]) => outcome.startsWith('untyped:'))
    .reduce((sum, [, count]) => sum + count, 0);
  return record;
}

const share = (minutes * 60_000) / targets.length;
console.log(`fuzzing ${targets.join(', ')} for ${minutes} min at scale ${scale} (a case longer than ${hangSeconds} s is a hang)`);
for (const [index, target] of targets.entries()) {
  const deadline = Date.now() + share;
  const record = await campaign(target, deadline);
  summary.targets[target] = record;
  const classes = {};
  for (const [outcome, count] of Object.entries(record.outcomes)) {
    const cls = outcome.split(':', 1)[0];
    classes[cls] = (classes[cls] ?? 0) + count;
  }
  console.log(
    `${String(index + 1).padStart(2)}. ${target.padEnd(10)} ${String(record.cases).padStart(8)} cases  ` +
      `${Object.entries(classes).map(([cls, count]) => `${cls} ${count}`).join(', ')}  ` +
      `hangs ${record.hangs}, crashes ${record.crashes}, untyped ${record.untyped}`,
  );
}
summary.findings = findings;
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(findings === 0 ? 'no findings' : `${findings} findings in ${join(out, 'reproducers')}`);
process.exit(findings === 0 ? 0 : 1);
