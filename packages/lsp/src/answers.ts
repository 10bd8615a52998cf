/**
 * The answers to position requests on an analysed package: the item the name
 * under the cursor refers to, where it is declared, and its hover text. No
 * protocol here beyond LSP's data types, so tests call it directly.
 */
import { pathToFileURL } from 'node:url';
import { printWitItem, type LoadedWit, type Span } from '@weld/wit';
import type { Hover, Location, Position } from 'vscode-languageserver';
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

/** Where a span of the resolve is, or undefined for one in no file (an item of a package decoded from wasm). */
function locationOf(loaded: LoadedWit, span: Span): Location | undefined {
  const source = loaded.resolve.sourceMap.files.find(({ offset, contents }) => offset <= span.start && span.start <= offset + contents.length);
  if (source === undefined) return undefined;
  const lines = new LineTable(source.contents);
  return { uri: pathToFileURL(source.path).href, range: lines.range(span.start - source.offset, span.end - source.offset) };
}
