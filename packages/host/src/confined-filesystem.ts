/**
 * `wasi:filesystem` whose every path stays inside its preopen. preview2-shim
 * joins a guest's path to the preopen's host path as text and lets the host
 * follow symlinks, so a symlink (one already there, or one the guest makes
 * with `symlink-at`) leads anywhere on the host. Here each shim
 * `Descriptor` is wrapped: every path-taking method first resolves the path
 * with {@link confinePath} against the real host directory, then calls the
 * shim with the clean path and symlink-following off.
 *
 * Path calls always go through the preopen's own shim descriptor, with the
 * path from the preopen down: a shim descriptor opened below it knows its
 * directory only as host path text, which the guest can later make lead
 * elsewhere (rename a symlink into its place), so that text is never handed
 * to the host again; confinePath walks the descriptor's path afresh each
 * time. The preopen's own directory cannot be removed, renamed or replaced.
 */
import { confinePath, symlinkStaysInside } from './confine-path.js';
import type { ShimDescriptor, ShimFilesystem } from './shim.js';

type PathFlags = { readonly symlinkFollow?: boolean };

const noFollow: PathFlags = { symlinkFollow: false };
const symbolDispose: symbol = Symbol.dispose ?? Symbol.for('dispose');

/** A preopened directory: its host path and the shim's descriptor for it. */
interface Preopen {
  readonly root: string;
  readonly inner: ShimDescriptor;
}

/** The `descriptor` resource the guest sees. */
class Descriptor {
  readonly #preopen: Preopen;
  /** The descriptor's path below the preopen's directory, clean (`''` for the preopen itself). */
  readonly #base: string;
  /** The shim's descriptor, for what acts on the open file or directory itself. */
  readonly #inner: ShimDescriptor;

  constructor(preopen: Preopen, base: string, inner: ShimDescriptor) {
    this.#preopen = preopen;
    this.#base = base;
    this.#inner = inner;
  }

  /** `path` from the preopen's directory down, confined. */
  #confine(path: string, followLast: boolean | undefined): string {
    return confinePath(this.#preopen.root, this.#base, path, followLast === true);
  }

  /** As {@link Descriptor.#confine}, for a call that creates, removes or renames the entry: never the preopen's directory. */
  #entry(path: string): string {
    const clean = this.#confine(path, false);
    if (clean === '') throw 'invalid';
    return clean;
  }

  /** The preopen's shim descriptor behind `other`, which the guest passed as a descriptor. */
  static #root(other: Descriptor): ShimDescriptor {
    return other.#preopen.inner;
  }

  [symbolDispose](): void {
    this.#inner[symbolDispose]?.();
  }

  // Paths: confined, then passed on from the preopen with symlink-following off.

  openAt(flags: PathFlags, path: string, openFlags: object, descriptorFlags: object): Descriptor {
    const clean = this.#confine(path, flags.symlinkFollow);
    const inner = this.#preopen.inner.openAt(noFollow, clean, openFlags, descriptorFlags);
    return new Descriptor(this.#preopen, clean.replace(/\/$/, ''), inner);
  }
  statAt(flags: PathFlags, path: string): unknown {
    return this.#preopen.inner.statAt(noFollow, this.#confine(path, flags.symlinkFollow));
  }
  metadataHashAt(flags: PathFlags, path: string): unknown {
    return this.#preopen.inner.metadataHashAt(noFollow, this.#confine(path, flags.symlinkFollow));
  }
  setTimesAt(flags: PathFlags, path: string, access: unknown, modification: unknown): void {
    // preview2-shim 0.25 swaps the two: `symlinkFollow: true` is the one that
    // calls lutimes, which never follows (wasi-host.test.ts checks it).
    this.#preopen.inner.setTimesAt({ symlinkFollow: true }, this.#confine(path, flags.symlinkFollow), access, modification);
  }
  linkAt(flags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    const source = this.#confine(oldPath, flags.symlinkFollow);
    this.#preopen.inner.linkAt(noFollow, source, Descriptor.#root(newDescriptor), newDescriptor.#entry(newPath));
  }
  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    this.#preopen.inner.renameAt(this.#entry(oldPath), Descriptor.#root(newDescriptor), newDescriptor.#entry(newPath));
  }
  symlinkAt(target: string, path: string): void {
    const clean = this.#entry(path);
    if (!symlinkStaysInside(clean, target)) throw 'not-permitted';
    this.#preopen.inner.symlinkAt(target, clean);
  }
  readlinkAt(path: string): string {
    const target = this.#preopen.inner.readlinkAt(this.#confine(path, false));
    // As cap-std's read_link (wasmtime): an absolute target is host detail the guest could not follow anyway.
    if (target.startsWith('/')) throw 'not-permitted';
    return target;
  }
  unlinkFileAt(path: string): void {
    this.#preopen.inner.unlinkFileAt(this.#entry(path));
  }
  removeDirectoryAt(path: string): void {
    this.#preopen.inner.removeDirectoryAt(this.#entry(path));
  }
  createDirectoryAt(path: string): void {
    this.#preopen.inner.createDirectoryAt(this.#entry(path));
  }
  readDirectory(): unknown {
    // The shim lists its descriptor's directory by host path text: only while that text still names it.
    if (this.#inner !== this.#preopen.inner && this.#confine('.', true).replace(/\/$/, '') !== this.#base) throw 'no-entry';
    return this.#inner.readDirectory();
  }

  // The descriptor itself: passed on as they are.

  readViaStream(offset: bigint): unknown {
    return this.#inner.readViaStream(offset);
  }
  writeViaStream(offset: bigint): unknown {
    return this.#inner.writeViaStream(offset);
  }
  appendViaStream(): unknown {
    return this.#inner.appendViaStream();
  }
  advise(offset: bigint, length: bigint, advice: unknown): void {
    this.#inner.advise(offset, length, advice);
  }
  syncData(): void {
    this.#inner.syncData();
  }
  sync(): void {
    this.#inner.sync();
  }
  getFlags(): unknown {
    return this.#inner.getFlags();
  }
  getType(): unknown {
    return this.#inner.getType();
  }
  setSize(size: bigint): void {
    this.#inner.setSize(size);
  }
  setTimes(access: unknown, modification: unknown): void {
    this.#inner.setTimes(access, modification);
  }
  read(length: bigint, offset: bigint): unknown {
    return this.#inner.read(length, offset);
  }
  write(buffer: Uint8Array, offset: bigint): unknown {
    return this.#inner.write(buffer, offset);
  }
  stat(): unknown {
    return this.#inner.stat();
  }
  metadataHash(): unknown {
    return this.#inner.metadataHash();
  }
  isSameObject(other: Descriptor): boolean {
    return this.#inner.isSameObject(other.#inner);
  }
}

/** `wasi:filesystem/types` and `wasi:filesystem/preopens` over `preopens` (guest path → host path), every path confined. */
export function confinedFilesystem(
  shim: ShimFilesystem,
  preopens: Readonly<Record<string, string>>,
): { readonly types: object; readonly preopens: { getDirectories(): [Descriptor, string][] } } {
  const fs = shim.createFilesystem({ preopens: { ...preopens } });
  const directories = fs.preopens.getDirectories().map(([inner, guest]): [Descriptor, string] => {
    const root = preopens[guest];
    if (root === undefined) throw new Error(`preview2-shim returned a preopen ${guest} it was not given`);
    return [new Descriptor({ root, inner }, '', inner), guest];
  });
  return {
    types: { ...fs.types, Descriptor },
    preopens: { getDirectories: () => [...directories] },
  };
}
