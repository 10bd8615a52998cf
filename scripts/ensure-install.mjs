#!/usr/bin/env node
// Runs before `npm test` and `npm start`: installs dependencies when they are
// missing or older than package-lock.json, so a fresh clone needs no separate
// `npm install` step. Prints one line either way; npm's own output is shown
// only when it fails.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** mtime in ms, or undefined when the file does not exist. */
function mtime(relative) {
  try {
    return statSync(new URL(relative, new URL('../', import.meta.url))).mtimeMs;
  } catch {
    return undefined;
  }
}

// npm rewrites node_modules/.package-lock.json on every install, so its
// mtime says when node_modules last matched the lockfile; the folder's own
// mtime only changes when top-level entries come or go.
const installed = mtime('node_modules/.package-lock.json');
const lock = mtime('package-lock.json');
const reason =
  installed === undefined
    ? 'node_modules is missing'
    : lock === undefined
      ? 'package-lock.json is missing'
      : lock > installed
        ? 'package-lock.json is newer than node_modules'
        : undefined;

if (reason === undefined) {
  console.log('ensure-install: node_modules is up to date, nothing to do');
} else {
  const started = performance.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  if (result.error !== undefined || result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`ensure-install: ${reason}; npm install failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status || 1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`ensure-install: ${reason}; ran npm install (${seconds} s)`);
}
