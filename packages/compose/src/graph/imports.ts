/**
 * The imports of the result: every instance argument left unset becomes
 * one, each interface once. Names on one semver compatibility track merge
 * into the highest version (`wasi:io/streams@0.2.3` and `@0.2.12` become
 * `wasi:io/streams@0.2.12`, passed to both); others stay apart. The
 * imports come in dependency order: an interface whose types `use`
 * another's after that one.
 */
import { ComposeError, type ComponentDef, type GraphImport, type ImportId, type Source } from '../api.js';
import { compareVersions, highestVersion, mergeKey, splitVersionedName } from '../semver.js';
import { dependencyIsResourceFree, importDependencies } from './uses.js';

/** An instance as merging sees it. */
export interface MergeInstance {
  readonly def: number;
  readonly label: string;
  readonly args: ReadonlyMap<string, Source>;
}

/** What `mergeImports` returns: the result's imports and every instance's arguments completed with them. */
export interface MergedImports {
  readonly imports: GraphImport[];
  /** Each instance's arguments, now complete. */
  readonly args: Map<string, Source>[];
  /** Per import name, the labels of the instances that take it. */
  readonly users: Map<string, string[]>;
  /** The new id of an explicit import (an index of the `explicit` list). */
  readonly explicitId: (id: ImportId) => ImportId;
}

interface Group {
  readonly key: string;
  readonly names: string[];
  readonly from: { readonly def: number; readonly importName: string }[];
  readonly explicit: GraphImport | undefined;
  readonly takers: { readonly instance: number; readonly importName: string }[];
}

/** Completes every instance's arguments with imports of the result, merged and ordered. */
export function mergeImports(
  defs: readonly ComponentDef[],
  instances: readonly MergeInstance[],
  explicit: readonly GraphImport[],
): MergedImports {
  const groups = new Map<string, Group>();
  const all: Group[] = [];
  // Explicit imports keep their names; an unset argument of a compatible name joins one.
  const explicitGroups: Group[] = explicit.map((imp) => {
    const group: Group = { key: mergeKey(imp.name), names: [imp.name], from: [], explicit: imp, takers: [] };
    if (!groups.has(group.key)) groups.set(group.key, group);
    all.push(group);
    return group;
  });
  /** The group of a definition's import `importName`, which joins it. */
  const join = (def: number, importName: string): Group => {
    const key = mergeKey(importName);
    let group = groups.get(key);
    if (!group) {
      group = { key, names: [], from: [], explicit: undefined, takers: [] };
      groups.set(key, group);
      all.push(group);
    }
    if (!group.names.includes(importName)) group.names.push(importName);
    group.from.push({ def, importName });
    return group;
  };
  instances.forEach((instance, i) => {
    const def = defs[instance.def]!;
    for (const importName of def.types.imports.keys()) {
      if (instance.args.has(importName)) continue;
      join(instance.def, importName).takers.push({ instance: i, importName });
    }
  });
  // An import typed from WIT takes the interfaces its types `use` with it, as imports of the result too.
  for (const imp of explicit) {
    const def = defs[imp.typeFrom.def]!;
    if (def.typeOnly !== true) continue;
    for (const importName of def.types.imports.keys()) if (importName !== imp.typeFrom.importName) join(imp.typeFrom.def, importName);
  }

  const resolved = new Map<Group, GraphImport>();
  for (const group of all) {
    if (group.explicit) {
      resolved.set(group, group.explicit);
      continue;
    }
    const name = highestVersion(group.names);
    const typeFrom = group.from.find((f) => f.importName === name)!;
    const merged = contributors(typeFrom, group.from);
    resolved.set(group, merged.length > 1 ? { name, typeFrom, merged } : { name, typeFrom });
  }

  // Dependency order: the imports an import's types refer to come first.
  // Depth first with its own stack: `use` chains are as deep as the input.
  const ordered: Group[] = [];
  const state = new Map<Group, 'visiting' | 'done'>();
  const dependenciesOf = (group: Group): Group[] => {
    const imp = resolved.get(group)!;
    const deps: Group[] = [];
    for (const c of imp.merged ?? [imp.typeFrom]) {
      for (const dep of importDependencies(defs[c.def]!, c.importName)) {
        const depGroup = groups.get(mergeKey(dep));
        if (depGroup) {
          deps.push(depGroup);
          continue;
        }
        // The dependency is plugged: value types from it are declared again in
        // this import's type; a resource cannot be, its identity lives inside.
        if (dependencyIsResourceFree(defs[c.def]!, c.importName, dep)) continue;
        throw new ComposeError(
          'invalid-input',
          `the result cannot import ${imp.name}: it uses resources of ${dep}, which is plugged rather than imported; plug ${imp.name} as well, or leave ${dep} unplugged`,
        );
      }
    }
    return deps;
  };
  for (const root of all) {
    if (state.has(root)) continue;
    state.set(root, 'visiting');
    const stack: { readonly group: Group; readonly deps: Group[]; next: number }[] = [{ group: root, deps: dependenciesOf(root), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const dep = top.deps[top.next++];
      if (dep === undefined) {
        stack.pop();
        state.set(top.group, 'done');
        ordered.push(top.group);
      } else if (!state.has(dep)) {
        // A group already being visited is a cycle of `use`s, which WIT forbids; it keeps its place.
        state.set(dep, 'visiting');
        stack.push({ group: dep, deps: dependenciesOf(dep), next: 0 });
      }
    }
  }

  const imports: GraphImport[] = [];
  const idOf = new Map<Group, ImportId>();
  for (const group of ordered) {
    idOf.set(group, imports.length);
    imports.push(resolved.get(group)!);
  }
  const explicitId = (id: ImportId): ImportId => {
    const group = explicitGroups[id];
    if (!group) throw new ComposeError('not-found', `there is no import with id ${id}`);
    return idOf.get(group)!;
  };
  const args = instances.map((instance) => {
    const map = new Map<string, Source>();
    for (const [name, source] of instance.args) {
      map.set(name, source.kind === 'import' ? { kind: 'import', import: explicitId(source.import) } : source);
    }
    return map;
  });
  // Per import name, its users in order of first use (a set each: many instances share an import).
  const userSets = new Map<string, Set<string>>();
  const addUser = (name: string, label: string): void => {
    const set = userSets.get(name) ?? new Set<string>();
    set.add(label);
    userSets.set(name, set);
  };
  for (const group of ordered) {
    const id = idOf.get(group)!;
    const name = imports[id]!.name;
    for (const taker of group.takers) {
      args[taker.instance]!.set(taker.importName, { kind: 'import', import: id });
      addUser(name, instances[taker.instance]!.label);
    }
  }
  // Explicit imports passed by setArgument count as used too.
  instances.forEach((instance) => {
    for (const source of instance.args.values()) {
      if (source.kind !== 'import') continue;
      const name = explicit[source.import]?.name;
      if (name !== undefined) addUser(name, instance.label);
    }
  });
  const users = new Map<string, string[]>();
  for (const [name, set] of userSets) users.set(name, [...set]);
  return { imports, args, users, explicitId };
}

/** The distinct definition imports of a group: `first`, then by descending version, in order of appearance on ties. */
function contributors(
  first: GraphImport['typeFrom'],
  from: readonly GraphImport['typeFrom'][],
): GraphImport['typeFrom'][] {
  const distinct: GraphImport['typeFrom'][] = [];
  for (const f of from) {
    if (!distinct.some((d) => d.def === f.def && d.importName === f.importName)) distinct.push(f);
  }
  const rest = distinct.filter((d) => d !== first && !(d.def === first.def && d.importName === first.importName));
  const version = (name: string) => splitVersionedName(name).version;
  rest.sort((a, b) => {
    const va = version(a.importName);
    const vb = version(b.importName);
    return va && vb ? compareVersions(vb, va) : 0;
  });
  return [first, ...rest];
}
