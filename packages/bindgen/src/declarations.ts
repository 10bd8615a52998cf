/**
 * The declarations of one WIT interface (or of a world's own types and
 * functions) as ts-morph structures: functions, records as interfaces,
 * variants as unions of `{ tag, val }` interfaces, enums as string unions,
 * flags as records of booleans, resources as classes.
 */
import {
  Scope,
  StructureKind,
  type ClassDeclarationStructure,
  type JSDocStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
  type PropertySignatureStructure,
  type StatementStructures,
} from 'ts-morph';
import type { Docs, Function, Resolve, TypeDef, TypeId } from '@weld/wit';
import { unreachable } from '@weld/wit';
import { throwsTag, tsdoc } from './docs.js';
import { camelCase, isReserved, paramName, pascalCase } from './naming.js';
import { TypeMapper, typeName } from './type-map.js';
import type { Unit, Units } from './units.js';

/** How declarations are written in their unit. */
export interface DeclarationOptions {
  /** Whether resource classes implement `Symbol.dispose` (those the other side hands out). */
  readonly disposable: boolean;
  /** Whether top-level declarations need `declare` (a `.d.ts` file, as opposed to an ambient module). */
  readonly ambientFile: boolean;
}

/** The statements that declare `types` and `functions` in `unit`. */
export function declarations(
  units: Units,
  unit: Unit,
  types: ReadonlyMap<string, TypeId>,
  functions: ReadonlyMap<string, Function>,
  options: DeclarationOptions,
): StatementStructures[] {
  const mapper = new TypeMapper(units, unit);
  const out: StatementStructures[] = [];
  for (const func of functions.values()) {
    if ('resource' in func.kind) continue;
    for (const s of functionDeclaration(mapper, func, options)) out.push(s);
  }
  for (const id of types.values()) {
    for (const s of typeDeclaration(units.resolve, mapper, id, functions, options)) out.push(s);
  }
  for (const s of helperDeclarations(unit)) out.push(s);
  return out;
}

/** `Option<T>` and `Result<T, E>` where the unit uses them, as jco declares them. */
export function helperDeclarations(unit: Unit): StatementStructures[] {
  const out: StatementStructures[] = [];
  if (unit.helpers.has('Option')) {
    out.push({
      kind: StructureKind.TypeAlias, isExported: true, name: unit.helperNames.Option, typeParameters: ['T'],
      type: "{ tag: 'none' } | { tag: 'some', val: T }",
      docs: docs('An `option<T>` whose payload may itself be `undefined`, as a tagged union.'),
    });
  }
  if (unit.helpers.has('Result')) {
    out.push({
      kind: StructureKind.TypeAlias, isExported: true, name: unit.helperNames.Result, typeParameters: ['T', 'E'],
      type: "{ tag: 'ok', val: T } | { tag: 'err', val: E }",
      docs: docs('A `result<T, E>` that is not the return value of a function, as a tagged union.'),
    });
  }
  return out;
}

/** A TSDoc block, or none. */
export function docs(text: string | undefined): OptionalKind<JSDocStructure>[] {
  return text === undefined ? [] : [{ description: text }];
}

/** The name a function is declared under, without `[method]r.`-style prefixes. */
export function itemName(func: Function): string {
  const name = func.name.replace(/^\[[^\]]*\]/u, '');
  return 'resource' in func.kind && func.kind.kind !== 'constructor' ? name.slice(name.indexOf('.') + 1) : name;
}

/** The parameters of `func` in JS, without a method's `self`. */
export function parameters(mapper: TypeMapper, func: Function): OptionalKind<ParameterDeclarationStructure>[] {
  const isMethod = func.kind.kind === 'method' || func.kind.kind === 'async-method'
    || func.kind.kind === 'method-getter' || func.kind.kind === 'method-setter';
  return func.params.slice(isMethod ? 1 : 0).map((p) => ({ name: paramName(p.name), type: mapper.type(p.type) }));
}

/** The signature text `(params) => R` of a function, for properties of object types. */
export function signature(mapper: TypeMapper, func: Function): { readonly params: string; readonly returns: string; readonly docs: string | undefined } {
  const returns = mapper.returnType(func);
  const params = parameters(mapper, func).map((p) => `${p.name}: ${p.type as string}`).join(', ');
  return { params, returns: returns.type, docs: functionDocs(func.docs, returns.throws) };
}

function functionDocs(text: Docs, throws: string | undefined): string | undefined {
  return tsdoc(text, throws === undefined ? undefined : throwsTag(throws));
}

/**
 * A freestanding function: `export function f(…): R;`, or for a name that is
 * a reserved word (`eval`), `function _eval(…)` exported under its own name.
 */
export function functionDeclaration(mapper: TypeMapper, func: Function, options: DeclarationOptions): StatementStructures[] {
  const name = camelCase(itemName(func));
  const returns = mapper.returnType(func);
  const reserved = isReserved(name);
  const declaration: StatementStructures = {
    kind: StructureKind.Function,
    name: reserved ? `_${name}` : name,
    isExported: !reserved,
    hasDeclareKeyword: reserved && options.ambientFile,
    parameters: parameters(mapper, func),
    returnType: returns.type,
    docs: docs(functionDocs(func.docs, returns.throws)),
  };
  if (!reserved) return [declaration];
  return [
    declaration,
    { kind: StructureKind.ExportDeclaration, namedExports: [{ name: `_${name}`, alias: name }] },
  ];
}

function typeDeclaration(
  resolve: Resolve,
  mapper: TypeMapper,
  id: TypeId,
  functions: ReadonlyMap<string, Function>,
  options: DeclarationOptions,
): StatementStructures[] {
  const def = resolve.types[id]!;
  const name = typeName(def);
  const kind = def.kind;
  switch (kind.kind) {
    case 'record':
      return [{
        kind: StructureKind.Interface, isExported: true, name, docs: docs(tsdoc(def.docs)),
        properties: kind.fields.map((field): OptionalKind<PropertySignatureStructure> => {
          // A field of option type may be left out, as in jco; its payload is then never undefined itself.
          const optional = !mapper.isTaggedOption(field.type) && mapper.isOption(field.type);
          return { name: camelCase(field.name), type: mapper.type(field.type), hasQuestionToken: optional, docs: docs(tsdoc(field.docs)) };
        }),
      }];
    case 'flags':
      return [{
        kind: StructureKind.Interface, isExported: true, name, docs: docs(tsdoc(def.docs)),
        properties: kind.flags.map((flag) => ({ name: camelCase(flag.name), type: 'boolean', hasQuestionToken: true, docs: docs(tsdoc(flag.docs)) })),
      }];
    case 'enum':
      return [{
        kind: StructureKind.TypeAlias, isExported: true, name,
        type: kind.cases.length === 0 ? 'never' : kind.cases.map((c) => `'${c.name}'`).join(' | '),
        docs: docs(tsdoc(def.docs, caseList(kind.cases))),
      }];
    case 'variant': {
      const caseName = (c: string): string => `${name}${pascalCase(c)}`;
      return [
        {
          kind: StructureKind.TypeAlias, isExported: true, name, docs: docs(tsdoc(def.docs)),
          type: kind.cases.length === 0 ? 'never' : kind.cases.map((c) => caseName(c.name)).join(' | '),
        },
        ...kind.cases.map((c): StatementStructures => ({
          kind: StructureKind.Interface, isExported: true, name: caseName(c.name), docs: docs(tsdoc(c.docs)),
          properties: [
            { name: 'tag', type: `'${c.name}'` },
            ...(c.type === undefined ? [] : [{ name: 'val', type: mapper.type(c.type) }]),
          ],
        })),
      ];
    }
    case 'resource':
      return [resourceClass(mapper, def, id, functions, options)];
    case 'list': case 'fixed-length-list': case 'option': case 'result': case 'tuple': case 'handle': case 'map':
    case 'future': case 'stream': case 'type': case 'unknown':
      return [{ kind: StructureKind.TypeAlias, isExported: true, name, type: mapper.structure(def), docs: docs(tsdoc(def.docs)) }];
    default:
      return unreachable(kind);
  }
}

/** The docs of enum cases, which a string union cannot carry, as a list. */
function caseList(cases: readonly { readonly name: string; readonly docs: Docs }[]): string | undefined {
  const documented = cases.filter((c) => c.docs !== undefined && c.docs.trim() !== '');
  if (documented.length === 0) return undefined;
  return documented.map((c) => `- \`'${c.name}'\`: ${c.docs!.trim().replace(/\n/gu, '\n  ')}`).join('\n');
}

/** A resource as a class: its constructor, methods and static functions. */
function resourceClass(
  mapper: TypeMapper,
  def: TypeDef,
  id: TypeId,
  functions: ReadonlyMap<string, Function>,
  options: DeclarationOptions,
): ClassDeclarationStructure {
  const own = [...functions.values()].filter((f) => 'resource' in f.kind && f.kind.resource === id);
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];
  const ctors: ClassDeclarationStructure['ctors'] = [];
  for (const func of own) {
    if (func.kind.kind === 'constructor') {
      ctors.push({ parameters: parameters(mapper, func), docs: docs(tsdoc(func.docs)) });
      continue;
    }
    const returns = mapper.returnType(func);
    methods.push({
      name: camelCase(itemName(func)),
      isStatic: func.kind.kind === 'static' || func.kind.kind === 'async-static'
        || func.kind.kind === 'static-getter' || func.kind.kind === 'static-setter',
      parameters: parameters(mapper, func),
      returnType: returns.type,
      docs: docs(functionDocs(func.docs, returns.throws)),
    });
  }
  if (ctors.length === 0) {
    // As in jco: a resource without a WIT constructor cannot be made with `new`.
    ctors.push({ scope: Scope.Private, parameters: [], docs: docs('This type does not have a public constructor.') });
  }
  if (options.disposable) {
    methods.push({ name: '[Symbol.dispose]', returnType: 'void', docs: docs('Drops the handle now instead of when it is garbage-collected.') });
  }
  return {
    kind: StructureKind.Class, isExported: true, name: typeName(def), docs: docs(tsdoc(def.docs)),
    ...(options.disposable ? { implements: ['Disposable'] } : {}),
    ctors, methods,
  };
}
