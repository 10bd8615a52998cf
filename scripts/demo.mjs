#!/usr/bin/env node
// `npm start`: a short tour of what weld can do today. `prestart` has already
// installed dependencies and built the packages. More steps join as the
// toolkit grows (components, composition, bindings).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const weldBin = fileURLToPath(new URL('../cli/bin/weld.js', import.meta.url));

/** Runs `weld ARGS` from the repo root; exits with weld's code if it fails. */
function weld(...args) {
  const result = spawnSync(process.execPath, [weldBin, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    console.error(`\ndemo: \`weld ${args.join(' ')}\` exited with ${result.status}`);
    process.exit(result.status ?? 2);
  }
  return result.stdout;
}

function heading(text) {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 72 - text.length))}\n`);
}

heading('weld wit wit/   (the demo package, resolved and printed back)');
const wit = weld('wit', 'wit/');
// The dependencies follow as nested packages; the demo's own package is the
// interesting part, so show it and summarise the rest.
const firstNested = wit.search(/^package [^;]*\{$/mu);
process.stdout.write(firstNested === -1 ? wit : wit.slice(0, firstNested));
if (firstNested !== -1) {
  const nested = wit.slice(firstNested).match(/^package [^ ]+/gmu) ?? [];
  console.log(`\n… followed by ${nested.length} dependency packages: ${nested.map((line) => line.slice(8)).join(', ')}`);
}

heading('weld wit wit/ --json   (the same resolve as JSON)');
const json = JSON.parse(weld('wit', 'wit/', '--json'));
const count = (key) => (Array.isArray(json[key]) ? json[key].length : 0);
console.log(`${count('packages')} packages: ${json.packages.map((pkg) => pkg.name).join(', ')}`);
console.log(`${count('interfaces')} interfaces, ${count('worlds')} worlds, ${count('types')} types`);
console.log('\nRun `node cli/bin/weld.js --help` for the commands.');
