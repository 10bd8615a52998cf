/**
 * The language server's analysis under random edits: on generated valid WIT
 * mutated at random, checking the package, outlining the file and asking for
 * a definition and a hover at every name never throw, and a definition found
 * is a place in a file of the resolve; undoing the edits leaves no
 * diagnostics.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mutate, mutationArb } from '../../wit/test/support/text-mutation.js';
import { witTextArb } from '../../wit/test/support/wit-arbitrary.js';
import { analysePackage, type PackageAnalysis } from './analysis.js';
import { definitionAt, hoverAt } from './answers.js';
import { documentSymbols } from './symbols.js';

const folder = mkdtempSync(join(tmpdir(), 'weld-lsp-answers-'));
const path = join(folder, 'main.wit');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every request the server answers from an analysis, at every name of the file and just after it. */
function askEverything(analysis: PackageAnalysis): void {
  const file = analysis.files.get(path)!;
  documentSymbols(file.ast, file.lines);
  const files = new Set(analysis.check.loaded?.resolve.sourceMap.files.map((source) => pathToFileURL(source.path).href));
  for (const { span } of file.occurrences) {
    for (const offset of [span.start, span.end]) {
      const position = file.lines.position(offset);
      const definition = definitionAt(analysis, path, position);
      if (definition !== undefined) expect(files.has(definition.uri)).toBe(true);
      hoverAt(analysis, path, position);
    }
  }
}

describe('the analysis behind weld lsp', () => {
  it('answers every request on randomly edited WIT, and has no diagnostics once the edits are undone', async () => {
    await fc.assert(
      fc.asyncProperty(witTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (text, mutations) => {
        writeFileSync(path, text);
        const edited = await analysePackage(folder, new Map([[path, mutate(text, mutations)]]));
        askEverything(edited);
        const undone = await analysePackage(folder, new Map([[path, text]]));
        expect(undone.check.diagnostics).toEqual([]);
        askEverything(undone);
        // On valid WIT every declared name is found.
        const file = undone.files.get(path)!;
        const declared = file.occurrences;
        for (const { span } of declared) expect(definitionAt(undone, path, file.lines.position(span.start))).toBeDefined();
      }),
      { numRuns: 150 },
    );
  });
});
