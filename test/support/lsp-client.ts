/**
 * A language client for the `weld lsp` tests: the built `weld lsp` as a child
 * process, driven over stdio by `vscode-languageserver-protocol`'s
 * connection, with the diagnostics it publishes collected per URI.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  type Diagnostic, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { bin, root } from '../support.js';

/** A running `weld lsp` and the client connected to it. */
export interface LspSession {
  readonly connection: ProtocolConnection;
  /** The diagnostics published next for version `version` of the open document `uri`. */
  nextDiagnostics(uri: string, version: number): Promise<Diagnostic[]>;
  /** Shuts the server down as LSP asks and waits for the process to end; resolves to its exit code. */
  close(): Promise<number | null>;
}

/** Starts `weld lsp` and initializes it with `rootUri`. */
export async function startLsp(rootUri: string): Promise<LspSession> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: root, stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map<string, (diagnostics: Diagnostic[]) => void>();
  connection.onNotification(PublishDiagnosticsNotification.type, ({ uri, version, diagnostics }) => {
    const key = `${version ?? ''} ${uri}`;
    waiting.get(key)?.(diagnostics);
    waiting.delete(key);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: null });
  await connection.sendNotification('initialized', {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    nextDiagnostics: (uri, version) => new Promise((resolve) => waiting.set(`${version} ${uri}`, resolve)),
    close: async () => {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
