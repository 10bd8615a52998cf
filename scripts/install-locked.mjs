#!/usr/bin/env node
// Installs node_modules exactly as package-lock.json says, for `.ci/run`,
// `npm start` and `npm test`.
//
// `npm ci` is tried first. It refuses a lockfile that lacks an optional
// package some dependency lists, and registries keep starting to serve such
// packages (platform binaries for other systems, as componentize-qjs and jco
// publish them). That drift must not turn CI red, so on that refusal this
// falls back to `npm install` and then checks what matters: every entry of the
// committed lockfile is unchanged, every entry npm added is optional and not
// installed here, and every installed package has the locked version. The
// committed lockfile is then restored byte for byte, so the checkout stays
// clean.
//
//   node scripts/install-locked.mjs          install only when package.json or
//                                            the lockfile changed since the last
//                                            install (npm start, npm test)
//   node scripts/install-locked.mjs --force  always install (.ci/run)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const lockPath = join(root, 'package-lock.json');
const stampPath = join(root, 'node_modules', '.weld-install-stamp');
const force = process.argv.includes('--force');

class InstallError extends Error {}

/** The manifests whose change makes an install necessary. */
function installInputs() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const files = ['package.json', 'package-lock.json'];
  for (const pattern of manifest.workspaces ?? []) {
    const base = pattern.replace(/\/\*$/, '');
    if (base === pattern) files.push(join(pattern, 'package.json'));
    else {
      for (const entry of readdirNames(join(root, base))) files.push(join(base, entry, 'package.json'));
    }
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    const path = join(root, file);
    if (!existsSync(path)) continue;
    hash.update(`${file}\0`).update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

function readdirNames(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function npm(args) {
  const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(command, [...args, '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  if (result.error !== undefined) throw new InstallError(`could not start npm: ${result.error.message}`);
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** Checks an `npm install` against the lockfile committed before it; returns the optional entries it added. */
function checkDrift(committed, after, installed) {
  const problems = [];
  for (const [path, entry] of Object.entries(committed.packages)) {
    if (!(path in after.packages)) problems.push(`${path || 'the root'} was removed`);
    else if (!isDeepStrictEqual(entry, after.packages[path])) problems.push(`${path || 'the root'} changed`);
  }
  const added = [];
  for (const [path, entry] of Object.entries(after.packages)) {
    if (path in committed.packages) continue;
    if (entry.optional !== true) problems.push(`${path}@${entry.version} is required but not locked`);
    else if (path in installed.packages) problems.push(`${path}@${entry.version} is installed here but not locked`);
    else added.push(`${path.replace(/^.*node_modules\//, '')}@${entry.version}`);
  }
  for (const [path, entry] of Object.entries(installed.packages)) {
    const locked = committed.packages[path];
    if (locked === undefined) continue; // reported above
    if (locked.version !== entry.version) {
      problems.push(`${path} is installed at ${entry.version} but locked at ${locked.version}`);
    }
  }
  if (problems.length > 0) {
    throw new InstallError(
      `package-lock.json is out of date with package.json (${problems.slice(0, 5).join('; ')}${
        problems.length > 5 ? `; and ${problems.length - 5} more` : ''
      }); run npm install and commit package-lock.json`,
    );
  }
  return added;
}

function install() {
  const ci = npm(['ci']);
  if (ci.status === 0) return 'npm ci';
  if (!/can only install packages when your package\.json and package-lock\.json/.test(ci.output)) {
    process.stderr.write(ci.output);
    throw new InstallError('npm ci failed');
  }
  const committedText = readFileSync(lockPath, 'utf8');
  const committed = JSON.parse(committedText);
  const fallback = npm(['install']);
  if (fallback.status !== 0) {
    writeFileSync(lockPath, committedText);
    process.stderr.write(fallback.output);
    throw new InstallError('npm install failed');
  }
  try {
    const after = JSON.parse(readFileSync(lockPath, 'utf8'));
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', '.package-lock.json'), 'utf8'));
    const added = checkDrift(committed, after, installed);
    return `npm install (npm ci refused the lockfile: the registry now serves ${added.length} optional package${
      added.length === 1 ? '' : 's'
    } for other platforms: ${added.join(', ')}; every installed version matches the lockfile)`;
  } finally {
    writeFileSync(lockPath, committedText);
  }
}

try {
  const inputs = installInputs();
  const stamp = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : undefined;
  if (!force && stamp === inputs) {
    console.log('install: node_modules matches package-lock.json, nothing to do');
  } else {
    const started = performance.now();
    const how = install();
    writeFileSync(stampPath, `${inputs}\n`);
    console.log(`install: ${how} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} catch (error) {
  if (!(error instanceof InstallError)) throw error;
  console.error(`install: error: ${error.message}`);
  process.exit(1);
}
