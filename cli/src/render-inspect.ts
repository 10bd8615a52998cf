/** `weld inspect` for people: the world, the tree of contents, the custom sections. */
import type { ComponentNode, InspectReport, PackageGroup, ProducerField } from '@weld/component';

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
    lines.push(`WIT package ${pkg.name.namespace}:${pkg.name.name}${pkg.name.version ? `@${pkg.name.version}` : ''}`);
    lines.push(`  interfaces: ${[...pkg.interfaces.keys()].join(', ') || 'none'}`);
    lines.push(`  worlds: ${[...pkg.worlds.keys()].join(', ') || 'none'}`);
  }
  lines.push('', 'contents', nodeLine(report.tree));
  tree(report.tree, '', lines);
  lines.push('', 'custom sections');
  if (report.tree.customSections.length === 0) lines.push('  none');
  for (const c of report.tree.customSections) lines.push(`  ${c.name}  ${formatSize(c.size)}`);
  return `${lines.join('\n')}\n`;
}
