/**
 * The README cannot drift: every example that shows output is run in a
 * scratch copy of the repository, as a newcomer would type it, and what it
 * prints is compared with what the README shows (test/support/readme.ts has
 * the rules). A registry on loopback stands in for the README's
 * `127.0.0.1:5051`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './support.js';
import { startDistribution, type TestRegistry } from './support/registry.js';
import {
  containsJson,
  fileExcerpts,
  isTranscript,
  matchesShown,
  readmeBlocks,
  transcriptSteps,
  type Directive,
  type ReadmeBlock,
} from './support/readme.js';

const readmeHost = '127.0.0.1:5051';
const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));

let scratch = '';
let registry: TestRegistry | undefined;

/** A copy of the repository with its build outputs and the build cache, sharing node_modules. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'weld-readme-'));
  const copy = spawnSync(
    'bash',
    ['-c', `tar -C "$0" --exclude=./.git --exclude=node_modules --exclude=./out --exclude=./.weld -cf - . | tar -C "$1" -xf -`, root, dir],
    { encoding: 'utf8' },
  );
  if (copy.status !== 0) throw new Error(`copying the repository failed: ${copy.stderr}`);
  const cache = join(root, '.weld', 'cache', 'build');
  if (existsSync(cache)) {
    mkdirSync(join(dir, '.weld', 'cache'), { recursive: true });
    spawnSync('cp', ['-a', cache, join(dir, '.weld', 'cache', 'build')]);
  }
  for (const base of ['', 'cli', ...readdirSync(join(root, 'packages')).map((name) => join('packages', name))]) {
    const modules = join(root, base, 'node_modules');
    if (existsSync(modules)) symlinkSync(modules, join(dir, base, 'node_modules'));
  }
  const bin = join(dir, '.readme-bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'weld'), `#!/bin/sh\nexec node "${join(dir, 'cli', 'bin', 'weld.js')}" "$@"\n`, { mode: 0o755 });
  return dir;
}

interface ShellRun {
  readonly status: number | null;
  /** What each command printed (stdout and stderr together, in order). */
  readonly outputs: string[];
  readonly all: string;
}

const marker = '@@readme-test-step@@';

/** Runs the commands in one bash, from the scratch copy, each one's output kept apart. */
function shell(commands: readonly string[], hidden: readonly string[] = []): ShellRun {
  const live = (command: string): string => (registry === undefined ? command : command.replaceAll(readmeHost, registry.host));
  const script = [
    'exec 2>&1',
    ...hidden.map((command) => `${live(command)} >/dev/null`),
    ...commands.map((command) => `__status=$?; printf '\\n${marker}\\n'; (exit $__status); ${live(command)}`),
    '__status=$?; printf "\\n"; exit $__status',
  ].join('\n');
  const result = spawnSync('bash', ['-c', script], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, PATH: [join(scratch, '.readme-bin'), process.env['PATH'] ?? '', join(homedir(), 'go', 'bin'), join(homedir(), '.cargo', 'bin')].join(':'), NO_COLOR: '1', WELD_DEBUG: '', CI: '' },
  });
  const all = `${result.stdout}${result.stderr}`;
  const parts = all.split(`\n${marker}\n`).slice(1);
  const outputs = parts.map((part) => part.replace(/\n$/, '').replaceAll(registry?.host ?? readmeHost, readmeHost));
  return { status: result.status, outputs, all };
}

const directivesOf = <K extends Directive['kind']>(block: ReadmeBlock, kind: K): Extract<Directive, { kind: K }>[] =>
  block.directives.filter((directive): directive is Extract<Directive, { kind: K }> => directive.kind === kind);

function checkTranscript(block: ReadmeBlock): void {
  const steps = transcriptSteps(block);
  const setup = directivesOf(block, 'setup').map((directive) => directive.command);
  const run = shell(
    steps.map((step) => step.command),
    setup,
  );
  expect(run.outputs.length, run.all).toBe(steps.length);
  steps.forEach((step, index) => {
    const actual = (run.outputs[index] ?? '').split('\n');
    expect(matchesShown(step.expected, actual), `README.md:${block.line}: \`${step.command}\` printed:\n${run.outputs[index]}`).toBe(true);
  });
}

function checkDirectives(block: ReadmeBlock): boolean {
  const [write] = directivesOf(block, 'write');
  if (write !== undefined) {
    writeFileSync(join(scratch, write.path), `${block.lines.join('\n')}\n`);
    return true;
  }
  const setup = directivesOf(block, 'setup').map((directive) => directive.command);
  const [output] = directivesOf(block, 'output-of');
  if (output !== undefined) {
    const run = shell([output.command], setup);
    expect(run.status, run.all).toBe(0);
    expect(matchesShown(block.lines, (run.outputs[0] ?? '').split('\n')), `README.md:${block.line}: \`${output.command}\` printed:\n${run.outputs[0]}`).toBe(
      true,
    );
    return true;
  }
  const [excerpt] = directivesOf(block, 'json-excerpt-of');
  if (excerpt !== undefined) {
    const run = shell([excerpt.command], setup);
    expect(run.status, run.all).toBe(0);
    const shown: unknown = JSON.parse(block.lines.join('\n'));
    expect(containsJson(JSON.parse(run.outputs[0] ?? 'null'), shown), `README.md:${block.line}: not in the output of \`${excerpt.command}\``).toBe(true);
    return true;
  }
  const [files] = directivesOf(block, 'files-of');
  if (files !== undefined) {
    const run = shell([files.command], setup);
    expect(run.status, run.all).toBe(0);
    for (const file of fileExcerpts(block)) {
      const text = readFileSync(join(scratch, file.path), 'utf8');
      expect(matchesShown(['…', ...file.lines, '…'], text.split('\n')), `README.md:${block.line}: ${file.path} does not hold what the README shows`).toBe(true);
    }
    return true;
  }
  return false;
}

describe('README.md', () => {
  beforeAll(async () => {
    scratch = scratchCopy();
    registry = await startDistribution();
  }, 300_000);

  afterAll(async () => {
    await registry?.dispose();
    if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
  });

  it('has examples, each checked or skipped with a reason', () => {
    const unchecked = blocks.filter(
      (block) => isTranscript(block) === false && block.directives.length === 0 && ['console', 'text'].includes(block.lang),
    );
    expect(blocks.filter(isTranscript).length).toBeGreaterThan(5);
    expect(unchecked.map((block) => `README.md:${block.line}`)).toEqual([]);
  });

  for (const block of blocks) {
    const [skip] = directivesOf(block, 'skip');
    if (skip !== undefined) continue;
    if (!isTranscript(block) && block.directives.length === 0) continue;
    it(`README.md:${block.line} (${block.lang || 'text'})`, () => {
      if (!checkDirectives(block)) checkTranscript(block);
    }, 300_000);
  }
});
