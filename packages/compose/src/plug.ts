/**
 * `plug`: fill a socket's imports with the exports of plugs, transitively.
 * Each import goes to the first plug that exports the same name, else to
 * the first whose export is semver-compatible (the highest compatible
 * version it offers). A plug is instantiated once, only when something
 * uses it, in dependency order; the socket's exports are the result's.
 */
import {
  ComposeError, type ComponentDef, type ComposeInput, type ComposeWarning, type Composition, type InstanceId,
} from './api.js';
import { CompositionBuilder, type BuildOptions } from './graph/builder.js';
import { loadDefinition } from './graph/definition.js';
import { shortList } from './quote.js';
import { compareVersions, namesCompatible, splitVersionedName } from './semver.js';

/** Which plug export fills an import: a plug index and its export name. */
interface Provider {
  readonly plug: number;
  readonly exportName: string;
}

/** Finds the provider of `importName` among `plugs`, skipping `self`. */
function findProvider(plugs: readonly ComponentDef[], importName: string, self: number | undefined): Provider | undefined {
  for (let p = 0; p < plugs.length; p++) {
    if (p !== self && plugs[p]!.types.exports.has(importName)) return { plug: p, exportName: importName };
  }
  for (let p = 0; p < plugs.length; p++) {
    if (p === self) continue;
    let best: string | undefined;
    for (const exportName of plugs[p]!.types.exports.keys()) {
      if (!namesCompatible(importName, exportName)) continue;
      if (best === undefined || compareVersions(splitVersionedName(exportName).version!, splitVersionedName(best).version!) > 0) {
        best = exportName;
      }
    }
    if (best !== undefined) return { plug: p, exportName: best };
  }
  return undefined;
}

/**
 * Plugs `plugs` into `socket`: every socket import some plug exports is
 * satisfied, and so, transitively, are the plugs' imports. A cycle among
 * plugs is `ComposeError('cycle')`; no plug satisfying anything is
 * `ComposeError('nothing-plugged')`; a plug that satisfies nothing while
 * others do is a warning, and so is a plug given twice (plugged once).
 * Type mismatches are `ComposeError('type-mismatch')`.
 */
export function plug(socket: ComposeInput, plugs: readonly ComposeInput[], options: BuildOptions = {}): Composition {
  const socketDef = loadDefinition(socket);
  const given = plugs.map(loadDefinition);
  // A plug given twice (the same bytes) is plugged once; the repeat is only warned about.
  const firstWithBytes = new Map<string, ComponentDef>();
  const repeats: { readonly def: ComponentDef; readonly first: ComponentDef }[] = [];
  const plugDefs: ComponentDef[] = [];
  for (const def of given) {
    const first = firstWithBytes.get(def.sha256);
    if (first === undefined) {
      firstWithBytes.set(def.sha256, def);
      plugDefs.push(def);
    } else {
      repeats.push({ def, first });
    }
  }
  const builder = new CompositionBuilder();

  // Walk from the socket: each used plug once, its imports in turn.
  const socketId = builder.instantiate(builder.addDefinition(socketDef));
  const plugInstance = new Map<number, InstanceId>();
  const used = new Map<number, Set<string>>();
  const queue: { readonly instance: InstanceId; readonly def: ComponentDef; readonly plug: number | undefined }[] = [
    { instance: socketId, def: socketDef, plug: undefined },
  ];
  for (let next = 0; next < queue.length; next++) {
    const { instance, def, plug: self } = queue[next]!;
    for (const importName of def.types.imports.keys()) {
      const provider = findProvider(plugDefs, importName, self);
      if (!provider) continue;
      let target = plugInstance.get(provider.plug);
      if (target === undefined) {
        const plugDef = plugDefs[provider.plug]!;
        target = builder.instantiate(builder.addDefinition(plugDef));
        plugInstance.set(provider.plug, target);
        queue.push({ instance: target, def: plugDef, plug: provider.plug });
      }
      builder.setArgument(instance, importName, { kind: 'instance-export', instance: target, name: provider.exportName });
      const names = used.get(provider.plug) ?? new Set<string>();
      names.add(provider.exportName);
      used.set(provider.plug, names);
    }
  }

  if (plugInstance.size === 0) {
    const imports = [...socketDef.types.imports.keys()];
    throw new ComposeError('nothing-plugged', `no plug satisfies any import of ${socket.name}`, [
      `${socket.name} imports: ${imports.length === 0 ? '(nothing)' : shortList(imports)}`,
      ...plugDefs.map((d) => `${d.name} exports: ${d.types.exports.size === 0 ? '(nothing)' : shortList([...d.types.exports.keys()])}`),
    ]);
  }

  for (const exportName of socketDef.types.exports.keys()) {
    builder.export(exportName, { kind: 'instance-export', instance: socketId, name: exportName });
  }
  const built = builder.build(options);

  const warnings: ComposeWarning[] = repeats.map(({ def, first }) => ({
    kind: 'duplicate-plug',
    message: def.name === first.name
      ? `${def.name} is given twice as a plug; it is plugged once`
      : `${def.name} is the same component as ${first.name}; only ${first.name} is plugged`,
  }));
  const unusedExports = new Map<string, readonly string[]>();
  plugDefs.forEach((def, p) => {
    const names = used.get(p);
    if (names === undefined) {
      warnings.push({ kind: 'unused-plug', message: `${def.name} was not plugged: it satisfies no import` });
    }
    const unused = [...def.types.exports.keys()].filter((n) => !names?.has(n));
    if (unused.length > 0) unusedExports.set(def.name, unused);
  });
  return { ...built, warnings: [...built.warnings, ...warnings], unusedExports };
}
