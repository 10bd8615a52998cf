import { describe, expect, it } from 'vitest';
import { parseFeatures } from '../wit-options.js';

describe('parseFeatures', () => {
  it('splits on commas and whitespace and drops empty names, like wasm-tools', () => {
    expect(parseFeatures(['a,b', 'c  d', ',e,,', ''])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
