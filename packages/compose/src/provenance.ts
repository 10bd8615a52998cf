/**
 * Provenance: the `weld-composition` custom section a composed component
 * carries (its shape and reader are in `@weld/component`, which `weld
 * inspect` uses): the embedded components with their sha256, size and
 * producers, the instances, which export fills which import, and where the
 * result's exports come from.
 */
import { BinaryWriter, compositionSectionName, type CompositionRecord } from '@weld/component';
import type { Composition, Source } from './api.js';

/** The provenance record of a composition. */
export function provenanceOf(composition: Composition): CompositionRecord {
  const { graph } = composition;
  const from = (source: Source): string =>
    source.kind === 'import'
      ? `import ${graph.imports[source.import]!.name}`
      : `${graph.instances[source.instance]!.label}.${source.name}`;
  return {
    version: 1,
    components: graph.defs.filter((d) => d.typeOnly !== true).map((d) => ({ name: d.name, sha256: d.sha256, size: d.bytes.length, producers: d.producers })),
    instances: graph.instances.map((i) => ({ label: i.label, component: graph.defs[i.def]!.name })),
    bindings: composition.bindings.map((b) => ({ instance: b.instance, import: b.import, from: b.from })),
    exports: graph.exports.map((e) => ({ name: e.name, from: from(e.source) })),
  };
}

/**
 * `bytes` (an encoded component) with a `weld-composition` custom section
 * appended: id 0, size, name, the record as JSON. A custom section may
 * come anywhere in a component, so appending one keeps it valid.
 */
export function withProvenance(bytes: Uint8Array, composition: Composition): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(provenanceOf(composition)));
  const section = new BinaryWriter()
    .u8(0)
    .nested((w) => w.name(compositionSectionName).bytes(json))
    .finish();
  const out = new Uint8Array(bytes.length + section.length);
  out.set(bytes, 0);
  out.set(section, bytes.length);
  return out;
}
