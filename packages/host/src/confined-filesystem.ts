/**
 * `wasi:filesystem` whose every path stays inside its preopen. preview2-shim
 * joins a guest's path to the preopen's host path as text and lets the host
 * follow symlinks, so a symlink (one already there, or one the guest makes
 * with `symlink-at`) leads anywhere on the host. Here each shim
 * `Descriptor` is wrapped: every path-taking method first resolves the path
 * with {@link confinePath} against the descriptor's own host directory, as
 * wasmtime confines it to the directory handle, then calls the shim with the
 * clean path and symlink-following off.
 */
import { join } from 'node:path';
import { confinePath, symlinkStaysInside } from './confine-path.js';
import type { ShimDescriptor, ShimFilesystem } from './shim.js';

type PathFlags = { readonly symlinkFollow?: boolean };

const noFollow: PathFlags = { symlinkFollow: false };
const symbolDispose: symbol = Symbol.dispose ?? Symbol.for('dispose');

/** The `descriptor` resource the guest sees: a shim descriptor and the host directory its paths are relative to. */
class Descriptor {
  readonly #inner: ShimDescriptor;
  readonly #dir: string;

  constructor(inner: ShimDescriptor, dir: string) {
    this.#inner = inner;
    this.#dir = dir;
  }

  #confine(path: string, followLast: boolean | undefined): string {
    return confinePath(this.#dir, path, followLast === true);
  }

  /** The shim's descriptor behind `other`, which the guest passed as a descriptor. */
  static #unwrap(other: Descriptor): ShimDescriptor {
    return other.#inner;
  }

  [symbolDispose](): void {
    this.#inner[symbolDispose]?.();
  }

  // Paths: confined, then passed on with symlink-following off.

  openAt(flags: PathFlags, path: string, openFlags: object, descriptorFlags: object): Descriptor {
    const clean = this.#confine(path, flags.symlinkFollow);
    return new Descriptor(this.#inner.openAt(noFollow, clean, openFlags, descriptorFlags), join(this.#dir, clean));
  }
  statAt(flags: PathFlags, path: string): unknown {
    return this.#inner.statAt(noFollow, this.#confine(path, flags.symlinkFollow));
  }
  metadataHashAt(flags: PathFlags, path: string): unknown {
    return this.#inner.metadataHashAt(noFollow, this.#confine(path, flags.symlinkFollow));
  }
  setTimesAt(flags: PathFlags, path: string, access: unknown, modification: unknown): void {
    // preview2-shim 0.25 swaps the two: `symlinkFollow: true` is the one that
    // calls lutimes, which never follows (wasi-host.test.ts checks it).
    this.#inner.setTimesAt({ symlinkFollow: true }, this.#confine(path, flags.symlinkFollow), access, modification);
  }
  linkAt(flags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    const source = this.#confine(oldPath, flags.symlinkFollow);
    this.#inner.linkAt(noFollow, source, Descriptor.#unwrap(newDescriptor), newDescriptor.#confine(newPath, false));
  }
  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    this.#inner.renameAt(this.#confine(oldPath, false), Descriptor.#unwrap(newDescriptor), newDescriptor.#confine(newPath, false));
  }
  symlinkAt(target: string, path: string): void {
    const clean = this.#confine(path, false);
    if (!symlinkStaysInside(clean, target)) throw 'not-permitted';
    this.#inner.symlinkAt(target, clean);
  }
  readlinkAt(path: string): string {
    return this.#inner.readlinkAt(this.#confine(path, false));
  }
  unlinkFileAt(path: string): void {
    this.#inner.unlinkFileAt(this.#confine(path, false));
  }
  removeDirectoryAt(path: string): void {
    this.#inner.removeDirectoryAt(this.#confine(path, false));
  }
  createDirectoryAt(path: string): void {
    this.#inner.createDirectoryAt(this.#confine(path, false));
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
  readDirectory(): unknown {
    return this.#inner.readDirectory();
  }
  stat(): unknown {
    return this.#inner.stat();
  }
  metadataHash(): unknown {
    return this.#inner.metadataHash();
  }
  isSameObject(other: Descriptor): boolean {
    return this.#inner.isSameObject(Descriptor.#unwrap(other));
  }
}

/** `wasi:filesystem/types` and `wasi:filesystem/preopens` over `preopens` (guest path → host path), every path confined. */
export function confinedFilesystem(
  shim: ShimFilesystem,
  preopens: Readonly<Record<string, string>>,
): { readonly types: object; readonly preopens: { getDirectories(): [Descriptor, string][] } } {
  const fs = shim.createFilesystem({ preopens: { ...preopens } });
  const directories = fs.preopens.getDirectories().map(([inner, guest]): [Descriptor, string] => {
    const host = preopens[guest];
    if (host === undefined) throw new Error(`preview2-shim returned a preopen ${guest} it was not given`);
    return [new Descriptor(inner, host), guest];
  });
  return {
    types: { ...fs.types, Descriptor },
    preopens: { getDirectories: () => [...directories] },
  };
}
