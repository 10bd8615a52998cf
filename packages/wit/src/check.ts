/**
 * WIT checked the way an editor needs it: every syntax error of a file, not
 * only the first (`parsePackageFileRecovering`), and a check of a whole
 * input that reports problems as {@link Diagnostic}s instead of throwing.
 * This is what the language server calls; `weld wit` and the other commands
 * keep the throwing path, which stops at the first error as wasm-tools does.
 */
import type { Diagnostic, HasDiagnostic } from './diagnostic.js';
import { WitError } from './errors.js';
import { loadPackageSource, sortedByPath, type LoadOptions, type LoadedWit } from './load.js';
import type { PackageFile } from './parse/ast.js';
import { parsePackageFileRecovering } from './parse/parse.js';
import type { PackageSource } from './resolver.js';
import { SourceMap } from './source-map.js';
import { packageSource, type WitInput } from './source.js';

/** One file parsed past its errors. */
export interface RecoveredWit {
  /** The syntax tree of what parsed: the items without an error, and the good items of a body with one. */
  readonly ast: PackageFile;
  /**
   * The file's errors in order of position, at most 100; the first is
   * exactly what the throwing parser (and so `weld wit`) reports. Empty
   * when the file parses.
   */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses one WIT file and goes on after each syntax error, skipping to the
 * next item, so that all of its errors are reported. It never throws for
 * what the text holds. `path` is the name diagnostics give the file.
 */
export function parseWitRecovering(text: string, path = 'input.wit'): RecoveredWit {
  return parseInto(new SourceMap(), path, text);
}

function parseInto(sourceMap: SourceMap, path: string, text: string): RecoveredWit {
  const { file, errors } = parsePackageFileRecovering(text, sourceMap.push(path, text));
  return { ast: file, diagnostics: errors.map((error) => located(error, sourceMap)) };
}

function located(error: WitError, sourceMap: SourceMap): Diagnostic {
  if (error.span !== undefined && error.location === undefined) error.location = sourceMap.locate(error.span);
  return error.toDiagnostic();
}

/** What {@link checkWitFiles} found. */
export interface WitCheck {
  /** Every problem found, in order; empty when the input loads. */
  readonly diagnostics: readonly Diagnostic[];
  /** The loaded WIT, when there is no problem. */
  readonly loaded: LoadedWit | undefined;
}

/**
 * Checks an input as `loadWitFiles` would load it, without throwing
 * for user input: first every syntax error of every WIT file of the input
 * (each file parsed past its errors); only if they all parse, the input is
 * loaded and resolved, and the first error of that (a dependency's syntax
 * error, a name not found, a cycle…) is the one diagnostic. An error that is
 * not the input's (a bug in weld) is still thrown.
 */
export async function checkWitFiles(input: WitInput, options: LoadOptions = {}): Promise<WitCheck> {
  let source: PackageSource;
  try {
    source = packageSource(input);
  } catch (error) {
    return failed(error);
  }
  if (source.kind === 'wit') {
    // One source map across the files, as the loader's, so the spans are those it would report.
    const sourceMap = new SourceMap();
    const diagnostics: Diagnostic[] = [];
    for (const { path, text } of sortedByPath(source.files)) {
      for (const found of parseInto(sourceMap, path, text).diagnostics) diagnostics.push(found);
    }
    if (diagnostics.length > 0) return { diagnostics, loaded: undefined };
  }
  try {
    return { diagnostics: [], loaded: await loadPackageSource(() => source, options) };
  } catch (error) {
    return failed(error);
  }
}

/** The one diagnostic of an error weld reports (a `WitError`, or a decoder's error with its own diagnostic); anything else is rethrown. */
function failed(error: unknown): WitCheck {
  if (error instanceof WitError || hasDiagnostic(error)) return { diagnostics: [error.toDiagnostic()], loaded: undefined };
  throw error;
}

function hasDiagnostic(error: unknown): error is HasDiagnostic {
  return error instanceof Error && typeof (error as Partial<HasDiagnostic>).toDiagnostic === 'function';
}
