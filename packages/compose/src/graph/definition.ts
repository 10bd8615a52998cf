/** Loading an input: decode it, compute its types, and note what provenance needs. */
import { BinaryError, ComponentTypeError, componentTypes, decodeComponent, isComponent, sha256Hex } from '@weld/component';
import type { ProducerField } from '@weld/component';
import { ComposeError, type ComponentDef, type ComposeInput } from '../api.js';

/** Decodes `input` into a definition; an input that is not a valid component is `invalid-input`. */
export function loadDefinition(input: ComposeInput): ComponentDef {
  if (!isComponent(input.bytes)) {
    throw new ComposeError('invalid-input', `${input.name} is not a WebAssembly component`);
  }
  try {
    const component = decodeComponent(input.bytes);
    const types = componentTypes(component);
    const producers: ProducerField[] = [];
    for (const section of component.sections) {
      if (section.kind === 'custom' && section.custom.kind === 'producers') for (const field of section.custom.fields) producers.push(field);
    }
    const sha256 = sha256Hex(input.bytes);
    return { name: input.name, bytes: input.bytes, component, types, sha256, producers };
  } catch (e) {
    // Only what the input did wrong is the user's; anything else (a stack overflow) is a bug in weld.
    if (!(e instanceof BinaryError || e instanceof ComponentTypeError)) throw e;
    throw new ComposeError('invalid-input', `cannot read ${input.name}: ${e.message}`);
  }
}
