#!/usr/bin/env node
// `npm start`: the demo, end to end, with the `weld` CLI at every step.
// `prestart` has already installed the npm dependencies (if needed) and
// built weld. Then:
//   1. weld build    the Rust, Go and TypeScript components of weld.toml
//                    (the committed prebuilt Rust and Go components stand in,
//                    with a line saying so, when rustc or go is missing)
//   2. weld compose  the TypeScript app with the Rust calc and the Go format
//   3. weld inspect  what the composed component still imports (WASI only)
//   4. weld package  into an OCI image layout, out/demo-layout
//   5. weld run      the packaged component as a command
//   6. weld serve    the same artifact over HTTP, and one request to it
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const weldBin = fileURLToPath(new URL('../cli/bin/weld.js', import.meta.url));
const expressions = ['1.5 * 4', '10 / 4'];
const httpQuery = '/?expr=1.5*4';

function heading(text) {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 72 - text.length))}\n`);
}

/** What a user would type. */
const shown = (args) => `weld ${args.map((a) => (/[\s*'"]/.test(a) ? `'${a}'` : a)).join(' ')}`;

/** Runs `weld ARGS` from the repo root with its output shown as it comes; exits if it fails. */
function weld(...args) {
  console.log(`$ ${shown(args)}`);
  const result = spawnSync(process.execPath, [weldBin, ...args], { cwd: root, stdio: 'inherit' });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) fail(`\`${shown(args)}\` exited with ${result.status}`, result.status ?? 2);
}

/** Runs `weld ARGS` and returns its standard output. */
function weldOutput(...args) {
  console.log(`$ ${shown(args)}`);
  const result = spawnSync(process.execPath, [weldBin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error !== undefined) throw result.error;
  process.stderr.write(result.stderr);
  if (result.status !== 0) fail(`\`${shown(args)}\` exited with ${result.status}`, result.status ?? 2);
  return result.stdout;
}

function fail(message, code = 1) {
  console.error(`\ndemo: ${message}`);
  process.exit(code);
}

heading('install');
console.log('done by `prestart`: scripts/install-locked.mjs (npm ci when needed), then `npm run build`');

heading('build: Rust computes, Go formats, TypeScript routes');
weld('build');

heading('compose: plug calc (Rust) and format (Go) into app (TypeScript)');
mkdirSync(`${root}out`, { recursive: true });
weld('compose', 'out/components/app.wasm', '--plug', 'out/components/calc.wasm', '--plug', 'out/components/format.wasm', '-o', 'out/demo.wasm');
console.log('wrote out/demo.wasm');

heading('inspect: what the composed component still imports (all WASI, for the host)');
const report = weldOutput('inspect', 'out/demo.wasm');
// The world part of the report: its imports and exports.
const world = /^world [^\n]*\n([\s\S]*?)\n\n/m.exec(report);
process.stdout.write(world === null ? report : `${world[0]}`);

heading('package: an OCI image layout');
rmSync(`${root}out/demo-layout`, { recursive: true, force: true });
weld('package', 'out/demo.wasm', '-o', 'out/demo-layout', '--tag', 'demo');

heading('run: the packaged component as a command');
weld('run', 'out/demo-layout', '--', ...expressions);

heading('serve: the same artifact over HTTP');
await serveAndAsk();

/** `weld serve` on a free port, one GET, then stop the server. */
async function serveAndAsk() {
  const args = ['serve', 'out/demo-layout', '--port', '0'];
  console.log(`$ ${shown(args)} &`);
  const server = spawn(process.execPath, [weldBin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`weld serve did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/\S+?)\/?(\s|$)/.exec(output);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    server.stdout.setEncoding('utf8').on('data', onData);
    server.stderr.setEncoding('utf8').on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`weld serve exited with ${code} before listening:\n${output}`));
    });
  }).catch((error) => fail(error.message));
  process.stdout.write(output);
  try {
    console.log(`$ curl '${url}${httpQuery}'`);
    const response = await fetch(`${url}${httpQuery}`);
    const body = await response.text();
    console.log(`HTTP ${response.status} ${response.statusText} (${response.headers.get('content-type')})`);
    process.stdout.write(body);
    if (response.status !== 200) fail(`GET ${httpQuery} answered ${response.status}`);
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
  console.log('(server stopped)');
}

console.log('\nRun `node cli/bin/weld.js --help` for every command.');
