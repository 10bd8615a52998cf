/** Reading a configuration never prints: yaml's own warnings stay silent, and the problem is a located ComposeError. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComposeError, parseComposeConfig } from '@weld/compose';

describe('parseComposeConfig', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['a flow map as a key', '{ components: x }: 1\ncomponents:\n  a: b.wasm\n'],
    ['a sequence as a key', '? [a, b]\n: 1\n'],
  ])('refuses %s without a warning on stderr', async (_, text) => {
    const warnings = vi.spyOn(process, 'emitWarning');
    const error = await parseComposeConfig(text, 'weld.compose.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).message).toMatch(/^weld\.compose\.yaml:1:1: unknown key /);
    expect(warnings).not.toHaveBeenCalled();
  });
});
