/**
 * Structures to text through ts-morph: one in-memory project per run, each
 * file printed once from its structure (no incremental edits, which would
 * reparse the file each time), with settings that fix every choice of layout,
 * so the same input gives the same bytes.
 */
import { IndentationText, NewLineKind, Project, QuoteKind, type StatementStructures } from 'ts-morph';

/** One generated file: a path relative to the output directory, and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

/** A file to print: its path, a header of `//` and `///` lines, and its statements. */
export interface FilePlan {
  readonly path: string;
  readonly header: readonly string[];
  readonly statements: readonly StatementStructures[];
}

/** Prints `plans` into files. */
export function emitFiles(plans: readonly FilePlan[]): GeneratedFile[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: false,
    },
  });
  return plans.map((plan) => {
    const file = project.createSourceFile(`/${plan.path}`, { statements: [...plan.statements] }, { overwrite: true });
    const body = file.getFullText().replace(/\n{3,}/gu, '\n\n').trimEnd();
    project.removeSourceFile(file);
    return { path: plan.path, text: `${[...plan.header, body].join('\n')}\n` };
  });
}
