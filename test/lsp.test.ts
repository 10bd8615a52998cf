/**
 * `weld lsp` over the protocol: the built binary as a child process, driven by
 * a real LSP client library, on a copy of the repository's `wit/` folder.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentSymbolRequest, HoverRequest, ReferencesRequest, RenameRequest, SymbolKind,
  type Diagnostic, type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { root, weld } from './support.js';
import { startLsp, type LspSession } from './support/lsp-client.js';

let dir: string;
let wit: string;
let session: LspSession;
const uri = (name: string) => pathToFileURL(join(wit, name)).href;
const text = (name: string) => readFileSync(join(wit, name), 'utf8');
let version = 1;

/** Replaces the whole text of an open document. */
async function change(name: string, newText: string): Promise<Diagnostic[]> {
  const published = session.nextDiagnostics(uri(name), ++version);
  await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri(name), version }, contentChanges: [{ text: newText }],
  });
  return published;
}

/**
 * The message and start `weld wit FOLDER` reports for the package with
 * `name` holding `broken` (in a copy of its own, since `weld wit` reads the
 * disk). The start is its ` --> ` line's line and column; this WIT is ASCII,
 * so its byte columns are UTF-16 characters too.
 */
function weldWitError(name: string, broken: string): { message: string; start: { line: number; character: number } } {
  const copy = join(dir, 'cli-wit');
  cpSync(wit, copy, { recursive: true });
  writeFileSync(join(copy, name), broken);
  const { status, stderr } = weld('wit', copy);
  rmSync(copy, { recursive: true });
  expect(status).toBe(1);
  const message = /^error: (.*)$/mu.exec(stderr)![1]!;
  const [, line, column] = /--> .*:(\d+):(\d+)$/mu.exec(stderr)!;
  return { message, start: { line: Number(line) - 1, character: Number(column) - 1 } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weld-lsp-'));
  wit = join(dir, 'wit');
  cpSync(join(root, 'wit'), wit, { recursive: true });
  session = await startLsp(pathToFileURL(dir).href);
  for (const name of ['calc.wit', 'format.wit', 'app.wit']) {
    const published = session.nextDiagnostics(uri(name), version);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(name), languageId: 'wit', version, text: text(name) },
    });
    expect(await published).toEqual([]);
  }
});

afterAll(async () => {
  expect(await session.close()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('weld lsp', () => {
  it('publishes the error `weld wit` reports, with its message and range, and clears it once fixed', async () => {
    const good = text('calc.wit');
    const broken = good.replace('record expr', 'recrd expr');
    const diagnostics = await change('calc.wit', broken);
    const cli = weldWitError('calc.wit', broken);
    expect(cli).toEqual({ message: "expected ':', found an identifier", start: { line: 13, character: 10 } });
    expect(diagnostics).toEqual([{ severity: 1, source: 'weld', message: cli.message, range: { start: cli.start, end: { line: 13, character: 11 } } }]);
    expect(await change('calc.wit', good)).toEqual([]);
  });

  it('publishes every syntax error of a file, the first being the one `weld wit` reports', async () => {
    const good = text('format.wit');
    const broken = good.replace('record style', 'recrd style').replace('flags notation', 'flags notation notation');
    const diagnostics = await change('format.wit', broken);
    const cli = weldWitError('format.wit', broken);
    expect(diagnostics.map(({ message, range }) => ({ message, start: range.start }))).toEqual([
      cli,
      { message: "expected '{', found an identifier", start: { line: 16, character: 19 } },
    ]);
    expect(await change('format.wit', good)).toEqual([]);
  });

  it('publishes a resolve error on the file it is in', async () => {
    const good = text('format.wit');
    const broken = good.replace('use calc.{op, expr, calc-error};', 'use calc.{op, exp, calc-error};');
    const diagnostics = await change('format.wit', broken);
    const cli = weldWitError('format.wit', broken);
    expect(diagnostics.map(({ message, range }) => ({ message, start: range.start }))).toEqual([cli]);
    expect(await change('format.wit', good)).toEqual([]);
  });

  it('goes to the definition of a type through a `use`, across files', async () => {
    const definition = (name: string, line: number, character: number) =>
      session.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(name) }, position: { line, character } });
    const expr = { uri: uri('calc.wit'), range: { start: { line: 13, character: 11 }, end: { line: 13, character: 15 } } };
    // `expr` in `use calc.{op, expr, calc-error};`
    expect(await definition('format.wit', 4, 18)).toEqual(expr);
    // `expr` as a parameter type in format.wit, a name the `use` brought in.
    expect(await definition('format.wit', 30, 32)).toEqual(expr);
    // `calc` in the `use` path: the interface.
    expect(await definition('format.wit', 4, 8)).toEqual({ uri: uri('calc.wit'), range: { start: { line: 3, character: 10 }, end: { line: 3, character: 14 } } });
    // `stdout` in `import wasi:cli/stdout@0.2.12;`: into deps/.
    expect(await definition('app.wit', 10, 21)).toEqual({
      uri: pathToFileURL(join(wit, 'deps', 'cli', 'package.wit')).href,
      range: { start: { line: 38, character: 10 }, end: { line: 38, character: 16 } },
    });
  });

  it('checks a package of deps/ against its sibling entries, and goes to a world it includes', async () => {
    const path = join(wit, 'deps', 'cli', 'package.wit');
    const cliUri = pathToFileURL(path).href;
    const published = session.nextDiagnostics(cliUri, 1);
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: cliUri, languageId: 'wit', version: 1, text: readFileSync(path, 'utf8') },
    });
    expect(await published).toEqual([]);
    // `imports` in `include imports;` of world `command`.
    expect(await session.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: cliUri }, position: { line: 2, character: 12 } })).toEqual({
      uri: cliUri, range: { start: { line: 14, character: 6 }, end: { line: 14, character: 13 } },
    });
  });

  it('finds the references of a type in every file of the package, through its `use`', async () => {
    const at = (name: string, line: number, character: number, length: number) => ({
      uri: uri(name), range: { start: { line, character }, end: { line, character: character + length } },
    });
    const references = (includeDeclaration: boolean) => session.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri('calc.wit') }, position: { line: 13, character: 12 }, context: { includeDeclaration },
    });
    // `expr` of calc.wit: in `result<expr, …>`, `eval: func(expression: expr)`, `list<expr>`; format.wit's `use` and `equation`.
    const uses = [at('calc.wit', 30, 40, 4), at('calc.wit', 33, 27, 4), at('calc.wit', 50, 32, 4), at('format.wit', 4, 18, 4), at('format.wit', 30, 31, 4)];
    expect(await references(false)).toEqual(uses);
    expect(await references(true)).toEqual([at('calc.wit', 13, 11, 4), ...uses]);
  });

  it('renames a type in every file that names it, and refuses names in deps/', async () => {
    const edit = await session.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: uri('format.wit') }, position: { line: 24, character: 22 }, newName: 'operator',
    });
    const renamed = (name: string) => TextDocument.applyEdits(TextDocument.create(uri(name), 'wit', 1, text(name)), edit!.changes![uri(name)] ?? []);
    expect(Object.keys(edit!.changes!).sort()).toEqual([uri('calc.wit'), uri('format.wit')]);
    expect(renamed('calc.wit')).toBe(text('calc.wit').replace('enum op {', 'enum operator {').replace('op: op,', 'op: operator,').replace('apply: func(op: op,', 'apply: func(op: operator,'));
    expect(renamed('format.wit')).toBe(text('format.wit').replace('use calc.{op,', 'use calc.{operator,').replace('symbol: func(op: op)', 'symbol: func(op: operator)'));
    // `stdout` of `import wasi:cli/stdout@0.2.12;` is declared in deps/.
    await expect(session.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: uri('app.wit') }, position: { line: 10, character: 21 }, newName: 'out',
    })).rejects.toThrow('the item is declared outside this package (in deps/), which is not renamed from here');
    await expect(session.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: uri('format.wit') }, position: { line: 24, character: 22 }, newName: 'Op',
    })).rejects.toThrow('`Op` is not a WIT name');
  });

  it('shows a hover with the definition printed as WIT and its doc comment', async () => {
    const hover = await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('format.wit') }, position: { line: 4, character: 18 } });
    expect(hover).toEqual({
      contents: {
        kind: 'markdown',
        value: '```wit\nrecord expr {\n  op: op,\n  lhs: f64,\n  rhs: f64,\n}\n```\n\nOne operation with both of its operands.',
      },
    });
  });

  it('outlines a file: interfaces and worlds with their types and functions', async () => {
    const symbols = (await session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('format.wit') } })) as DocumentSymbol[];
    const outline = (list: readonly DocumentSymbol[]): unknown[] => list.map((s) => [s.name, s.kind, ...(s.children?.length ? [outline(s.children)] : [])]);
    const { Interface, Struct, Enum, Function, Module } = SymbolKind;
    expect(outline(symbols)).toEqual([
      ['format', Interface, [['style', Struct], ['notation', Enum], ['symbol', Function], ['number', Function], ['equation', Function], ['describe-error', Function]]],
      ['formatter', Module],
    ]);
    // A range is the name's: `style` of `record style {`.
    expect(symbols[0]!.children![0]!.selectionRange).toEqual({ start: { line: 7, character: 11 }, end: { line: 7, character: 16 } });
  });
});
