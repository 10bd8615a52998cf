/**
 * The `weld-composition` custom section: what `weld compose` records about
 * how a component was made (the components it embeds, their instances, which
 * export fills which import, where the result's exports come from). Written
 * by `@weld/compose`; read here, where `weld inspect` finds it. This layer
 * only parses the JSON and checks its shape.
 */
import type { Component, ProducerField } from '../model/index.js';

/** The custom section's name. */
export const compositionSectionName = 'weld-composition';

/** A component embedded in the composition. */
export interface CompositionComponent {
  /** As the user named it: a file name or a configuration's component name. */
  readonly name: string;
  /** Hex sha256 of its bytes. */
  readonly sha256: string;
  /** Its size in bytes. */
  readonly size: number;
  readonly producers: readonly ProducerField[];
}

/** One instance: a label and the name of the component it instantiates. */
export interface CompositionInstance {
  readonly label: string;
  readonly component: string;
}

/** Which export fills which import of an instance. */
export interface CompositionBinding {
  /** The instance label. */
  readonly instance: string;
  /** The instance's import. */
  readonly import: string;
  /** `import NAME` (an import of the result) or `LABEL.EXPORT` (an export of another instance). */
  readonly from: string;
}

/** An export of the result and where it comes from (`LABEL.EXPORT` or `import NAME`). */
export interface CompositionExport {
  readonly name: string;
  readonly from: string;
}

/** The JSON of a `weld-composition` section, version 1. */
export interface CompositionRecord {
  readonly version: 1;
  readonly components: readonly CompositionComponent[];
  readonly instances: readonly CompositionInstance[];
  readonly bindings: readonly CompositionBinding[];
  /** Absent in records that do not list the exports. */
  readonly exports?: readonly CompositionExport[];
}

/** A record, or why the section could not be read. */
export type CompositionProvenance =
  | { readonly kind: 'record'; readonly record: CompositionRecord }
  | { readonly kind: 'error'; readonly message: string };

/** Where a binding's or an export's `from` points: a result import, or an instance's export. */
export type CompositionSource =
  | { readonly kind: 'import'; readonly name: string }
  | { readonly kind: 'instance-export'; readonly instance: string; readonly name: string };

/** A `weld-composition` section that does not hold a composition record. */
export class CompositionRecordError extends Error {
  override readonly name = 'CompositionRecordError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function checkArray(value: unknown, what: string, item: (v: Record<string, unknown>) => boolean): void {
  if (!Array.isArray(value)) throw new CompositionRecordError(`${what} is not a list`);
  value.forEach((v, i) => {
    if (!isObject(v) || !item(v)) throw new CompositionRecordError(`${what}[${i}] is malformed`);
  });
}

const isProducers = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every((f) => isObject(f) && isString(f['name']) && Array.isArray(f['values']) &&
    f['values'].every((p) => isObject(p) && isString(p['name']) && isString(p['version'])));

/** Parses the JSON text of a `weld-composition` section; throws a {@link CompositionRecordError} saying what is wrong. */
export function parseCompositionRecord(text: string): CompositionRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new CompositionRecordError(`not JSON: ${error.message}`);
  }
  if (!isObject(json)) throw new CompositionRecordError('not a JSON object');
  if (json['version'] !== 1) throw new CompositionRecordError(`unknown version ${JSON.stringify(json['version'])}; this weld reads version 1`);
  checkArray(json['components'], 'components', (c) =>
    isString(c['name']) && isString(c['sha256']) && typeof c['size'] === 'number' && isProducers(c['producers']));
  checkArray(json['instances'], 'instances', (i) => isString(i['label']) && isString(i['component']));
  checkArray(json['bindings'], 'bindings', (b) => isString(b['instance']) && isString(b['import']) && isString(b['from']));
  if (json['exports'] !== undefined) checkArray(json['exports'], 'exports', (e) => isString(e['name']) && isString(e['from']));
  return json as unknown as CompositionRecord;
}

/** The provenance in a component's own (top-level) `weld-composition` section; undefined when it has none. */
export function compositionOf(component: Component): CompositionProvenance | undefined {
  for (const section of component.sections) {
    if (section.kind !== 'custom' || section.custom.name !== compositionSectionName) continue;
    if (section.custom.kind !== 'unknown') break;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(section.custom.data);
    } catch (error) {
      // A fatal TextDecoder throws a TypeError on bad UTF-8.
      if (!(error instanceof TypeError)) throw error;
      return { kind: 'error', message: error.message };
    }
    try {
      return { kind: 'record', record: parseCompositionRecord(text) };
    } catch (error) {
      if (!(error instanceof CompositionRecordError)) throw error;
      return { kind: 'error', message: error.message };
    }
  }
  return undefined;
}

/**
 * Reads a binding's or an export's `from`: `import NAME`, or `LABEL.EXPORT`
 * with LABEL the longest instance label of `record` that fits (labels made
 * from file names may contain dots).
 */
export function compositionSource(record: CompositionRecord, from: string): CompositionSource | undefined {
  if (from.startsWith('import ')) return { kind: 'import', name: from.slice('import '.length) };
  let best: string | undefined;
  for (const { label } of record.instances) {
    if (from.startsWith(`${label}.`) && (best === undefined || label.length > best.length)) best = label;
  }
  return best === undefined ? undefined : { kind: 'instance-export', instance: best, name: from.slice(best.length + 1) };
}
