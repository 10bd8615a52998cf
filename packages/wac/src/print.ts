/**
 * A syntax tree back to WAC text, in wac's layout (four-space indents, one
 * item a line), so that `parseWac(printWac(doc))` gives the same tree apart
 * from spans. The tree comes from the parser, whose nesting is bounded, so
 * the recursion here is too.
 */
import { unreachable } from '@weld/wit';
import type {
  DocComment, Document, Expr, ExternName, ExternType, FuncType, FuncTypeRef, Ident, ImportType, InterfaceItem, ItemTypeDecl, Statement,
  Type, Use, WorldItem, WorldItemPath,
} from './ast.js';
import { keywordOf } from './token.js';

/** Prints a WAC document. */
export function printWac(doc: Document): string {
  const out = new Printer();
  out.docs(doc.docs, '');
  out.line('', `package ${doc.package.text}${doc.targets === undefined ? '' : ` targets ${doc.targets.text}`};`);
  for (const statement of doc.statements) {
    out.blank();
    out.statement(statement);
  }
  return out.text();
}

const INDENT = '    ';

/** An identifier, with `%` when it is spelled like a keyword. */
function ident(id: Ident): string {
  return keywordOf(id.name) === undefined ? id.name : `%${id.name}`;
}

function name(n: ExternName): string {
  return n.kind === 'string' ? `"${n.value}"` : ident({ name: n.value, span: n.span });
}

function type(t: Type): string {
  switch (t.kind) {
    case 'primitive': return t.name;
    case 'tuple': return `tuple<${t.types.map(type).join(', ')}>`;
    case 'list': return `list<${type(t.type)}>`;
    case 'option': return `option<${type(t.type)}>`;
    case 'result':
      if (t.ok === undefined && t.err === undefined) return 'result';
      if (t.err === undefined) return `result<${type(t.ok!)}>`;
      return `result<${t.ok === undefined ? '_' : type(t.ok)}, ${type(t.err)}>`;
    case 'borrow': return `borrow<${ident(t.id)}>`;
    case 'stream':
    case 'future': return t.type === undefined ? t.kind : `${t.kind}<${type(t.type)}>`;
    case 'named': return ident(t.id);
    default: return unreachable(t, 'type');
  }
}

function func(f: FuncType): string {
  const params = f.params.map((p) => `${ident(p.id)}: ${type(p.type)}`).join(', ');
  return `${f.isAsync ? 'async ' : ''}func(${params})${f.result === undefined ? '' : ` -> ${type(f.result)}`}`;
}

function funcRef(f: FuncTypeRef): string {
  return f.kind === 'func' ? func(f.func) : ident(f.id);
}

function expr(e: Expr): string {
  let text: string;
  const p = e.primary;
  switch (p.kind) {
    case 'ident': text = ident(p.id); break;
    case 'nested': text = `(${expr(p.inner)})`; break;
    case 'new': {
      const args = p.arguments.map((a) => {
        switch (a.kind) {
          case 'inferred': return ident(a.id);
          case 'spread': return `...${ident(a.id)}`;
          case 'named': return `${name(a.name)}: ${expr(a.expr)}`;
          case 'fill': return '...';
          default: return unreachable(a, 'instantiation argument');
        }
      });
      text = `new ${p.package.text} {${args.length === 0 ? '' : ` ${args.join(', ')} `}}`;
      break;
    }
    default: text = unreachable(p, 'primary expression');
  }
  for (const post of e.postfix) text += post.kind === 'access' ? `.${ident(post.id)}` : `["${post.name.value}"]`;
  return text;
}

class Printer {
  readonly #lines: string[] = [];

  line(indent: string, text: string): void {
    this.#lines.push(`${indent}${text}`);
  }

  blank(): void {
    this.#lines.push('');
  }

  text(): string {
    return `${this.#lines.join('\n')}\n`;
  }

  /** Doc comments: `///` for one line, a block for several. */
  docs(docs: readonly DocComment[], indent: string): void {
    for (const doc of docs) this.line(indent, doc.comment.includes('\n') ? `/** ${doc.comment} */` : `/// ${doc.comment}`);
  }

  /** Lines of `items` inside `{ … }` after `head`, or `head {}` when there are none. */
  block<T>(indent: string, head: string, items: readonly T[], item: (t: T, indent: string) => void, close = '}'): void {
    if (items.length === 0) {
      this.line(indent, `${head} {}${close.slice(1)}`);
      return;
    }
    this.line(indent, `${head} {`);
    for (const it of items) item(it, indent + INDENT);
    this.line(indent, close);
  }

  statement(s: Statement): void {
    this.docs(s.docs, '');
    switch (s.kind) {
      case 'import': {
        const head = `import ${ident(s.id)}${s.name === undefined ? '' : ` as ${name(s.name)}`}: `;
        this.importType(head, s.type);
        return;
      }
      case 'let': this.line('', `let ${ident(s.id)} = ${expr(s.expr)};`); return;
      case 'export': {
        const o = s.options;
        const suffix = o.kind === 'none' ? '' : o.kind === 'spread' ? '...' : ` as ${name(o.name)}`;
        this.line('', `export ${expr(s.expr)}${suffix};`);
        return;
      }
      case 'interface': this.block('', `interface ${ident(s.id)}`, s.items, (i, at) => this.interfaceItem(i, at)); return;
      case 'world': this.block('', `world ${ident(s.id)}`, s.items, (i, at) => this.worldItem(i, at)); return;
      default: this.typeDecl(s, '');
    }
  }

  importType(head: string, t: ImportType): void {
    switch (t.kind) {
      case 'package': this.line('', `${head}${t.path.text};`); return;
      case 'func': this.line('', `${head}${func(t.func)};`); return;
      case 'ident': this.line('', `${head}${ident(t.id)};`); return;
      case 'interface': this.block('', `${head}interface`, t.items, (i, at) => this.interfaceItem(i, at), '};'); return;
      default: unreachable(t, 'import type');
    }
  }

  use(u: Use, indent: string): void {
    const path = u.path.kind === 'package' ? u.path.path.text : ident(u.path.id);
    const items = u.items.map((i) => `${ident(i.id)}${i.as === undefined ? '' : ` as ${ident(i.as)}`}`).join(', ');
    this.line(indent, `use ${path}.{${items}};`);
  }

  interfaceItem(item: InterfaceItem, indent: string): void {
    this.docs(item.docs, indent);
    if (item.kind === 'use') this.use(item, indent);
    else if (item.kind === 'interface-export') this.line(indent, `${ident(item.id)}: ${funcRef(item.type)};`);
    else this.typeDecl(item, indent);
  }

  worldItem(item: WorldItem, indent: string): void {
    this.docs(item.docs, indent);
    switch (item.kind) {
      case 'use': this.use(item, indent); return;
      case 'world-import':
      case 'world-export':
        this.worldItemPath(item.kind === 'world-import' ? 'import' : 'export', item.path, indent);
        return;
      case 'include': {
        const world = item.world.kind === 'package' ? item.world.path.text : ident(item.world.id);
        const renames = item.with.map((w) => `${ident(w.from)} as ${ident(w.to)}`).join(', ');
        this.line(indent, `include ${world}${item.with.length === 0 ? '' : ` with { ${renames} }`};`);
        return;
      }
      default: this.typeDecl(item, indent);
    }
  }

  worldItemPath(keyword: string, path: WorldItemPath, indent: string): void {
    switch (path.kind) {
      case 'package': this.line(indent, `${keyword} ${path.path.text};`); return;
      case 'ident': this.line(indent, `${keyword} ${ident(path.id)};`); return;
      case 'named': this.externType(`${keyword} ${ident(path.id)}: `, path.type, indent); return;
      default: unreachable(path, 'world item path');
    }
  }

  externType(head: string, t: ExternType, indent: string): void {
    switch (t.kind) {
      case 'ident': this.line(indent, `${head}${ident(t.id)};`); return;
      case 'func': this.line(indent, `${head}${func(t.func)};`); return;
      case 'interface': this.block(indent, `${head}interface`, t.items, (i, at) => this.interfaceItem(i, at), '};'); return;
      default: unreachable(t, 'extern type');
    }
  }

  /** A type declaration; its doc comments are the caller's to print. */
  typeDecl(d: ItemTypeDecl, indent: string): void {
    const member = (m: { readonly docs: readonly DocComment[] }, at: string, text: string): void => {
      this.docs(m.docs, at);
      this.line(at, text);
    };
    switch (d.kind) {
      case 'resource':
        if (d.methods.length === 0) {
          this.line(indent, `resource ${ident(d.id)};`);
          return;
        }
        this.block(indent, `resource ${ident(d.id)}`, d.methods, (m, at) => {
          if (m.kind === 'constructor') member(m, at, `constructor(${m.params.map((p) => `${ident(p.id)}: ${type(p.type)}`).join(', ')});`);
          else member(m, at, `${ident(m.id)}: ${m.isStatic ? 'static ' : ''}${func(m.func)};`);
        });
        return;
      case 'variant':
        this.block(indent, `variant ${ident(d.id)}`, d.cases, (c, at) => member(c, at, `${ident(c.id)}${c.type === undefined ? '' : `(${type(c.type)})`},`));
        return;
      case 'record':
        this.block(indent, `record ${ident(d.id)}`, d.fields, (f, at) => member(f, at, `${ident(f.id)}: ${type(f.type)},`));
        return;
      case 'flags':
        this.block(indent, `flags ${ident(d.id)}`, d.flags, (f, at) => member(f, at, `${ident(f.id)},`));
        return;
      case 'enum':
        this.block(indent, `enum ${ident(d.id)}`, d.cases, (c, at) => member(c, at, `${ident(c.id)},`));
        return;
      case 'type-alias':
        this.line(indent, `type ${ident(d.id)} = ${d.value.kind === 'func' ? func(d.value.func) : type(d.value.type)};`);
        return;
      default: unreachable(d, 'type declaration');
    }
  }
}
