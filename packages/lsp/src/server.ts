/**
 * The WIT language server: LSP over a pair of streams, by
 * `vscode-languageserver`; the answers are `analysis.ts`'s. A package is
 * checked again a moment after its last edit, and its diagnostics published
 * for each of its files (an empty list clears a fixed file's); requests
 * check it at once if an edit is pending.
 */
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic as WitDiagnostic } from '@weld/wit';
import {
  DiagnosticSeverity, LSPErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type Hover, type Location, type Position,
} from 'vscode-languageserver';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analysePackage, readText, type PackageAnalysis } from './analysis.js';
import { definitionAt, hoverAt, referencesAt, RenameRefused, renameAt } from './answers.js';
import { documentSymbols } from './symbols.js';
import { spanRange } from './text-position.js';

/** How long after an edit a package is checked again: long enough to let a burst of keystrokes pass. */
const DEBOUNCE_MS = 50;

/**
 * Serves LSP on `input`/`output` until the client ends the session (the
 * library then ends the process, as LSP's `exit` asks).
 */
export function serveWitLanguageServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  new WitLanguageServer(connection).listen();
}

interface Cached {
  readonly version: number;
  readonly analysis: Promise<PackageAnalysis>;
}

class WitLanguageServer {
  readonly #connection: Connection;
  readonly #documents = new TextDocuments(TextDocument);
  /** Bumped by every edit of a package, so a stale analysis is never served. */
  readonly #versions = new Map<string, number>();
  readonly #cache = new Map<string, Cached>();
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** The URIs each package last published diagnostics for, so those that have none now are cleared. */
  readonly #published = new Map<string, Set<string>>();

  constructor(connection: Connection) {
    this.#connection = connection;
  }

  listen(): void {
    const connection = this.#connection;
    connection.onInitialize(() => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        definitionProvider: true,
        declarationProvider: true,
        hoverProvider: true,
        referencesProvider: true,
        renameProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: { name: 'weld lsp' },
    }));
    this.#documents.onDidChangeContent(({ document }) => this.#edited(document.uri));
    this.#documents.onDidClose(({ document }) => this.#edited(document.uri));
    connection.onDefinition(({ textDocument, position }) => this.#definition(textDocument.uri, position));
    connection.onDeclaration(({ textDocument, position }) => this.#definition(textDocument.uri, position));
    connection.onReferences(async ({ textDocument, position, context }) => {
      if (!textDocument.uri.startsWith('file:')) return [];
      const path = fileURLToPath(textDocument.uri);
      return referencesAt(await this.#analysis(dirname(path)), path, position, context.includeDeclaration);
    });
    connection.onRenameRequest(async ({ textDocument, position, newName }) => {
      if (!textDocument.uri.startsWith('file:')) return null;
      const path = fileURLToPath(textDocument.uri);
      try {
        return { changes: Object.fromEntries(renameAt(await this.#analysis(dirname(path)), path, position, newName)) };
      } catch (error) {
        if (error instanceof RenameRefused) return new ResponseError(LSPErrorCodes.RequestFailed, error.message);
        throw error;
      }
    });
    connection.onHover(({ textDocument, position }) => this.#hover(textDocument.uri, position));
    connection.onDocumentSymbol(async ({ textDocument }) => {
      const path = fileURLToPath(textDocument.uri);
      const file = (await this.#analysis(dirname(path))).files.get(path);
      return file === undefined ? [] : documentSymbols(file.ast, file.lines);
    });
    this.#documents.listen(connection);
    connection.listen();
  }

  #edited(uri: string): void {
    if (!uri.startsWith('file:')) return;
    const folder = dirname(fileURLToPath(uri));
    this.#versions.set(folder, (this.#versions.get(folder) ?? 0) + 1);
    clearTimeout(this.#timers.get(folder));
    this.#timers.set(folder, setTimeout(() => void this.#publish(folder), DEBOUNCE_MS));
  }

  /** The analysis of the package in `folder` as the documents are now. */
  #analysis(folder: string): Promise<PackageAnalysis> {
    const version = this.#versions.get(folder) ?? 0;
    const cached = this.#cache.get(folder);
    if (cached !== undefined && cached.version === version) return cached.analysis;
    const open = new Map<string, string>();
    for (const document of this.#documents.all()) {
      if (document.uri.startsWith('file:')) open.set(fileURLToPath(document.uri), document.getText());
    }
    const analysis = analysePackage(folder, open);
    this.#cache.set(folder, { version, analysis });
    return analysis;
  }

  async #publish(folder: string): Promise<void> {
    const version = this.#versions.get(folder);
    const analysis = await this.#analysis(folder);
    // A later edit publishes its own.
    if (this.#versions.get(folder) !== version) return;
    const byUri = new Map<string, Diagnostic[]>();
    for (const path of analysis.files.keys()) byUri.set(pathToFileURL(path).href, []);
    for (const found of analysis.check.diagnostics) {
      const { uri, diagnostic } = this.#lspDiagnostic(analysis, found);
      const list = byUri.get(uri);
      if (list === undefined) byUri.set(uri, [diagnostic]);
      else list.push(diagnostic);
    }
    for (const uri of this.#published.get(folder) ?? []) if (!byUri.has(uri)) byUri.set(uri, []);
    this.#published.set(folder, new Set([...byUri].filter(([, list]) => list.length > 0).map(([uri]) => uri)));
    for (const [uri, diagnostics] of byUri) {
      // The version of the text checked, so a client can tell these from a check of an earlier one.
      const document = this.#documents.get(uri);
      await this.#connection.sendDiagnostics({ uri, diagnostics, ...(document === undefined ? {} : { version: document.version }) });
    }
  }

  /** A front-end diagnostic in LSP's terms, with the URI of its file (a problem of no one place goes on the package's first file). */
  #lspDiagnostic(analysis: PackageAnalysis, found: WitDiagnostic): { uri: string; diagnostic: Diagnostic } {
    const location = found.location;
    // A label ("first defined here") is related information at its own place.
    const relatedInformation = found.labels.map(({ span, text }) => ({
      location: { uri: pathToFileURL(span.path).href, range: spanRange(this.#text(analysis, span.path) ?? '', span) },
      message: text,
    }));
    const base = {
      severity: found.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, message: found.message, source: 'weld',
      ...(relatedInformation.length === 0 ? {} : { relatedInformation }),
    };
    if (location?.kind === 'span') {
      const text = this.#text(analysis, location.path) ?? '';
      return { uri: pathToFileURL(location.path).href, diagnostic: { ...base, range: spanRange(text, location) } };
    }
    const first = [...analysis.files.keys()].sort()[0] ?? analysis.folder;
    const start = { line: 0, character: 0 };
    return { uri: pathToFileURL(first).href, diagnostic: { ...base, range: { start, end: start } } };
  }

  #text(analysis: PackageAnalysis, path: string): string | undefined {
    return analysis.files.get(path)?.lines.text ?? this.#documents.get(pathToFileURL(path).href)?.getText() ?? readText(path);
  }

  async #definition(uri: string, position: Position): Promise<Location | null> {
    if (!uri.startsWith('file:')) return null;
    const path = fileURLToPath(uri);
    return definitionAt(await this.#analysis(dirname(path)), path, position) ?? null;
  }

  async #hover(uri: string, position: Position): Promise<Hover | null> {
    if (!uri.startsWith('file:')) return null;
    const path = fileURLToPath(uri);
    return hoverAt(await this.#analysis(dirname(path)), path, position) ?? null;
  }
}
