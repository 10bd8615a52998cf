/**
 * A broken `weld-composition` section is reported, not thrown: bad UTF-8 and
 * text that is no composition record give an error entry with the reason.
 */
import { describe, expect, it } from 'vitest';
import { compositionOf, compositionSectionName, CompositionRecordError, parseCompositionRecord, type Component } from '@weld/component';

function withSection(data: Uint8Array): Component {
  return { version: 0x0d, layer: 1, sections: [{ kind: 'custom', custom: { kind: 'unknown', name: compositionSectionName, data } }] };
}

describe('compositionOf', () => {
  it('reports bad UTF-8, bad JSON and a malformed record as an error entry', () => {
    expect(compositionOf(withSection(Uint8Array.from([0xff, 0xfe])))?.kind).toBe('error');
    const notJson = compositionOf(withSection(new TextEncoder().encode('{')));
    expect(notJson).toEqual({ kind: 'error', message: expect.stringMatching(/^not JSON: /) });
    const wrongVersion = compositionOf(withSection(new TextEncoder().encode('{"version":2}')));
    expect(wrongVersion).toEqual({ kind: 'error', message: 'unknown version 2; this weld reads version 1' });
  });

  it('throws CompositionRecordError from parseCompositionRecord', () => {
    expect(() => parseCompositionRecord('[]')).toThrow(CompositionRecordError);
    expect(() => parseCompositionRecord('{"version":1,"components":{}}')).toThrow('components is not a list');
  });
});
