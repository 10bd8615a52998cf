/** Node's file-system error codes in plain words, for messages about a path the user gave. */

/** What the system's error codes mean for a path the user gave. */
const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the device',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'an input/output error of the device',
};

/** The error code of a Node file-system error, if `error` is one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' ? (error as NodeJS.ErrnoException).code : undefined;
}

/** The plain-words reason of a file-system error with a code in {@link reasons}, else undefined. */
export function fileSystemReason(error: unknown): string | undefined {
  const code = errnoCode(error);
  return code === undefined ? undefined : reasons[code];
}
