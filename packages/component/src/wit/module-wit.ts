/**
 * The WIT a core module carries in `component-type*` custom sections (as
 * `wasm-tools component embed` or a bindings generator put them there): each
 * section is a world encoded as a component; they are decoded and merged
 * into world `root` of package `root:root`. A port of wit-component's
 * `metadata::decode`, as `wasm-tools component wit core.wasm` uses it.
 */
import { emptyResolve, mergeResolve, mergeWorlds, WitError } from '@weld/wit';
import type { Resolve, WorldEntry, WorldId } from '@weld/wit';
import { BinaryReader } from '../binary/reader.js';
import { decodeComponent } from '../decode/component.js';
import { readCoreModule } from '../decode/core-module.js';
import type { CustomSection } from '../model/index.js';
import { componentTypes } from '../types/build.js';
import type { DecodedWit } from './decode-wit.js';
import { decodeWit } from './decode-wit.js';
import { WitDecodeError } from './errors.js';
import { componentWit, externsOf } from './from-binary.js';

/** The `wit-component-encoding` version of the current `component-type` format. */
const currentVersion = 0x04;
/** The first byte of the historical format: encoding, world name, then WIT packages. */
const legacyVersion = 0x03;

/** A world decoded from one `component-type` section. */
interface SectionWorld {
  readonly resolve: Resolve;
  readonly world: WorldId;
  /** The string encoding byte of the section: 0 UTF-8, 1 UTF-16, 2 compact UTF-16. */
  readonly encoding: number;
}

/** `EncodingMap`: the string encoding of each imported or exported function, keyed `item/func` without versions. */
type Encodings = Map<string, number>;

function encodingsOf(resolve: Resolve, entries: Iterable<WorldEntry>, encoding: number): Encodings {
  const out: Encodings = new Map();
  for (const { key, item } of entries) {
    let scope: string;
    if (key.kind === 'name') scope = key.name;
    else {
      const iface = resolve.interfaces[key.id]!;
      const pkg = resolve.packages[iface.package!]!.name;
      scope = `${pkg.namespace}:${pkg.name}/${iface.name!}`;
    }
    if (item.kind === 'function') out.set(`${scope}/${item.function.name}`, encoding);
    else if (item.kind === 'interface') for (const name of resolve.interfaces[item.id]!.functions.keys()) out.set(`${scope}/${name}`, encoding);
  }
  return out;
}

function mergeEncodings(into: Encodings, from: Encodings): void {
  for (const [key, encoding] of from) {
    const prev = into.get(key);
    into.set(key, encoding);
    if (prev !== undefined && prev !== encoding) throw new WitDecodeError(`conflicting string encodings specified for \`${key}\``);
  }
}

/** Whether core module custom sections include WIT (`component-type*` sections). */
export function hasComponentType(customs: readonly CustomSection[]): boolean {
  return customs.some((c) => c.name.startsWith('component-type'));
}

/**
 * The world of core module `bytes`: its `component-type*` sections merged,
 * in order, into world `root:root/root`. Throws {@link WitDecodeError} when
 * the module has no such section or one does not decode, `WitError` when
 * two sections disagree, and `BinaryError` for malformed bytes.
 */
export function moduleWit(bytes: Uint8Array): DecodedWit & { readonly kind: 'component' } {
  return moduleWitOf(readCoreModule(bytes).customs);
}

/** {@link moduleWit} from the custom sections of an already read core module. */
export function moduleWitOf(customs: readonly CustomSection[]): DecodedWit & { readonly kind: 'component' } {
  const sections = customs.filter((c) => c.name.startsWith('component-type'));
  if (sections.length === 0) {
    throw new WitDecodeError(
      'input is a core wasm module with no `component-type*` custom sections meaning that there is not WIT information; '
        + 'is the information not embedded or is this supposed to be a component?',
    );
  }
  const resolve = emptyResolve();
  resolve.packages.push({
    name: { namespace: 'root', name: 'root', version: undefined }, docs: undefined, interfaces: new Map(), worlds: new Map([['root', 0]]),
  });
  resolve.packageNames.set('root:root', 0);
  resolve.worlds.push({
    name: 'root', imports: new Map(), exports: new Map(), package: 0, docs: undefined, stability: { kind: 'unknown' },
    includes: [], span: { start: -1, end: -1 },
  });
  const root = 0;
  const importEncodings: Encodings = new Map();
  const exportEncodings: Encodings = new Map();
  for (const section of sections) {
    const data = section.kind === 'component-type' || section.kind === 'unknown' ? section.data : undefined;
    if (data === undefined) throw new WitDecodeError(`custom section ${section.name} is not a component type`);
    let decoded: SectionWorld;
    try {
      decoded = sectionWorld(data);
    } catch (error) {
      throw withContext(error, `decoding custom section ${section.name}`);
    }
    const own = decoded.resolve.worlds[decoded.world]!;
    const imports = encodingsOf(decoded.resolve, own.imports.values(), decoded.encoding);
    const exports = encodingsOf(decoded.resolve, own.exports.values(), decoded.encoding);
    try {
      let world: WorldId;
      try {
        world = mergeResolve(resolve, decoded.resolve).worlds[decoded.world]!;
      } catch (error) {
        throw withContext(error, 'failed to merge WIT package sets together');
      }
      try {
        mergeWorlds(resolve, world, root);
      } catch (error) {
        throw withContext(error, 'failed to merge worlds from two documents');
      }
      mergeEncodings(importEncodings, imports);
      mergeEncodings(exportEncodings, exports);
    } catch (error) {
      throw withContext(error, `updating metadata for section ${section.name}`);
    }
  }
  return { kind: 'component', resolve, world: root, package: 0 };
}

function withContext(error: unknown, context: string): unknown {
  if (error instanceof WitDecodeError) return new WitDecodeError(`${context}: ${error.message}`);
  if (error instanceof WitError) return new WitError(error.kind, `${context}: ${error.message}`, error.span);
  return error;
}

/** Decodes the world one `component-type` section describes. */
function sectionWorld(data: Uint8Array): SectionWorld {
  if (data[0] === legacyVersion) return legacySectionWorld(data);
  const component = decodeComponent(data);
  const customs = component.sections.flatMap((s) => (s.kind === 'custom' ? [s.custom] : []));
  const encoding = customs.find((c) => c.name === 'wit-component-encoding');
  if (encoding === undefined) throw new WitDecodeError('missing custom section of name `wit-component-encoding`');
  if (encoding.kind !== 'wit-component-encoding') throw new WitDecodeError('custom section `wit-component-encoding` in unknown format');
  if (encoding.version !== currentVersion) {
    throw new WitDecodeError(`custom section \`wit-component-encoding\` uses format ${encoding.version} but only ${currentVersion} is supported`);
  }
  checkStringEncoding(encoding.encoding);

  // `decode_world`: one exported, un-ascribed component type whose one export is the world.
  const types = componentTypes(component);
  const externs = externsOf(component, types).filter((e) => e.kind === 'export');
  if (externs.length !== 1) throw new WitDecodeError('expected one export in component');
  const [only] = externs;
  if (only!.item.type.kind !== 'type') throw new WitDecodeError('expected an export of a type');
  if (types.arena.ids[only!.item.type.created]!.info.kind !== 'component') throw new WitDecodeError('expected an exported component type');
  const decoded = decodeWit(types.arena, externs);
  if (decoded.kind !== 'package') throw new WitDecodeError('expected an exported component type');
  const world = decoded.resolve.packages[decoded.package]!.worlds.values().next().value;
  if (world === undefined) throw new WitDecodeError('expected the exported component type to be a world');
  return { resolve: decoded.resolve, world, encoding: encoding.encoding };
}

function checkStringEncoding(byte: number): void {
  if (byte > 0x02) throw new WitDecodeError(`invalid string encoding 0x${byte.toString(16)}`);
}

/** The historical `0x03` format: a string encoding, a world name, then WIT packages encoded as a component. */
function legacySectionWorld(data: Uint8Array): SectionWorld {
  const r = new BinaryReader(data);
  r.u8('a component-type version');
  const encoding = r.u8('a string encoding');
  checkStringEncoding(encoding);
  const worldName = r.name('a world name');
  const decoded = componentWit(decodeComponent(r.rest()));
  if (decoded.kind !== 'package') throw new WitDecodeError('expected encoded wit package(s)');
  const pkg = decoded.resolve.packages[decoded.package]!;
  const world = pkg.worlds.get(worldName);
  if (world === undefined) {
    throw new WitDecodeError(`world \`${worldName}\` not found in package \`${pkg.name.namespace}:${pkg.name.name}\``);
  }
  return { resolve: decoded.resolve, world, encoding };
}
