import { describe, expect, it } from 'vitest';
import { binaryFacts } from './wasm-config.js';
import { exportingLast, listOf, pairOf, typeChain } from '../../../test/support/limit-inputs.js';

describe('binaryFacts', () => {
  it('packages a component whose types have no WIT, or are past the limits, without a world', () => {
    expect(binaryFacts(exportingLast(typeChain(1, listOf)))).toEqual({ kind: 'component', annotations: {} });
    expect(binaryFacts(exportingLast(typeChain(40, pairOf)))).toEqual({ kind: 'component', annotations: {} });
  });
});
