import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command, OptionValues } from 'commander';
import { BuildError, buildProject, findProjectFile, loadProject, projectFileName, type BuildReport, type ComponentResult } from '@weld/build';
import type { CliIo } from '../io.js';
import { ExitStatus, InputError, UsageError } from '../report-error.js';
import { plainProgress, shownPath, spinnerProgress, summaryLine, type BuildProgress } from '../render-build.js';

/** The options `weld build` accepts. */
export interface BuildCommandOptions {
  readonly project?: string;
  readonly force?: boolean;
  readonly jobs?: string;
  readonly fromSource?: boolean;
  readonly updatePrebuilt?: boolean;
  readonly json?: boolean;
  readonly progress?: string;
}

/** Registers `weld build [NAME...]`: builds the components of weld.toml. */
export function registerBuild(program: Command, io: CliIo): void {
  program
    .command('build')
    .description(`build the components listed in ${projectFileName} (Rust, Go, TypeScript), cached by a hash of their inputs`)
    .argument('[names...]', 'build only these components')
    .option('-p, --project <file>', `the project file (default: ${projectFileName} here or in a folder above)`)
    .option('-j, --jobs <n>', 'build at most n components at once (default: the number of cores)')
    .option('--force', 'rebuild even what the cache holds')
    .option('--from-source', 'fail when a toolchain is missing instead of using the committed prebuilt component')
    .option('--update-prebuilt', 'copy each component built from source to its `prebuilt` path (with a record of its inputs)')
    .option('--progress <mode>', 'how to show progress: auto (a spinner on a terminal), spinner or plain', 'auto')
    .option('--json', 'print the report as JSON instead of progress lines')
    .action(async (names: string[], _options: OptionValues, command: Command) => {
      await runBuild(names, command.opts<BuildCommandOptions>(), io);
    });
}

/** Runs `weld build`; throws to exit non-zero. */
export async function runBuild(names: readonly string[], options: BuildCommandOptions, io: CliIo): Promise<void> {
  const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs ${options.jobs}: expected a whole number ≥ 1`);
  if (!['auto', 'spinner', 'plain'].includes(options.progress ?? 'auto')) {
    throw new UsageError(`--progress ${options.progress}: expected auto, spinner or plain`);
  }
  const file = options.project === undefined ? findProjectFile(process.cwd()) : resolve(options.project);
  if (file === undefined) throw new InputError(`no ${projectFileName} here or in a folder above ${process.cwd()}`);
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
    throw new UsageError(`${options.project}: is a folder`, `give the path of its ${projectFileName}: ${join(options.project ?? '.', projectFileName)}`);
  }

  let progress: BuildProgress | undefined;
  let report: BuildReport;
  try {
    const project = await loadProject(file);
    if (options.json !== true) progress = await progressFor(options.progress ?? 'auto', io);
    report = await buildProject(project, {
      only: names,
      ...(options.force === true && { force: true }),
      ...(jobs !== undefined && { jobs }),
      ...(options.fromSource === true && { fromSource: true }),
      ...(options.updatePrebuilt === true && { updatePrebuilt: true }),
      ...(progress !== undefined && { onEvent: progress.event }),
    });
  } catch (error) {
    if (error instanceof BuildError) throw new InputError(withDetails(error));
    throw error;
  } finally {
    progress?.stop();
  }

  const failed = report.components.filter((c) => c.kind === 'failed');
  if (options.json === true) {
    io.out(`${JSON.stringify(reportJson(report), null, 2)}\n`);
    if (failed.length > 0) throw new ExitStatus(1);
    return;
  }
  io.out(`${summaryLine(report)}\n`);
  if (failed.length > 0) {
    throw new InputError(`${failed.length} of ${report.components.length} components failed to build: ${failed.map((c) => c.name).join(', ')}`);
  }
}

async function progressFor(mode: string, io: CliIo): Promise<BuildProgress> {
  // A terminal that reports no width (a pseudo-terminal nobody sized) cannot
  // have lines redrawn in place: plain lines there.
  const stdout = process.stdout;
  const canRedraw = stdout.isTTY === true && (stdout.columns ?? 0) > 0;
  const terminal = canRedraw && process.env['CI'] === undefined && io.color === true;
  if ((mode === 'spinner' && canRedraw) || (mode === 'auto' && terminal)) return spinnerProgress(io, stdout);
  return plainProgress(io);
}

function withDetails(error: BuildError): string {
  return [error.message, ...error.details.map((line) => `  ${line}`)].join('\n');
}

/** The report as JSON: errors as their kind, message and details; paths as given. */
function reportJson(report: BuildReport): unknown {
  return {
    seconds: report.seconds,
    jobs: report.jobs,
    components: report.components.map((c: ComponentResult) =>
      c.kind === 'failed'
        ? { ...c, error: { kind: c.error.kind, message: c.error.message, details: c.error.details, ...(c.error.missing && { missing: c.error.missing }) } }
        : { ...c, shownOutput: shownPath(c.output) },
    ),
  };
}
