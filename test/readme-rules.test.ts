/** The rules the README test compares examples by (test/support/readme.ts). */
import { describe, expect, it } from 'vitest';
import { containsJson, fileExcerpts, matchesShown, normalise, readmeBlocks, transcriptSteps } from './support/readme.js';

describe('README comparison rules', () => {
  it('fails when a line of the output changes', () => {
    const shown = ['plugged: app ← calc', 'imports left for the host: 19'];
    expect(matchesShown(shown, ['plugged: app ← calc', 'imports left for the host: 19'])).toBe(true);
    expect(matchesShown(shown, ['plugged: app ← calc', 'imports left for the host: 18'])).toBe(false);
    expect(matchesShown(shown, ['plugged: app ← calc'])).toBe(false);
    expect(matchesShown(shown, [...shown, 'one more line'])).toBe(false);
  });

  it('lets … stand for lines or text, and nothing else', () => {
    expect(matchesShown(['a', '…', 'z'], ['a', 'b', 'c', 'z'])).toBe(true);
    expect(matchesShown(['a', '…', 'z'], ['a', 'z'])).toBe(true);
    expect(matchesShown(['a', '  …'], ['a', 'b'])).toBe(true);
    expect(matchesShown(['imports x, …'], ['imports x, y, z'])).toBe(true);
    expect(matchesShown(['imports x, …'], ['exports x, y'])).toBe(false);
    expect(matchesShown(['a', '…', 'z'], ['a', 'b', 'y'])).toBe(false);
  });

  it('ignores digests, ports, sizes and times only', () => {
    expect(normalise('sha256:' + 'a'.repeat(64) + ' 127.0.0.1:40213 142.7 KiB in 0.23 s')).toBe('sha256:<digest> 127.0.0.1:<port> <size> in <time>');
    expect(matchesShown(['blobs: 2 uploaded (143.2 KiB)'], ['blobs: 2 uploaded (150.0 KiB)'])).toBe(true);
    expect(matchesShown(['blobs: 2 uploaded (143.2 KiB)'], ['blobs: 3 uploaded (143.2 KiB)'])).toBe(false);
  });

  it('reads transcripts, directives and file excerpts', () => {
    const markdown = [
      '<!-- readme-test: setup touch x -->',
      '```console',
      '$ weld compose a.wasm \\',
      '    --plug b.wasm',
      'out',
      '$ echo $?',
      '0',
      '```',
      '',
      '<!-- readme-test: write demo.compose.yaml -->',
      '```yaml',
      'components: {}',
      '```',
      '',
      '<!-- readme-test: files of `weld types wit -o t` -->',
      '```ts',
      '// t/app.d.ts (excerpt)',
      'declare module x {}',
      '```',
    ].join('\n');
    const [transcript, written, files] = readmeBlocks(markdown);
    expect(written?.directives).toEqual([{ kind: 'write', path: 'demo.compose.yaml' }]);
    expect(written?.lines).toEqual(['components: {}']);
    expect(transcript?.directives).toEqual([{ kind: 'setup', command: 'touch x' }]);
    expect(transcriptSteps(transcript!)).toEqual([
      { command: 'weld compose a.wasm \\\n    --plug b.wasm', expected: ['out'] },
      { command: 'echo $?', expected: ['0'] },
    ]);
    expect(files?.directives).toEqual([{ kind: 'files-of', command: 'weld types wit -o t' }]);
    expect(fileExcerpts(files!)).toEqual([{ path: 't/app.d.ts', lines: ['declare module x {}'] }]);
  });

  it('finds a JSON excerpt anywhere in the output', () => {
    const output = { packages: [{ name: 'a', worlds: { w: 1 } }], types: [{ name: 't' }] };
    expect(containsJson(output, { name: 'a', worlds: { w: 1 } })).toBe(true);
    expect(containsJson(output, { name: 'a', worlds: { w: 2 } })).toBe(false);
  });
});
