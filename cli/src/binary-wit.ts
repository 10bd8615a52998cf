/**
 * The WIT a binary describes, read one way for every command: a component's
 * own world, a WIT package's package, or the world that the
 * `component-type*` custom sections of a core module embed (as `wasm-tools
 * component embed` leaves them). `weld inspect --wit` prints it and
 * `weld types` generates from it.
 */
import { BinaryError, ComponentTypeError, inspectBinary, type DecodedWit, type InspectReport } from '@weld/component';
import { InputError } from './report-error.js';

/** `inspectBinary` of `bytes`, its errors as one line naming `source`. */
export function inspectBytes(source: string, bytes: Uint8Array): InspectReport {
  try {
    return inspectBinary(bytes);
  } catch (error) {
    if (error instanceof BinaryError || error instanceof ComponentTypeError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

/** The WIT of an inspected binary; throws an InputError naming `source` when it has none. */
export function reportWit(source: string, report: InspectReport): DecodedWit {
  if (report.wit === undefined) {
    throw new InputError(
      `${source}: a core module without \`component-type*\` custom sections has no world; give a component, or embed a world with \`wasm-tools component embed\``,
    );
  }
  if (report.wit.kind === 'error') throw new InputError(`${source}: its types cannot be written as WIT: ${report.wit.message}`);
  return report.wit;
}
