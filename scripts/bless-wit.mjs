#!/usr/bin/env node
// Regenerates the golden files of the WIT UI corpus in packages/wit/tests/ui
// from the reference implementation, `wasm-tools component wit` (1.263.0).
//
//   npm run bless:wit              write/refresh every golden file
//   npm run bless:wit -- --check   only report goldens that differ (exit 1)
//   npm run bless:wit -- NAME...   restrict to cases whose name contains NAME
//
// Cases (see packages/wit/test/ui.test.ts, which reads the same layout):
//   tests/ui/NAME.wit or tests/ui/NAME/            valid: NAME.wit.json, NAME.wit.print
//   tests/ui/parse-fail/NAME.wit or .../NAME/      invalid: NAME.wit.result
//
// A case may carry a line `// weld-test: ARGS` (in the file, or for a folder
// in one of its top-level .wit files); ARGS are `--features a,b` and/or
// `--all-features`, passed to wasm-tools (and to loadWit by the harness).
//
// wasm-tools runs with the repository root as working directory and the case
// path relative to it (forward slashes), so every `--> path:line:col` in the
// goldens is the same on every machine.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseArgs } from './wit-cases.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const uiDir = join(repoRoot, 'packages', 'wit', 'tests', 'ui');
const failDir = join(uiDir, 'parse-fail');
const goldenSuffixes = ['.wit.json', '.wit.print', '.wit.result'];

function findWasmTools() {
  if (process.env.WASM_TOOLS) return process.env.WASM_TOOLS;
  const cargo = join(homedir(), '.cargo', 'bin', process.platform === 'win32' ? 'wasm-tools.exe' : 'wasm-tools');
  if (existsSync(cargo)) return cargo;
  return 'wasm-tools';
}

/** Case paths (absolute) in a folder: `*.wit` files and sub-folders. */
function listCases(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => (e.isDirectory() && e.name !== 'parse-fail') || (e.isFile() && e.name.endsWith('.wit')))
    .map((e) => join(dir, e.name))
    .sort();
}

function caseName(path) {
  const base = path.split(sep).pop();
  return base.endsWith('.wit') ? base.slice(0, -4) : base;
}

function toPosix(path) {
  return path.split(sep).join('/');
}

/** Makes stderr independent of where the repository lives. */
function normaliseStderr(text) {
  const roots = [repoRoot + sep, toPosix(repoRoot) + '/'];
  let out = text.replace(/\r\n/g, '\n');
  for (const root of roots) out = out.split(root).join('');
  return out;
}

function run(wasmTools, args) {
  const result = spawnSync(wasmTools, args, { cwd: repoRoot, encoding: 'buffer', maxBuffer: 1 << 28 });
  if (result.error) throw new Error(`cannot run ${wasmTools}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

function main() {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const filters = argv.filter((a) => a !== '--check');
  const wasmTools = findWasmTools();
  const version = run(wasmTools, ['--version']).stdout.toString().trim();
  if (!/^wasm-tools 1\.263\.0\b/.test(version)) {
    console.warn(`warning: expected wasm-tools 1.263.0, found "${version}"`);
  }

  const problems = [];
  let written = 0;
  let unchanged = 0;
  const expectedGoldens = new Set();
  const selected = (path) => filters.length === 0 || filters.some((f) => caseName(path).includes(f));

  const emit = (file, bytes) => {
    expectedGoldens.add(file);
    const old = existsSync(file) ? readFileSync(file) : undefined;
    if (old && Buffer.compare(old, bytes) === 0) {
      unchanged++;
      return;
    }
    if (check) {
      problems.push(`${toPosix(relative(repoRoot, file))}: ${old ? 'differs' : 'missing'}`);
      return;
    }
    writeFileSync(file, bytes);
    written++;
  };

  const valid = listCases(uiDir);
  const invalid = listCases(failDir);
  for (const path of valid) {
    const base = join(uiDir, caseName(path));
    expectedGoldens.add(base + '.wit.json').add(base + '.wit.print');
    if (!selected(path)) continue;
    const rel = toPosix(relative(repoRoot, path));
    const args = caseArgs(path);
    const json = run(wasmTools, ['component', 'wit', ...args, rel, '--json']);
    const wit = run(wasmTools, ['component', 'wit', ...args, rel]);
    if (json.status !== 0 || wit.status !== 0) {
      problems.push(`${rel}: expected to be valid, wasm-tools said:\n${json.stderr || wit.stderr}`);
      continue;
    }
    emit(base + '.wit.json', json.stdout);
    emit(base + '.wit.print', wit.stdout);
  }
  for (const path of invalid) {
    const base = join(failDir, caseName(path));
    expectedGoldens.add(base + '.wit.result');
    if (!selected(path)) continue;
    const rel = toPosix(relative(repoRoot, path));
    const result = run(wasmTools, ['component', 'wit', ...caseArgs(path), rel]);
    if (result.status === 0) {
      problems.push(`${rel}: expected to fail, but wasm-tools accepted it`);
      continue;
    }
    if (result.status !== 1) {
      problems.push(`${rel}: wasm-tools exited with ${result.status} (crash?):\n${result.stderr}`);
      continue;
    }
    emit(base + '.wit.result', Buffer.from(normaliseStderr(result.stderr), 'utf8'));
  }

  // Goldens without a case are stale.
  if (filters.length === 0) {
    for (const dir of [uiDir, failDir]) {
      for (const name of readdirSync(dir)) {
        const file = join(dir, name);
        if (!goldenSuffixes.some((s) => name.endsWith(s)) || expectedGoldens.has(file)) continue;
        if (check) problems.push(`${toPosix(relative(repoRoot, file))}: stale golden`);
        else {
          unlinkSync(file);
          console.log(`removed stale ${toPosix(relative(repoRoot, file))}`);
        }
      }
    }
  }

  console.log(
    `${version}: ${valid.length} valid and ${invalid.length} invalid cases; ` +
      (check ? `${unchanged} goldens up to date` : `${written} goldens written, ${unchanged} unchanged`),
  );
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
}

main();
