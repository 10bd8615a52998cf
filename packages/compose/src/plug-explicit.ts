/**
 * `plugExplicit`: one wiring named by hand (`--plug A.wasm#EXPORT --into
 * SOCKET#IMPORT`), where `plug` would choose the provider itself.
 */
import { ComposeError, type ComposeInput, type Composition } from './api.js';
import { CompositionBuilder, type BuildOptions } from './graph/builder.js';
import { loadDefinition } from './graph/definition.js';
import { namesCompatible } from './semver.js';

/**
 * Fills the socket's import `importName` with the plug's export
 * `exportName`, or, when that is not given, with the first plug export
 * whose name is the import's or semver-compatible with it. The socket's
 * exports are the result's; the socket's other imports, and all the plug's,
 * are left for the host. A socket without `importName`, or a plug with
 * nothing that fits it, is `ComposeError('not-found')` listing what there
 * is; type mismatches are `ComposeError('type-mismatch')`. The plug's other
 * exports are reported in `unusedExports`.
 */
export function plugExplicit(
  socket: ComposeInput, plugInput: ComposeInput, importName: string, exportName?: string, options: BuildOptions = {},
): Composition {
  const socketDef = loadDefinition(socket);
  const plugDef = loadDefinition(plugInput);
  if (!socketDef.types.imports.has(importName)) {
    throw new ComposeError('not-found', `${socketDef.name} has no import named ${importName}`, [
      `its imports: ${[...socketDef.types.imports.keys()].join(', ') || '(none)'}`,
    ]);
  }
  const chosen = exportName ?? [...plugDef.types.exports.keys()].find((name) => namesCompatible(importName, name));
  if (chosen === undefined) {
    throw new ComposeError('not-found', `${plugDef.name} exports nothing that fits ${importName}`, [
      `its exports: ${[...plugDef.types.exports.keys()].join(', ') || '(none)'}`,
    ]);
  }
  const builder = new CompositionBuilder();
  const socketId = builder.instantiate(builder.addDefinition(socketDef));
  const plugId = builder.instantiate(builder.addDefinition(plugDef));
  builder.setArgument(socketId, importName, { kind: 'instance-export', instance: plugId, name: chosen });
  for (const name of socketDef.types.exports.keys()) builder.export(name, { kind: 'instance-export', instance: socketId, name });
  const built = builder.build(options);
  const unused = [...plugDef.types.exports.keys()].filter((name) => name !== chosen);
  return { ...built, unusedExports: unused.length > 0 ? new Map([[plugDef.name, unused]]) : new Map() };
}
