/** Renaming keeps what a `use … as …` aliases under its own name. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysePackage } from './analysis.js';
import { RenameRefused, renameAt } from './answers.js';

const folder = mkdtempSync(join(tmpdir(), 'weld-lsp-rename-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const text = `package a:b;

interface types {
  record point { x: u32 }
}

interface user {
  use types.{point as p, point};
  f: func(x: p) -> point;
}
`;

describe('renameAt', () => {
  it('renames a type where it is named by its name, and leaves a use alias and its uses alone', async () => {
    const path = join(folder, 'a.wit');
    writeFileSync(path, text);
    const analysis = await analysePackage(folder, new Map());
    const document = TextDocument.create('file:///a.wit', 'wit', 1, text);
    const edits = renameAt(analysis, path, document.positionAt(text.indexOf('point {') + 1), 'spot');
    expect([...edits.keys()]).toHaveLength(1);
    expect(TextDocument.applyEdits(document, [...edits.values()][0]!)).toBe(
      text.replace('record point', 'record spot').replace('{point as p, point}', '{spot as p, spot}').replace('-> point', '-> spot'),
    );
    expect(() => renameAt(analysis, path, { line: 0, character: 0 }, 'x')).toThrow(RenameRefused);
  });
});
