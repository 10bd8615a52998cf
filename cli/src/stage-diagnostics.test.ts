import { BuildError } from '@weld/build';
import { BinaryError, ComponentTypeError, WitDecodeError } from '@weld/component';
import { HostError } from '@weld/host';
import { OciError } from '@weld/oci';
import { diagnostic } from '@weld/wit';
import { describe, expect, it } from 'vitest';

// Every stage's error class reports itself as one Diagnostic, so the edge renders them all alike.
describe('toDiagnostic of each stage', () => {
  it('points a binary error at its byte offset, and a type error at one when known', () => {
    expect(new BinaryError('invalid-leb', 'invalid LEB128 at 0x1f', 0x1f).toDiagnostic()).toEqual(
      diagnostic('invalid LEB128 at 0x1f', { kind: 'binary', offset: 0x1f }),
    );
    expect(new ComponentTypeError('wrong-sort', 'not a type', 12).toDiagnostic().location).toEqual({ kind: 'binary', offset: 12 });
    expect(new ComponentTypeError('wrong-sort', 'not a type').toDiagnostic().location).toBeUndefined();
  });

  it('gives the errors of no one place their message, with details as notes', () => {
    expect(new WitDecodeError('cannot print').toDiagnostic()).toEqual(diagnostic('cannot print', undefined));
    expect(new OciError('not-found', "'r/x:1' not found", 404).toDiagnostic()).toEqual(diagnostic("'r/x:1' not found", undefined));
    expect(new HostError('refused', 'not granted', ['wasi:sockets/tcp: --allow-net']).toDiagnostic()).toEqual(
      diagnostic('not granted', undefined, { notes: ['wasi:sockets/tcp: --allow-net'] }),
    );
    const missing = BuildError.missingToolchain({ tool: 'go', install: 'apt-get install golang' });
    expect(missing.toDiagnostic()).toEqual(diagnostic('go: not found; install it with:', undefined, { notes: ['apt-get install golang'] }));
  });
});
