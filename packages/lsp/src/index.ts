/**
 * `@weld/lsp`: a WIT language server on weld's own front end. Diagnostics
 * are `checkWitFiles`'s, definitions and hovers come from the resolve, the
 * outline from the syntax tree; the protocol is `vscode-languageserver`'s.
 */
export { serveWitLanguageServer } from './server.js';
