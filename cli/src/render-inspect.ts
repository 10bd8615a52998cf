/** `weld inspect` for people: the world, the tree of contents, the custom sections. */
import { compositionSource, type ComponentNode, type CompositionProvenance, type InspectReport, type PackageGroup, type ProducerField } from '@weld/component';
import { packageNameString } from '@weld/wit';

/** Sizes the way people read them: bytes, then KiB and MiB with one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function producers(fields: readonly ProducerField[]): string {
  return fields
    .map((f) => `${f.name}: ${f.values.map((v) => (v.version === '' ? v.name : `${v.name} ${v.version}`)).join(', ')}`)
    .join('; ');
}

function groups(title: string, list: readonly PackageGroup[]): string[] {
  if (list.length === 0) return [`  ${title}: none`];
  const lines = [`  ${title}`];
  for (const g of list) {
    if (g.package === undefined) {
      for (const item of g.items) lines.push(`    ${item.name} (${item.kind})`);
    } else {
      lines.push(`    ${g.package}: ${g.items.map((i) => i.name).join(', ')}`);
    }
  }
  return lines;
}

function nodeLine(node: ComponentNode): string {
  const name = node.name === undefined ? '' : ` ${node.name}`;
  const made = node.producers.length === 0 ? '' : `  (${producers(node.producers)})`;
  return `${node.kind}${name}  ${formatSize(node.size)}${made}`;
}

function tree(node: ComponentNode, prefix: string, lines: string[]): void {
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${nodeLine(child)}`);
    tree(child, `${prefix}${last ? '   ' : '│  '}`, lines);
  });
}

/** Renders a report as text. */
export function renderInspect(file: string, report: InspectReport): string {
  const lines: string[] = [`${report.kind} ${file} (${formatSize(report.size)})`, ''];
  if (report.kind === 'module') {
    const node = report.tree;
    if (report.wit?.kind === 'error') lines.push(`embedded world: cannot be written as WIT (${report.wit.message})`, '');
    if (report.world) {
      lines.push(`embedded world ${report.world.name}`, ...groups('imports', report.world.imports), ...groups('exports', report.world.exports), '');
    }
    lines.push('imports');
    // Quoted as in WAT: module names may contain `/` and `|`.
    for (const i of node.coreImports ?? []) lines.push(`  ${JSON.stringify(i.module)} ${JSON.stringify(i.name)}`);
    lines.push('exports');
    for (const e of node.coreExports ?? []) lines.push(`  ${JSON.stringify(e)}`);
  } else if (report.wit.kind === 'error') {
    lines.push(`world: cannot be written as WIT (${report.wit.message})`);
  } else if (report.world) {
    lines.push(`world ${report.world.name}`, ...groups('imports', report.world.imports), ...groups('exports', report.world.exports));
  } else {
    const pkg = report.wit.resolve.packages[report.wit.package]!;
    lines.push(`WIT package ${packageNameString(pkg.name)}`);
    lines.push(`  interfaces: ${[...pkg.interfaces.keys()].join(', ') || 'none'}`);
    lines.push(`  worlds: ${[...pkg.worlds.keys()].join(', ') || 'none'}`);
  }
  lines.push('', 'contents', nodeLine(report.tree));
  tree(report.tree, '', lines);
  lines.push('', 'custom sections');
  if (report.tree.customSections.length === 0) lines.push('  none');
  for (const c of report.tree.customSections) lines.push(`  ${c.name}  ${formatSize(c.size)}`);
  if (report.kind === 'component' && report.composition !== undefined) lines.push('', ...compositionLines(report.composition));
  return `${lines.join('\n')}\n`;
}

/** A line of a tree, with lines under it. */
interface TreeItem {
  readonly text: string;
  readonly children?: readonly TreeItem[];
}

function treeLines(items: readonly TreeItem[], prefix: string, lines: string[]): void {
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    lines.push(`${prefix}${last ? '└─ ' : '├─ '}${item.text}`);
    if (item.children) treeLines(item.children, `${prefix}${last ? '   ' : '│  '}`, lines);
  });
}

/** `ns:pkg/iface@1.0.0` → `ns:pkg@1.0.0` and `iface`; other names have no package. */
function splitInterface(name: string): { readonly pkg: string | undefined; readonly item: string } {
  const m = /^([^:/@]+:[^:/@]+)\/([^@]+)(?:@(.+))?$/u.exec(name);
  if (!m) return { pkg: undefined, item: name };
  return { pkg: m[3] === undefined ? m[1]! : `${m[1]!}@${m[3]}`, item: m[2]! };
}

/**
 * The `weld-composition` record as a tree: the result, its instances in
 * instantiation order with what fills each import (another instance's
 * export; the imports passed through from the host grouped by package),
 * and its exports.
 */
function compositionLines(provenance: CompositionProvenance): string[] {
  if (provenance.kind === 'error') return [`composition: the weld-composition section cannot be read (${provenance.message})`];
  const { record } = provenance;
  const lines = ['composition (weld compose)', '  components'];
  for (const c of record.components) {
    const made = c.producers.length === 0 ? '' : `  (${producers(c.producers)})`;
    lines.push(`    ${c.name}  ${formatSize(c.size)}  sha256:${c.sha256.slice(0, 16)}…${made}`);
  }
  lines.push('  result');
  const items: TreeItem[] = record.instances.map((inst) => {
    const children: TreeItem[] = [];
    const fromHost = new Map<string | undefined, string[]>();
    for (const b of record.bindings.filter((x) => x.instance === inst.label)) {
      const source = compositionSource(record, b.from);
      if (source?.kind === 'import' && source.name === b.import) {
        const { pkg, item } = splitInterface(b.import);
        fromHost.set(pkg, [...(fromHost.get(pkg) ?? []), item]);
      } else {
        children.push({ text: `${b.import} ← ${b.from}` });
      }
    }
    if (fromHost.size > 0) {
      const groups = [...fromHost].map(([pkg, names]) => ({ text: pkg === undefined ? names.join(', ') : `${pkg}: ${names.join(', ')}` }));
      children.push({ text: 'from the imports of the result', children: groups });
    }
    if (children.length === 0) children.push({ text: '(no imports)' });
    return { text: inst.label === inst.component ? inst.label : `${inst.label}  (${inst.component})`, children };
  });
  if (record.exports !== undefined) {
    items.push({ text: 'exports', children: record.exports.map((e) => ({ text: `${e.name} ← ${e.from}` })) });
  }
  treeLines(items, '  ', lines);
  return lines;
}
