import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confinePath, maxSymlinkHops, symlinkStaysInside } from './confine-path.js';

/** What `run` threw (a WASI error code), or its result. */
function outcome(run: () => string): { ok: string } | { err: unknown } {
  try {
    return { ok: run() };
  } catch (error) {
    return { err: error };
  }
}

let scratch: string;
let root: string;

beforeAll(() => {
  // scratch/outside.txt, and the confined directory scratch/root:
  //   dir/file.txt, up -> .., out -> ../.., deep -> dir/../../.., abs -> /etc,
  //   here -> dir, chain -> here/file.txt, dangling -> new.txt, loop -> loop,
  //   file.txt -> dir/file.txt, in -> dir/inner -> ../dir
  scratch = mkdtempSync(join(tmpdir(), 'weld-confine-'));
  root = join(scratch, 'root');
  writeFileSync(join(scratch, 'outside.txt'), 'secret');
  mkdirSync(join(root, 'dir'), { recursive: true });
  writeFileSync(join(root, 'dir', 'file.txt'), 'inside');
  const links: [string, string][] = [
    ['up', '..'],
    ['out', '../..'],
    ['deep', 'dir/../../..'],
    ['abs', '/etc'],
    ['here', 'dir'],
    ['chain', 'here/file.txt'],
    ['dangling', 'new.txt'],
    ['loop', 'loop'],
    ['in', 'dir/inner'],
    ['dir/inner', '../dir'],
  ];
  for (const [link, target] of links) symlinkSync(target, join(root, link));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('confinePath', () => {
  it('returns clean relative paths for paths that stay inside', () => {
    expect(confinePath(root, '', 'dir/file.txt', false)).toBe('dir/file.txt');
    expect(confinePath(root, '', './dir//./file.txt', true)).toBe('dir/file.txt');
    expect(confinePath(root, '', 'dir/../dir/file.txt', false)).toBe('dir/file.txt');
    expect(confinePath(root, '', '', false)).toBe('');
    expect(confinePath(root, '', '.', false)).toBe('');
    expect(confinePath(root, '', 'dir/', false)).toBe('dir/');
    expect(confinePath(root, '', 'missing.txt', true)).toBe('missing.txt');
  });

  it('follows symlinks that stay inside, as intermediate components and as the last one when asked', () => {
    expect(confinePath(root, '', 'here/file.txt', false)).toBe('dir/file.txt');
    expect(confinePath(root, '', 'chain', true)).toBe('dir/file.txt');
    expect(confinePath(root, '', 'in/inner/file.txt', false)).toBe('dir/file.txt');
    expect(confinePath(root, '', 'dangling', true)).toBe('new.txt');
    expect(confinePath(root, '', 'here/', false)).toBe('dir/');
  });

  it('leaves the last symlink alone unless asked to follow it', () => {
    expect(confinePath(root, '', 'chain', false)).toBe('chain');
    expect(confinePath(root, '', 'out', false)).toBe('out');
    expect(confinePath(root, '', 'here/../abs', false)).toBe('abs');
  });

  it('refuses paths that leave the directory, directly or through a symlink', () => {
    for (const [path, followLast] of [
      ['/etc/hostname', false],
      ['..', false],
      ['dir/../../outside.txt', false],
      ['up/outside.txt', false],
      ['out/etc/hostname', false],
      ['deep/etc', false],
      ['abs/hostname', false],
      ['up', true],
      ['abs', true],
      ['here/../up/', false],
    ] as const) {
      expect(outcome(() => confinePath(root, '', path, followLast)), path).toEqual({ err: 'not-permitted' });
    }
  });

  it('refuses a symlink loop after the hop limit', () => {
    expect(outcome(() => confinePath(root, '', 'loop/x', false))).toEqual({ err: 'loop' });
    expect(maxSymlinkHops).toBe(40);
  });

  it('passes on missing and non-directory intermediate components as WASI codes', () => {
    expect(outcome(() => confinePath(root, '', 'missing/x', false))).toEqual({ err: 'no-entry' });
    expect(outcome(() => confinePath(root, '', 'dir/file.txt/x', false))).toEqual({ err: 'not-directory' });
    expect(outcome(() => confinePath(root, '', 'dir/file.txt/../../..', false))).toEqual({ err: 'not-directory' });
    expect(outcome(() => confinePath(root, '', 'dir/a\0b/c', false))).toEqual({ err: 'invalid' });
  });

  it('resolves below a base directory, walking the base again and never climbing above it', () => {
    expect(confinePath(root, 'dir', 'file.txt', false)).toBe('dir/file.txt');
    expect(confinePath(root, 'dir', '.', false)).toBe('dir/');
    expect(confinePath(root, 'dir', '', false)).toBe('dir/');
    // A base that is a symlink now (renamed into place) is followed inside the root.
    expect(confinePath(root, 'here', 'file.txt', false)).toBe('dir/file.txt');
    expect(outcome(() => confinePath(root, 'up', 'outside.txt', false))).toEqual({ err: 'not-permitted' });
    expect(outcome(() => confinePath(root, 'dir', '../dir/file.txt', false))).toEqual({ err: 'not-permitted' });
    expect(outcome(() => confinePath(root, 'dir', 'inner/file.txt', false))).toEqual({ err: 'not-permitted' });
  });

  it('treats a backslash as a separator, as preview2-shim does', () => {
    expect(outcome(() => confinePath(root, '', 'up\\outside.txt', false))).toEqual({ err: 'not-permitted' });
  });
});

describe('symlinkStaysInside', () => {
  it('accepts targets inside the directory', () => {
    expect(symlinkStaysInside('link', 'dir/file.txt')).toBe(true);
    expect(symlinkStaysInside('dir/link', '../other')).toBe(true);
    expect(symlinkStaysInside('dir/link', './x/../../y')).toBe(true);
  });

  it('refuses absolute targets and targets that climb out', () => {
    expect(symlinkStaysInside('link', '/etc')).toBe(false);
    expect(symlinkStaysInside('link', '..')).toBe(false);
    expect(symlinkStaysInside('r', '../../../../../../../..')).toBe(false);
    expect(symlinkStaysInside('dir/link', 'x/../../..')).toBe(false);
  });
});
