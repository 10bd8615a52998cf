import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denyAll, loadShim, wasiImports } from '@weld/host';

type Clock = { now(): { seconds: bigint; nanoseconds: number } };
type Preopens = { getDirectories(): unknown[] };
type Environment = { getEnvironment(): [string, string][]; getArguments(): string[]; initialCwd(): string | undefined };

describe('wasiImports', () => {
  it('grants nothing by default: no preopens, no variables, no cwd, no network interfaces', async () => {
    const wasi = wasiImports(await loadShim(), denyAll, { args: ['app.wasm', 'x'] });
    expect((wasi['wasi:filesystem/preopens'] as Preopens).getDirectories()).toEqual([]);
    const environment = wasi['wasi:cli/environment'] as Environment;
    expect(environment.getEnvironment()).toEqual([]);
    expect(environment.getArguments()).toEqual(['app.wasm', 'x']);
    expect(environment.initialCwd()).toBeUndefined();
    expect(Object.keys(wasi).filter((name) => name.startsWith('wasi:sockets/') || name === 'wasi:http/outgoing-handler')).toEqual([]);
  });

  it('starts the wall clock at the epoch unless --allow-clock', async () => {
    const shim = await loadShim();
    const sandboxed = (wasiImports(shim, denyAll, { args: [] })['wasi:clocks/wall-clock'] as Clock).now();
    expect(sandboxed.seconds).toBeLessThan(60n);
    const real = (wasiImports(shim, { ...denyAll, wallClock: true }, { args: [] })['wasi:clocks/wall-clock'] as Clock).now();
    expect(Number(real.seconds)).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('lists granted directories and variables', async () => {
    const wasi = wasiImports(await loadShim(), { ...denyAll, dirs: [{ host: '/tmp', guest: '/data' }], env: { A: '1' } }, { args: [] });
    expect((wasi['wasi:filesystem/preopens'] as Preopens).getDirectories().map((entry) => (entry as [unknown, string])[1])).toEqual(['/data']);
    expect((wasi['wasi:cli/environment'] as Environment).getEnvironment()).toEqual([['A', '1']]);
  });
});

describe('wasiImports: every filesystem path stays inside its preopen', () => {
  type Descriptor = Record<string, (...args: unknown[]) => unknown>;
  const read = { read: true };
  let scratch: string;
  let dir: Descriptor;

  /** The error code `call` threw, or 'ok'. */
  function code(call: () => unknown): unknown {
    try {
      call();
      return 'ok';
    } catch (error) {
      return error;
    }
  }

  beforeAll(async () => {
    // scratch/secret.txt outside; the preopen scratch/data holds up -> .., file.txt, inside -> file.txt, abs -> scratch/secret.txt.
    scratch = mkdtempSync(join(tmpdir(), 'weld-wasi-fs-'));
    writeFileSync(join(scratch, 'secret.txt'), 'secret');
    mkdirSync(join(scratch, 'data'));
    writeFileSync(join(scratch, 'data', 'file.txt'), 'inside');
    symlinkSync('..', join(scratch, 'data', 'up'));
    symlinkSync('file.txt', join(scratch, 'data', 'inside'));
    symlinkSync(join(scratch, 'secret.txt'), join(scratch, 'data', 'abs'));
    const wasi = wasiImports(await loadShim(), { ...denyAll, dirs: [{ host: join(scratch, 'data'), guest: '/data' }] }, { args: [] });
    dir = ((wasi['wasi:filesystem/preopens'] as Preopens).getDirectories()[0] as [Descriptor, string])[0];
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('refuses each path-taking call through a symlink that leads out', () => {
    const follow = { symlinkFollow: true };
    const noFollow = { symlinkFollow: false };
    const now = { tag: 'now' };
    const calls: Record<string, () => unknown> = {
      'open-at': () => dir['openAt']?.(noFollow, 'up/secret.txt', {}, read),
      'open-at follow': () => dir['openAt']?.(follow, 'up', { directory: true }, read),
      'stat-at': () => dir['statAt']?.(noFollow, 'up/secret.txt'),
      'stat-at follow': () => dir['statAt']?.(follow, 'up'),
      'metadata-hash-at': () => dir['metadataHashAt']?.(follow, 'up'),
      'set-times-at': () => dir['setTimesAt']?.(noFollow, 'up/secret.txt', now, now),
      'readlink-at': () => dir['readlinkAt']?.('up/secret.txt'),
      'symlink-at absolute': () => dir['symlinkAt']?.('/etc', 'abs'),
      'symlink-at climbing': () => dir['symlinkAt']?.('../../../../../../../..', 'r'),
      'symlink-at through': () => dir['symlinkAt']?.('x', 'up/new-link'),
      'link-at old': () => dir['linkAt']?.(noFollow, 'up/secret.txt', dir, 'hard'),
      'link-at new': () => dir['linkAt']?.(noFollow, 'file.txt', dir, 'up/hard'),
      'rename-at old': () => dir['renameAt']?.('up/secret.txt', dir, 'moved'),
      'rename-at new': () => dir['renameAt']?.('file.txt', dir, 'up/moved'),
      'unlink-file-at': () => dir['unlinkFileAt']?.('up/secret.txt'),
      'remove-directory-at': () => dir['removeDirectoryAt']?.('up/data'),
      'create-directory-at': () => dir['createDirectoryAt']?.('up/new-dir'),
    };
    for (const [name, call] of Object.entries(calls)) expect(code(call), name).toBe('not-permitted');
    expect(readdirSync(scratch).sort()).toEqual(['data', 'secret.txt']);
    expect(readdirSync(join(scratch, 'data')).sort()).toEqual(['abs', 'file.txt', 'inside', 'up']);
  });

  it('acts on a last-component symlink itself without the follow flag, and follows one that stays inside', () => {
    expect((dir['statAt']?.({ symlinkFollow: false }, 'up') as { type: string }).type).toBe('symbolic-link');
    expect((dir['statAt']?.({ symlinkFollow: true }, 'inside') as { type: string }).type).toBe('regular-file');
    expect(dir['readlinkAt']?.('up')).toBe('..');
    expect(code(() => dir['readlinkAt']?.('abs'))).toBe('not-permitted');
    // preview2-shim swaps lutimes and utimes; the host passes the flag that never follows.
    const before = statSync(join(scratch, 'secret.txt')).mtimeMs;
    dir['setTimesAt']?.({ symlinkFollow: false }, 'up', { tag: 'timestamp', val: { seconds: 5n, nanoseconds: 0 } }, { tag: 'timestamp', val: { seconds: 5n, nanoseconds: 0 } });
    expect(statSync(join(scratch, 'secret.txt')).mtimeMs).toBe(before);
    expect(statSync(scratch).mtimeMs).not.toBe(5000);
    expect(lstatSync(join(scratch, 'data', 'up')).mtimeMs).toBe(5000);
  });

  it('never lets the preopen itself be removed, renamed or replaced', () => {
    for (const path of ['', '.', './']) {
      expect(code(() => dir['removeDirectoryAt']?.(path)), path).toBe('invalid');
      expect(code(() => dir['symlinkAt']?.('file.txt', path)), path).toBe('invalid');
      expect(code(() => dir['renameAt']?.(path, dir, 'moved')), path).toBe('invalid');
      expect(code(() => dir['renameAt']?.('file.txt', dir, path)), path).toBe('invalid');
      expect(code(() => dir['unlinkFileAt']?.(path)), path).toBe('invalid');
    }
    expect(readdirSync(join(scratch, 'data')).sort()).toEqual(['abs', 'file.txt', 'inside', 'up']);
  });

  it('walks a descriptor’s own path again: a symlink renamed into its place cannot lead out', () => {
    // Open data/box, move it away and put a symlink leading out in its place:
    // `..` made as a/box stays inside, and leads to scratch as box.
    dir['createDirectoryAt']?.('box');
    const box = dir['openAt']?.({ symlinkFollow: false }, 'box', { directory: true }, read) as Descriptor;
    dir['renameAt']?.('box', dir, 'box-moved');
    dir['createDirectoryAt']?.('a');
    dir['symlinkAt']?.('..', 'a/box');
    dir['renameAt']?.('a/box', dir, 'box');
    expect(readlinkSync(join(scratch, 'data', 'box'))).toBe('..');
    expect(code(() => box['openAt']?.({ symlinkFollow: false }, 'secret.txt', {}, read))).toBe('not-permitted');
    expect(code(() => box['statAt']?.({ symlinkFollow: false }, 'secret.txt'))).toBe('not-permitted');
    expect(code(() => box['readDirectory']?.())).toBe('not-permitted');
    for (const entry of ['box', 'a', 'box-moved']) rmSync(join(scratch, 'data', entry), { recursive: true });
  });

  it('keeps descriptors opened below the preopen confined to their own directory', () => {
    const sub = dir['openAt']?.({ symlinkFollow: false }, '.', { directory: true }, read) as Descriptor;
    expect(code(() => sub['openAt']?.({ symlinkFollow: false }, 'up/secret.txt', {}, read))).toBe('not-permitted');
    expect(code(() => sub['openAt']?.({ symlinkFollow: true }, 'inside', {}, read))).toBe('ok');
    expect(sub['isSameObject']?.(sub)).toBe(true);
  });
});
