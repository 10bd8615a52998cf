/**
 * `weld inspect --graph dot|mermaid`: the composition a `weld-composition`
 * section records, drawn. Nodes are the instances and the result's imports
 * and exports; edges are the bindings, labelled with the import they fill,
 * and the exports, labelled with the export of the instance they come from.
 */
import { compositionSource, type CompositionRecord } from '@weld/component';
import { unreachable } from '@weld/wit';

/** The formats `--graph` draws. */
export const graphFormats = ['dot', 'mermaid'] as const;
/** One of {@link graphFormats}. */
export type GraphFormat = (typeof graphFormats)[number];

interface GraphNode {
  readonly id: string;
  readonly kind: 'instance' | 'import' | 'export';
  readonly lines: readonly string[];
}

interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** The nodes and edges of a record, with ids safe in both formats. */
function graphOf(record: CompositionRecord): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const instanceIds = new Map<string, string>();
  record.instances.forEach((inst, i) => {
    const id = `i${i}`;
    instanceIds.set(inst.label, id);
    nodes.push({ id, kind: 'instance', lines: inst.label === inst.component ? [inst.label] : [inst.label, inst.component] });
  });
  const importIds = new Map<string, string>();
  const importNode = (name: string): string => {
    let id = importIds.get(name);
    if (id === undefined) {
      id = `import${importIds.size}`;
      importIds.set(name, id);
      nodes.push({ id, kind: 'import', lines: [`import ${name}`] });
    }
    return id;
  };
  const edges: GraphEdge[] = [];
  const sourceNode = (from: string): string | undefined => {
    const source = compositionSource(record, from);
    if (source === undefined) return undefined;
    return source.kind === 'import' ? importNode(source.name) : instanceIds.get(source.instance);
  };
  for (const b of record.bindings) {
    const from = sourceNode(b.from);
    const to = instanceIds.get(b.instance);
    if (from !== undefined && to !== undefined) edges.push({ from, to, label: b.import });
  }
  (record.exports ?? []).forEach((e, i) => {
    const id = `export${i}`;
    nodes.push({ id, kind: 'export', lines: [`export ${e.name}`] });
    const from = sourceNode(e.from);
    const source = compositionSource(record, e.from);
    if (from !== undefined) edges.push({ from, to: id, label: source?.name ?? e.name });
  });
  return { nodes, edges };
}

const dotText = (text: string): string => text.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
const dotString = (text: string): string => `"${dotText(text)}"`;
const mermaidString = (text: string): string => `"${text.replaceAll('"', '#quot;')}"`;

/** The composition as Graphviz DOT. */
function toDot(record: CompositionRecord): string {
  const { nodes, edges } = graphOf(record);
  const lines = ['digraph composition {', '  rankdir=LR;', '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const n of nodes) {
    const shape = n.kind === 'instance' ? 'box' : n.kind === 'import' ? 'cds' : 'doubleoctagon';
    lines.push(`  ${n.id} [shape=${shape}, label="${n.lines.map(dotText).join('\\n')}"];`);
  }
  for (const e of edges) lines.push(`  ${e.from} -> ${e.to} [label=${dotString(e.label)}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The composition as a Mermaid flowchart. */
function toMermaid(record: CompositionRecord): string {
  const { nodes, edges } = graphOf(record);
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const text = mermaidString(n.lines.join('<br/>'));
    lines.push(`  ${n.id}${n.kind === 'instance' ? `[${text}]` : `([${text}])`}`);
  }
  for (const e of edges) lines.push(`  ${e.from} -->|${mermaidString(e.label)}| ${e.to}`);
  return `${lines.join('\n')}\n`;
}

/** Draws `record` in `format`. */
export function renderGraph(record: CompositionRecord, format: GraphFormat): string {
  switch (format) {
    case 'dot':
      return toDot(record);
    case 'mermaid':
      return toMermaid(record);
    default:
      return unreachable(format, 'graph format');
  }
}
