/**
 * What a binary says about itself, for the artifact's config and
 * annotations: component or module, its world's imports and exports (via
 * @weld/component), and the wasm-metadata custom sections (`version`,
 * `description`, `licenses`, `source`, `revision`, `authors`, `homepage`)
 * that `wasm-tools metadata add` and the language toolchains write.
 */
import {
  ComponentTypeError, componentWit, decodeComponent, isComponent, readCoreModule, WitDecodeError, type CustomSection,
} from '@weld/component';
import { qualifiedName, type Resolve, type WorldKey } from '@weld/wit';
import { annotation } from './media-types.js';
import type { WasmComponentSummary } from './model.js';

/** What packaging needs to know about a binary. */
export interface BinaryFacts {
  readonly kind: 'component' | 'module';
  /** The world summary; absent for core modules and components whose types do not decode. */
  readonly component?: WasmComponentSummary;
  /** `org.opencontainers.image.*` annotations from the binary's metadata sections. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** The wasm-metadata section that fills each annotation. */
const metadataSections: readonly (readonly [string, string])[] = [
  ['version', annotation.version],
  ['description', annotation.description],
  ['licenses', annotation.licenses],
  ['source', annotation.source],
  ['revision', annotation.revision],
  ['authors', annotation.authors],
  ['homepage', annotation.url],
];

/** Reads what packaging needs from component or core module bytes. Throws `BinaryError` on malformed input. */
export function binaryFacts(bytes: Uint8Array): BinaryFacts {
  if (!isComponent(bytes)) {
    return { kind: 'module', annotations: metadataAnnotations(readCoreModule(bytes).customs) };
  }
  const component = decodeComponent(bytes);
  const customs = component.sections.flatMap((s) => (s.kind === 'custom' ? [s.custom] : []));
  const annotations = metadataAnnotations(customs);
  let summary: WasmComponentSummary | undefined;
  try {
    const wit = componentWit(component);
    if (wit.kind === 'component') summary = worldSummary(wit.resolve, wit.world);
  } catch (error) {
    // A component whose types weld cannot turn into WIT still packages; the config just has no world.
    // Anything else (a stack overflow) is a bug in weld, not a property of the input.
    if (!(error instanceof WitDecodeError || error instanceof ComponentTypeError)) throw error;
    summary = undefined;
  }
  return { kind: 'component', annotations, ...(summary && { component: summary }) };
}

function metadataAnnotations(customs: readonly CustomSection[]): Record<string, string> {
  const out: Record<string, string> = {};
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [section, key] of metadataSections) {
    const found = customs.find((c) => c.kind === 'unknown' && c.name === section);
    if (found === undefined || found.kind !== 'unknown') continue;
    try {
      const text = decoder.decode(found.data).trim();
      if (text !== '') out[key] = text;
    } catch {
      // Not UTF-8: not a wasm-metadata section after all.
    }
  }
  return out;
}

/** How WIT names a world key: `ns:pkg/iface@version` for an interface, else the plain name. */
function keyName(resolve: Resolve, key: WorldKey): string {
  if (key.kind === 'name') return key.name;
  const iface = resolve.interfaces[key.id]!;
  if (iface.package === undefined || iface.name === undefined) return `interface-${key.id}`;
  const pkg = resolve.packages[iface.package]!.name;
  const base = `${pkg.namespace}:${pkg.name}/${iface.name}`;
  return pkg.version === undefined ? base : `${base}@${pkg.version}`;
}

function worldSummary(resolve: Resolve, id: number): WasmComponentSummary {
  const world = resolve.worlds[id]!;
  const names = (entries: Iterable<{ readonly key: WorldKey }>) => [...entries].map((e) => keyName(resolve, e.key));
  const pkg = world.package === undefined ? undefined : resolve.packages[world.package]!.name;
  // Components that do not name their world decode to `root:component/root`: no target then.
  const named = pkg !== undefined && !(pkg.namespace === 'root' && pkg.name === 'component');
  const target = named ? qualifiedName(pkg, world.name) : undefined;
  return { exports: names(world.exports.values()), imports: names(world.imports.values()), ...(target && { target }) };
}
