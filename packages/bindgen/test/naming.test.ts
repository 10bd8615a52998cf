import { describe, expect, it } from 'vitest';
import { camelCase, pascalCase } from '@weld/bindgen';

describe('names', () => {
  it('turns kebab-case into camelCase and PascalCase as jco does', () => {
    expect(camelCase('get-stdout')).toBe('getStdout');
    expect(camelCase('blocking-write-and-flush')).toBe('blockingWriteAndFlush');
    expect(pascalCase('calc-error')).toBe('CalcError');
    expect(pascalCase('ipv4-socket-address')).toBe('Ipv4SocketAddress');
    expect(camelCase('get-HTTP-body')).toBe('getHttpBody');
    expect(camelCase('%export')).toBe('export');
  });
});
