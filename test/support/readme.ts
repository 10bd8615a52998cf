/**
 * The README's examples as data, and the rule that compares what they show
 * with what the commands print.
 *
 * A fenced block whose first line starts with `$ ` is a transcript: each
 * `$ COMMAND` (continued on the next line after a trailing `\`) is followed
 * by what it prints. Any other block is checked only when an HTML comment
 * right above it says how, in the form `<!-- readme-test: DIRECTIVE -->`:
 *
 *   output of COMMAND        the block is what COMMAND prints
 *   json excerpt of COMMAND  the block is a JSON value found somewhere in
 *                            the JSON COMMAND prints
 *   files of COMMAND         the block holds excerpts of files COMMAND
 *                            writes, each after a `// PATH` line
 *   setup COMMAND            runs COMMAND first, unseen (may be repeated)
 *   write PATH               the block is a file the examples after it use:
 *                            it is written to PATH
 *   skip REASON              not run (the reason is required)
 *
 * In expected text `…` stands for anything within a line, and a line that
 * is only `…` (or `// …`, `%% …`) for any number of lines.
 */

/** One fenced block of the README. */
export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  readonly lines: readonly string[];
  readonly directives: readonly Directive[];
}

/** A `<!-- readme-test: … -->` line above a block. */
export type Directive =
  | { readonly kind: 'output-of'; readonly command: string }
  | { readonly kind: 'json-excerpt-of'; readonly command: string }
  | { readonly kind: 'files-of'; readonly command: string }
  | { readonly kind: 'setup'; readonly command: string }
  | { readonly kind: 'write'; readonly path: string }
  | { readonly kind: 'skip'; readonly reason: string };

/** A `$ COMMAND` of a transcript with what it is shown to print. */
export interface TranscriptStep {
  readonly command: string;
  readonly expected: readonly string[];
}

const directivePattern = /^<!--\s*readme-test:\s*(output of|json excerpt of|files of|setup|write|skip)\s+(.+?)\s*-->$/;

function parseDirective(text: string, line: number): Directive {
  const match = directivePattern.exec(text.trim());
  if (match === null) throw new Error(`README.md:${line}: unreadable readme-test directive: ${text.trim()}`);
  const [, verb, rest = ''] = match;
  const command = rest.replace(/^`(.*)`$/, '$1');
  switch (verb) {
    case 'output of':
      return { kind: 'output-of', command };
    case 'json excerpt of':
      return { kind: 'json-excerpt-of', command };
    case 'files of':
      return { kind: 'files-of', command };
    case 'setup':
      return { kind: 'setup', command };
    case 'write':
      return { kind: 'write', path: command };
    default:
      return { kind: 'skip', reason: rest };
  }
}

/** The fenced blocks of a Markdown text with the directives written right above each. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let pending: Directive[] = [];
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (text.trimStart().startsWith('<!-- readme-test:')) {
      pending.push(parseDirective(text, index + 1));
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(text);
    if (fence === null) {
      if (text.trim() !== '' && !text.trimStart().startsWith('<!--')) pending = [];
      continue;
    }
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !/^```\s*$/.test(lines[index] ?? ''); index++) body.push(lines[index] ?? '');
    blocks.push({ line: start + 1, lang: fence[1] ?? '', lines: body, directives: pending });
    pending = [];
  }
  return blocks;
}

/** Whether a block is a transcript of commands and what they print. */
export const isTranscript = (block: ReadmeBlock): boolean => block.lines[0]?.startsWith('$ ') === true;

/** The steps of a transcript block. */
export function transcriptSteps(block: ReadmeBlock): TranscriptStep[] {
  const steps: { command: string; expected: string[] }[] = [];
  for (let index = 0; index < block.lines.length; index++) {
    const text = block.lines[index] ?? '';
    if (!text.startsWith('$ ')) {
      steps.at(-1)?.expected.push(text);
      continue;
    }
    let command = text.slice(2);
    while (command.endsWith('\\') && index + 1 < block.lines.length) {
      index++;
      command = `${command}\n${block.lines[index] ?? ''}`;
    }
    steps.push({ command, expected: [] });
  }
  return steps;
}

/**
 * Replaces what legitimately differs from run to run or machine to machine:
 * digests, ports, durations and sizes. Applied to both sides.
 */
export function normalise(text: string): string {
  return text
    .replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>')
    .replace(/sha256:[0-9a-f]{6,63}…/g, 'sha256:<digest>…')
    .replace(/\b(127\.0\.0\.1|localhost):\d{2,5}\b/g, '$1:<port>')
    .replace(/\b\d+(\.\d+)?\s?(B|KiB|MiB|GiB|kB|MB)\b/g, '<size>')
    .replace(/\b\d+(\.\d+)?\s?(ms|s)\b/g, '<time>');
}

const elision = /^\s*(\/\/\s*|%%\s*|#\s*)?…\s*$/;

function lineMatcher(expected: string): (actual: string) => boolean {
  if (!expected.includes('…')) return (actual) => actual === expected;
  const source = expected
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const pattern = new RegExp(`^${source}$`);
  return (actual) => pattern.test(actual);
}

/**
 * Whether `actual` lines are what `expected` shows, after normalising both:
 * an elision line matches any run of lines and `…` in a line any text.
 * Trailing blank lines do not count. Linear in the product of the two
 * lengths (README blocks are short).
 */
export function matchesShown(expected: readonly string[], actual: readonly string[]): boolean {
  const trim = (lines: readonly string[]): string[] => {
    const out = lines.map((line) => normalise(line.replace(/\s+$/, '')));
    while (out.length > 0 && out.at(-1) === '') out.pop();
    return out;
  };
  const want = trim(expected);
  const got = trim(actual);
  // reachable[j]: the first i expected lines can match the first j actual lines.
  let reachable = new Array<boolean>(got.length + 1).fill(false);
  reachable[0] = true;
  for (const line of want) {
    const next = new Array<boolean>(got.length + 1).fill(false);
    if (elision.test(line)) {
      let any = false;
      for (let j = 0; j <= got.length; j++) {
        any ||= reachable[j] === true;
        next[j] = any;
      }
    } else {
      const matches = lineMatcher(line);
      for (let j = 1; j <= got.length; j++) next[j] = reachable[j - 1] === true && matches(got[j - 1] ?? '');
    }
    reachable = next;
  }
  return reachable[got.length] === true;
}

/** Whether `needle` occurs as a value anywhere inside `haystack` (deep equality). */
export function containsJson(haystack: unknown, needle: unknown): boolean {
  const wanted = JSON.stringify(needle);
  const stack: unknown[] = [haystack];
  while (stack.length > 0) {
    const value = stack.pop();
    if (JSON.stringify(value) === wanted) return true;
    if (typeof value === 'object' && value !== null) {
      for (const child of Object.values(value)) stack.push(child);
    }
  }
  return false;
}

/** The excerpts of a `files of` block: each `// PATH` line starts the lines shown of that file. */
export function fileExcerpts(block: ReadmeBlock): { path: string; lines: string[] }[] {
  const files: { path: string; lines: string[] }[] = [];
  for (const text of block.lines) {
    const header = /^\/\/ (\S+\.\w+)(\s+\(excerpt\))?$/.exec(text);
    if (header !== null) files.push({ path: header[1] ?? '', lines: [] });
    else files.at(-1)?.lines.push(text);
  }
  return files;
}
