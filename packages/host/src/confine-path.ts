/**
 * Confines a guest's path to the directory it is relative to, the way
 * wasmtime (cap-std) does: the path is walked one component at a time
 * against the real host directory, each symlink met is replaced by its
 * target, and anything that would leave the directory is refused. The
 * result is a clean relative path (no `.`, `..` or symlink before its last
 * component) that preview2-shim can join to the host path and open with
 * symlink-following off. Node has no `openat`, so the walk uses `lstat` and
 * `readlink` by host path; the guest is single-threaded and every shim call
 * is synchronous, so no guest can move a component between the walk and the
 * call (only another host process changing the tree at that moment could,
 * a window wasmtime's `openat` walk does not have).
 *
 * Errors are thrown as `wasi:filesystem` error codes (strings), which is
 * what jco's generated bindings turn into the guest's `err` value.
 */
import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** The `wasi:filesystem/types` error codes this module throws. */
export type ConfineErrorCode = 'not-permitted' | 'loop' | 'no-entry' | 'not-directory' | 'access' | 'name-too-long' | 'invalid' | 'io';

/** Symlinks one path may pass through before it is refused as a loop (wasmtime's limit). */
export const maxSymlinkHops = 40;

/** Path components without empty and `.` ones; `\` separates too, as it does in the shim. */
function components(path: string): string[] {
  return path.split(/[/\\]/).filter((c) => c !== '' && c !== '.');
}

/** Whether `path` names a directory by its form: empty, `.`, `..`, or ending in `/`, `/.`, `/..`. */
function namesDirectory(path: string): boolean {
  return /(^|[/\\])\.{0,2}$/.test(path);
}

function hostCode(error: unknown): ConfineErrorCode {
  switch ((error as { code?: unknown }).code) {
    case 'ENOENT':
      return 'no-entry';
    case 'ENOTDIR':
      return 'not-directory';
    case 'EACCES':
      return 'access';
    case 'ENAMETOOLONG':
      return 'name-too-long';
    case 'ELOOP':
      return 'loop';
    // Node's refusal of a path holding a NUL byte.
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return 'invalid';
    default:
      return 'io';
  }
}

/**
 * Walks `parts` from the directory `resolved` (components below `root`,
 * extended in place) and returns it. `..` may not go above `floor`
 * components; `followLast` and `directory` as in {@link confinePath}.
 */
function walk(root: string, resolved: string[], parts: readonly string[], floor: number, followLast: boolean, directory: boolean): string[] {
  // Components still to walk, the next one last: a symlink's target goes on top.
  const pending = [...parts].reverse();
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name === '..') {
      if (resolved.length <= floor) throw 'not-permitted' satisfies ConfineErrorCode;
      resolved.pop();
      continue;
    }
    const last = pending.length === 0;
    if (last && !followLast && !directory) {
      resolved.push(name);
      break;
    }
    const host = join(root, resolved.join('/'), name);
    let stats: Stats;
    try {
      stats = lstatSync(host);
    } catch (error) {
      if (last && hostCode(error) === 'no-entry') {
        resolved.push(name);
        break;
      }
      throw hostCode(error);
    }
    if (stats.isSymbolicLink()) {
      hops += 1;
      if (hops > maxSymlinkHops) throw 'loop' satisfies ConfineErrorCode;
      const target = readlinkSync(host);
      if (target.startsWith('/') || target.startsWith('\\')) throw 'not-permitted' satisfies ConfineErrorCode;
      const targetParts = components(target);
      for (let i = targetParts.length - 1; i >= 0; i -= 1) pending.push(targetParts[i] as string);
      continue;
    }
    if (!last && !stats.isDirectory()) throw 'not-directory' satisfies ConfineErrorCode;
    resolved.push(name);
  }
  return resolved;
}

/**
 * `guestPath`, relative to the directory `base` (a path relative to the
 * host directory `root`, `''` for `root` itself), resolved inside it, as a
 * clean path relative to `root` (`''` for `root` itself; a trailing `/` kept
 * when the guest's path names a directory by its form). `base` is walked
 * again first, since the guest may have renamed a symlink into its place
 * since it was opened; it is followed anywhere inside `root`, while
 * `guestPath`, as in wasmtime, may not climb above `base`. Symlinks before
 * the last component are always followed, the last one only when
 * `followLast` (or when the path ends in `/`). A missing last component is
 * fine (it may be about to be created). Throws `'not-permitted'` for an
 * absolute path or one that climbs out, directly or through a symlink,
 * `'loop'` after {@link maxSymlinkHops} symlinks, and the host's
 * error as a WASI code when a component before the last cannot be read.
 */
export function confinePath(root: string, base: string, guestPath: string, followLast: boolean): string {
  if (guestPath.startsWith('/') || guestPath.startsWith('\\')) throw 'not-permitted' satisfies ConfineErrorCode;
  const directory = namesDirectory(guestPath);
  const dir = walk(root, [], components(base), 0, true, true);
  const clean = walk(root, dir, components(guestPath), dir.length, followLast, directory).join('/');
  return directory && clean !== '' ? `${clean}/` : clean;
}

/**
 * Whether a symlink at `linkPath` (a clean path relative to the directory,
 * as {@link confinePath} returns it) with contents `target` points inside
 * the directory by its text: not absolute, and never climbing above the
 * directory. Where it leads through other symlinks is checked when it is
 * followed.
 */
export function symlinkStaysInside(linkPath: string, target: string): boolean {
  if (target.startsWith('/') || target.startsWith('\\')) return false;
  let depth = components(linkPath).length - 1;
  for (const part of components(target)) {
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return false;
  }
  return true;
}
