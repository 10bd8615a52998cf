/**
 * The answers to position requests on an analysed package: the item the name
 * under the cursor refers to, where it is declared, and its hover text. No
 * protocol here beyond LSP's data types, so tests call it directly.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isKebab, printWitItem, type LoadedWit, type Span } from '@weld/wit';
import type { Hover, Location, Position, TextEdit } from 'vscode-languageserver';
import type { PackageAnalysis } from './analysis.js';
import { occurrenceAt } from './occurrences.js';
import { findTarget, type Target } from './targets.js';
import { LineTable } from './text-position.js';

/** The item the name at `position` of file `path` refers to (none while the package does not load). */
function targetAt(analysis: PackageAnalysis, path: string, position: Position): { target: Target; loaded: LoadedWit } | undefined {
  const file = analysis.files.get(path);
  const loaded = analysis.check.loaded;
  if (file === undefined || loaded === undefined) return undefined;
  const occurrence = occurrenceAt(file.occurrences, file.lines.offset(position));
  const base = loaded.resolve.sourceMap.files.find((source) => source.path === path)?.offset;
  if (occurrence === undefined || base === undefined) return undefined;
  const target = findTarget(loaded, occurrence.reference, base + occurrence.span.start);
  return target === undefined ? undefined : { target, loaded };
}

/** Where the item named at `position` is declared. */
export function definitionAt(analysis: PackageAnalysis, path: string, position: Position): Location | undefined {
  const found = targetAt(analysis, path, position);
  return found === undefined ? undefined : locationOf(found.loaded, found.target.span);
}

/** The item named at `position`, printed as WIT (with its gates), then its doc comment. */
export function hoverAt(analysis: PackageAnalysis, path: string, position: Position): Hover | undefined {
  const found = targetAt(analysis, path, position);
  if (found === undefined) return undefined;
  const { target, loaded } = found;
  const wit = printWitItem(loaded.resolve, target.item).trimEnd();
  const docs = target.docs === undefined ? '' : `\n\n${target.docs}`;
  return { contents: { kind: 'markdown', value: `\`\`\`wit\n${wit}\n\`\`\`${docs}` } };
}

/**
 * Every name of the package's own files that refers to the item named at
 * `position` (through `use`s too), in file and tree order; its declaration
 * among them when `includeDeclaration` says so, wherever it is (in `deps/`
 * too).
 */
export function referencesAt(analysis: PackageAnalysis, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = targetAt(analysis, path, position);
  if (found === undefined) return [];
  const { loaded, target } = found;
  const declaration = target.span.start;
  const locations: Location[] = [];
  let declarationSeen = false;
  for (const [filePath, file] of [...analysis.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = loaded.resolve.sourceMap.files.find((source) => source.path === filePath)?.offset;
    if (base === undefined) continue;
    for (const { span, reference } of file.occurrences) {
      if (findTarget(loaded, reference, base + span.start)?.span.start !== declaration) continue;
      const isDeclaration = base + span.start === declaration;
      declarationSeen ||= isDeclaration;
      if (!isDeclaration || includeDeclaration) locations.push({ uri: pathToFileURL(filePath).href, range: file.lines.range(span.start, span.end) });
    }
  }
  if (includeDeclaration && !declarationSeen) {
    const location = locationOf(loaded, target.span);
    if (location !== undefined) locations.unshift(location);
  }
  return locations;
}

/** Why a rename is refused, said to the user as is. */
export class RenameRefused extends Error {
  readonly kind = 'rename-refused';
}

/**
 * The edits that rename the item named at `position` to `newName` in the
 * package's files: its declaration and every name that refers to it by its
 * own name. A `use … .{a as b}` keeps its alias: `a` is renamed, `b` and what
 * refers to `b` are not. Refused for an item declared outside the package's
 * files (in `deps/`), for a name that is not one, and where nothing is named.
 */
export function renameAt(analysis: PackageAnalysis, path: string, position: Position, newName: string): Map<string, TextEdit[]> {
  const found = targetAt(analysis, path, position);
  if (found === undefined) throw new RenameRefused('nothing to rename here (or the package has errors)');
  if (!isKebab(newName.replace(/^%/u, ''))) throw new RenameRefused(`\`${newName}\` is not a WIT name (lower-case words joined by \`-\`)`);
  const declared = locationOf(found.loaded, found.target.span);
  if (declared === undefined || !analysis.files.has(fileURLToPath(declared.uri))) {
    throw new RenameRefused('the item is declared outside this package (in deps/), which is not renamed from here');
  }
  const oldName = identifierAt(analysis, declared);
  const edits = new Map<string, TextEdit[]>();
  for (const location of referencesAt(analysis, path, position, true)) {
    if (identifierAt(analysis, location) !== oldName) continue;
    const list = edits.get(location.uri) ?? [];
    list.push({ range: location.range, newText: newName });
    edits.set(location.uri, list);
  }
  return edits;
}

/** The name written at a location of the package's files, without its `%` escape. */
function identifierAt(analysis: PackageAnalysis, location: Location): string {
  const lines = analysis.files.get(fileURLToPath(location.uri))!.lines;
  return lines.text.slice(lines.offset(location.range.start), lines.offset(location.range.end)).replace(/^%/u, '');
}

/** Where a span of the resolve is, or undefined for one in no file (an item of a package decoded from wasm). */
function locationOf(loaded: LoadedWit, span: Span): Location | undefined {
  const source = loaded.resolve.sourceMap.files.find(({ offset, contents }) => offset <= span.start && span.start <= offset + contents.length);
  if (source === undefined) return undefined;
  const lines = new LineTable(source.contents);
  return { uri: pathToFileURL(source.path).href, range: lines.range(span.start - source.offset, span.end - source.offset) };
}
