import type { Command } from 'commander';

/** Registers `weld lsp`: the WIT language server, speaking LSP over stdin and stdout until the editor ends the session. */
export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description('run the WIT language server (diagnostics, definitions, hover, outline) over stdio, for an editor to start')
    // Editors pass `--stdio` by habit; it is the only transport, so it is accepted and changes nothing.
    .option('--stdio', 'speak LSP over stdin and stdout (the default and only transport)')
    .action(async () => {
      // Loaded on demand, as `weld types` loads bindgen: no other command pays for the protocol library.
      const { serveWitLanguageServer } = await import('@weld/lsp');
      serveWitLanguageServer(process.stdin, process.stdout);
      // The session ends the process (LSP's `exit`); until then the command stays.
      await new Promise<never>(() => {});
    });
}
