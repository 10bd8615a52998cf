/**
 * A file's outline for `textDocument/documentSymbol`: interfaces and worlds,
 * with their types (a resource with its functions) and functions, from the
 * syntax tree alone, so it is there while the file has errors.
 */
import { unreachable, type WitAst } from '@weld/wit';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { LineTable } from './text-position.js';

/** The outline of a file's top-level package. */
export function documentSymbols(file: WitAst.PackageFile, lines: LineTable): DocumentSymbol[] {
  const symbol = (id: WitAst.Id, kind: SymbolKind, children: DocumentSymbol[] = [], detail?: string): DocumentSymbol => {
    const range = lines.range(id.span.start, id.span.end);
    return { name: id.name, kind, range, selectionRange: range, children, ...(detail === undefined ? {} : { detail }) };
  };
  const typeSymbol = ({ name, type }: WitAst.TypeDef): DocumentSymbol => {
    const kind = typeKind(type);
    const children = type.kind === 'resource'
      ? type.funcs.map(({ kind: funcKind, func }) => symbol(func.name, funcKind === 'constructor' ? SymbolKind.Constructor : SymbolKind.Method))
      : [];
    return symbol(name, kind, children);
  };
  const interfaceSymbols = (items: readonly WitAst.InterfaceItem[]): DocumentSymbol[] => {
    const found: DocumentSymbol[] = [];
    for (const item of items) {
      if (item.kind === 'type') found.push(typeSymbol(item.typeDef));
      else if (item.kind === 'func') found.push(symbol(item.func.name, SymbolKind.Function));
    }
    return found;
  };
  const found: DocumentSymbol[] = [];
  for (const item of file.items) {
    if (item.kind === 'interface') found.push(symbol(item.interface.name, SymbolKind.Interface, interfaceSymbols(item.interface.items)));
    else if (item.kind === 'world') {
      const children: DocumentSymbol[] = [];
      for (const worldItem of item.world.items) {
        if (worldItem.kind === 'type') children.push(typeSymbol(worldItem.typeDef));
        else if (worldItem.kind === 'import' || worldItem.kind === 'export') {
          const { extern } = worldItem;
          if (extern.kind === 'interface') children.push(symbol(extern.name, SymbolKind.Interface, interfaceSymbols(extern.items), worldItem.kind));
          else if (extern.kind === 'func') children.push(symbol(extern.name, SymbolKind.Function, [], worldItem.kind));
          else if (extern.kind === 'named-path') children.push(symbol(extern.name, SymbolKind.Interface, [], worldItem.kind));
        }
      }
      found.push(symbol(item.world.name, SymbolKind.Module, children));
    }
  }
  return found;
}

function typeKind(type: WitAst.Type): SymbolKind {
  switch (type.kind) {
    case 'record':
      return SymbolKind.Struct;
    case 'resource':
      return SymbolKind.Class;
    case 'enum':
    case 'variant':
    case 'flags':
      return SymbolKind.Enum;
    case 'primitive': case 'name': case 'list': case 'fixed-length-list': case 'map': case 'handle':
    case 'tuple': case 'option': case 'result': case 'future': case 'stream':
      return SymbolKind.TypeParameter;
    default:
      return unreachable(type);
  }
}
