/**
 * One package as the editor sees it: a folder's `.wit` files (the open
 * documents' unsaved texts in place of what is on disk) and its `deps/`,
 * checked by `checkWitFiles` as `weld wit FOLDER` loads it, with each file's
 * syntax tree and names kept for the requests that follow.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { checkWitFiles, parseWitRecovering, type PackageResolver, type ResolvedPackage, type WitAst, type WitCheck } from '@weld/wit';
import { FileSystemResolver } from '@weld/wit/node';
import { occurrences, type Occurrence } from './occurrences.js';
import { LineTable } from './text-position.js';

/** One file of the package: its text, syntax tree and names. */
export interface AnalysedFile {
  readonly lines: LineTable;
  readonly ast: WitAst.PackageFile;
  readonly occurrences: readonly Occurrence[];
}

/** What a package's check found. */
export interface PackageAnalysis {
  readonly folder: string;
  /** The package's own files by path. */
  readonly files: ReadonlyMap<string, AnalysedFile>;
  readonly check: WitCheck;
}

/** Texts the editor holds, by file path, which stand in for the files on disk. */
export type OpenTexts = ReadonlyMap<string, string>;

const utf8 = new TextEncoder();

/** Checks the package in `folder`. */
export async function analysePackage(folder: string, open: OpenTexts): Promise<PackageAnalysis> {
  const files = new Map<string, AnalysedFile>();
  for (const path of packageFiles(folder, open)) {
    const text = open.get(path) ?? readText(path);
    if (text === undefined) continue;
    const { ast } = parseWitRecovering(text, path);
    files.set(path, { lines: new LineTable(text), ast, occurrences: occurrences(ast) });
  }
  const input = { kind: 'folder' as const, path: folder, files: [...files].map(([path, file]) => ({ path, bytes: utf8.encode(file.lines.text) })) };
  const check = await checkWitFiles(input, { resolvers: resolversFor(folder, open) });
  return { folder, files, check };
}

/** The `.wit` files of `folder` on disk, and the open ones in it that are not saved yet. */
function packageFiles(folder: string, open: OpenTexts): string[] {
  const paths = new Set<string>();
  try {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.endsWith('.wit') && !entry.isDirectory()) paths.add(join(folder, entry.name));
    }
  } catch {
    // A folder that cannot be read has only the open files.
  }
  for (const path of open.keys()) if (path.endsWith('.wit') && dirname(path) === folder) paths.add(path);
  return [...paths];
}

/** A file's text from disk, or undefined when it cannot be read. */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Where the package in `folder` finds its dependencies, read as the editor
 * holds them: its `deps/` folder; for a package that is itself an entry of a
 * `deps/` folder, the other entries there, by name only (listing them all
 * would bring the package in twice).
 */
function resolversFor(folder: string, open: OpenTexts): PackageResolver[] {
  const parent = dirname(folder);
  if (basename(parent) === 'deps') {
    const siblings = new FileSystemResolver(parent);
    return [{ resolve: (name) => withOpenTexts(siblings.resolve(name), open) }];
  }
  const deps = new FileSystemResolver(join(folder, 'deps'));
  return [{
    *packages() {
      for (const found of deps.packages()) yield withOpenTexts(found, open);
    },
    resolve: (name) => withOpenTexts(deps.resolve(name), open),
  }];
}

function withOpenTexts<T extends ResolvedPackage | undefined>(found: T, open: OpenTexts): T {
  if (found === undefined || found.source.kind !== 'wit') return found;
  const files = found.source.files.map((file) => ({ path: file.path, text: open.get(file.path) ?? file.text }));
  return { ...found, source: { kind: 'wit', files } };
}
