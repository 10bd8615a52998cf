import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError, bundleWit } from '@weld/build';
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

  it('points a build error about WIT at the line of the WIT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weld-diag-'));
    try {
      const file = join(dir, 'app.wit');
      writeFileSync(file, 'package a:b;\nworld w { import nope; }\n');
      const error = await bundleWit(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect((error as BuildError).toDiagnostic().location).toMatchObject({ kind: 'span', path: file, start: 30, end: 34, resolved: { line: 2, column: 18 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
