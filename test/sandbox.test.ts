/**
 * The filesystem sandbox of `weld run` and `weld serve`, through the real CLI
 * with a real guest: the rust-fs fixture (test/fixtures/src/rust-fs, Rust
 * std::fs) runs one filesystem operation per argument, or per query item
 * when served, and prints what each gave. Whatever symlinks a guest makes or
 * finds, nothing it opens, creates, stats, links, renames or removes may lie
 * outside its preopen: the guest gets `not-permitted` (errno 63 through the
 * preview1 adapter) and the host files stay as they were.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/components.js';
import { startServer, weld } from './support/weld-host.js';

const rustFs = join(repoRoot, 'test', 'fixtures', 'out', 'rust-fs.wasm');
const refused = 'err: Operation not permitted (os error 63)';
const secret = 'TOP-SECRET-HOST-FILE';

let scratch: string;
let secretFile: string;

/**
 * A fresh preopen under scratch: `out -> ../outside` and `outfile ->
 * ../outside/secret.txt` lead out, `abs` is the outside folder's absolute
 * path, `in -> sub` and `in-file -> sub/inside.txt` stay inside.
 */
function tree(name: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'sub', 'inside.txt'), 'inside');
  symlinkSync('../outside', join(dir, 'out'));
  symlinkSync('../outside/secret.txt', join(dir, 'outfile'));
  symlinkSync(join(scratch, 'outside'), join(dir, 'abs'));
  symlinkSync('sub', join(dir, 'in'));
  symlinkSync('sub/inside.txt', join(dir, 'in-file'));
  return dir;
}

/** Each case: operations and what the guest must print for each, on a fresh preopen (`tree`, or an empty folder). */
const cases: Record<string, { readonly empty?: boolean; readonly ops: readonly (readonly [op: string, result: string])[] }> = {
  'a symlink the guest makes climbing out of an empty preopen, then read through': {
    empty: true,
    ops: [
      ['symlink:../../../../../../../..:/data/r', refused],
      ['symlink:/:/data/root', refused],
      ['symlink:sub/../..:/data/up', refused],
      ['read:/data/r/<secret>', 'err: No such file or directory (os error 44)'],
      ['list:/data', 'ok'],
    ],
  },
  'the preopen itself removed and replaced by a symlink leading out': {
    empty: true,
    ops: [
      ['rmdir:/data', 'err: Invalid argument (os error 28)'],
      ['symlink:outside:/data', 'err: Invalid argument (os error 28)'],
      ['rename:/data:/data/x', 'err: Invalid argument (os error 28)'],
      ['read:/data/secret.txt', 'err: No such file or directory (os error 44)'],
    ],
  },
  'a symlink already in the preopen leading out, as an intermediate component without following': {
    ops: [
      ['lstat:/data/out/secret.txt', refused],
      ['read:/data/out/secret.txt', refused],
      ['read:/data/abs/secret.txt', refused],
      ['list:/data/out', refused],
      ['write:/data/out/planted.txt:x', refused],
      ['mkdir:/data/out/planted', refused],
    ],
  },
  'a symlink leading out as the last component, followed': {
    ops: [
      ['read:/data/outfile', refused],
      ['stat:/data/outfile', refused],
      ['stat:/data/out', refused],
      ['lstat:/data/out', 'ok: symlink'],
      ['readlink:/data/out', 'ok: ../outside'],
      ['readlink:/data/abs', refused],
    ],
  },
  'stat, readlink, rename, link and unlink through a symlink leading out': {
    ops: [
      ['stat:/data/out/secret.txt', refused],
      ['readlink:/data/out/link', refused],
      ['rename:/data/out/secret.txt:/data/stolen.txt', refused],
      ['rename:/data/sub/inside.txt:/data/out/planted.txt', refused],
      ['link:/data/out/secret.txt:/data/stolen.txt', refused],
      ['link:/data/sub/inside.txt:/data/out/planted.txt', refused],
      ['unlink:/data/out/secret.txt', refused],
      ['rmdir:/data/out/dir', refused],
    ],
  },
  'symlinks that stay inside keep working': {
    ops: [
      ['read:/data/in/inside.txt', 'ok: inside'],
      ['read:/data/in-file', 'ok: inside'],
      ['stat:/data/in', 'ok: directory'],
      ['list:/data/in', 'ok: inside.txt'],
      ['symlink:sub/inside.txt:/data/new-link', 'ok'],
      ['read:/data/new-link', 'ok: inside'],
      ['symlink:../in-file:/data/sub/up-link', 'ok'],
      ['read:/data/sub/up-link', 'ok: inside'],
      ['rename:/data/sub/up-link:/data/in/moved-link', 'ok'],
      ['read:/data/sub/moved-link', 'ok: inside'],
    ],
  },
};

/** The operations of a case with the secret file's host path filled in. */
const opsOf = (name: string): string[] => (cases[name]?.ops ?? []).map(([op]) => op.replace('<secret>', secretFile.slice(1)));

/** The lines the guest must print for a case. */
const expectedOf = (name: string): string => opsOf(name).map((op, i) => `${op} => ${cases[name]?.ops[i]?.[1]}\n`).join('');

/** A fresh preopen for case number `i` of `mode`. */
function preopenFor(mode: string, name: string, i: number): string {
  if (cases[name]?.empty !== true) return tree(`${mode}-${i}`);
  const dir = join(scratch, `${mode}-${i}`);
  mkdirSync(dir);
  return dir;
}

/** The outside folder must be exactly as it was made. */
function expectOutsideUntouched(output: string): void {
  expect(output).not.toContain(secret);
  expect(readdirSync(join(scratch, 'outside')).sort()).toEqual(['dir', 'link', 'secret.txt']);
  expect(readFileSync(secretFile, 'utf8')).toBe(secret);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'weld-sandbox-'));
  mkdirSync(join(scratch, 'outside', 'dir'), { recursive: true });
  secretFile = join(scratch, 'outside', 'secret.txt');
  writeFileSync(secretFile, secret);
  symlinkSync('secret.txt', join(scratch, 'outside', 'link'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('weld run keeps the guest inside its preopen', () => {
  Object.keys(cases).forEach((name, i) => {
    it(name, async () => {
      const dir = preopenFor('run', name, i);
      const r = await weld(['run', rustFs, '--dir', `${dir}::/data`, '--', ...opsOf(name)]);
      expect(r).toEqual({ stdout: expectedOf(name), stderr: '', exitCode: 0 });
      expectOutsideUntouched(r.stdout);
    });
  });
});

describe('weld serve keeps the guest inside its preopen', () => {
  it('refuses every escape, request by request, and serves in-tree symlinks', async () => {
    const names = Object.keys(cases);
    const dirs = names.map((name, i) => preopenFor('serve', name, i));
    // One server per case: each needs its own preopen.
    for (const [i, name] of names.entries()) {
      const server = await startServer([rustFs, '--port', '0', '--dir', `${dirs[i]}::/data`]);
      try {
        let body = '';
        for (const op of opsOf(name)) body += await (await fetch(`${server.url}?${op}`)).text();
        expect(body, name).toBe(expectedOf(name));
        expectOutsideUntouched(body);
      } finally {
        await server.stop();
      }
    }
  });
});
