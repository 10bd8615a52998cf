import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { BinaryError, ComponentTypeError, inspectBinary, type InspectReport } from '@weld/component';
import { printOrder, printWit, resolveToJson } from '@weld/wit';
import type { CliIo } from '../io.js';
import { InputError } from '../report-error.js';
import { renderInspect } from '../render-inspect.js';
import { assertReadable } from './wit.js';

/** The options `weld inspect` accepts. */
export interface InspectOptions {
  readonly wit?: boolean;
  readonly json?: boolean;
}

/** Registers `weld inspect FILE`: what a component or core module holds. */
export function registerInspect(program: Command, io: CliIo): void {
  program
    .command('inspect')
    .description('show the world, nested modules and components, producers and custom sections of a binary')
    .argument('<file>', 'a component or core module (.wasm)')
    .option('--wit', 'print the WIT the binary describes, like `wasm-tools component wit`')
    .option('--json', 'print everything as JSON')
    .action(async (file: string, _options: unknown, command: Command) => {
      io.out(await runInspect(file, command.opts<InspectOptions>()));
    });
}

/** Inspects `file` and returns the text to print. */
export async function runInspect(file: string, options: InspectOptions): Promise<string> {
  await assertReadable(file);
  if ((await stat(file)).isDirectory()) throw new InputError(`${file}: is a directory; inspect a .wasm file`);
  const bytes = await readFile(file);
  let report: InspectReport;
  try {
    report = inspectBinary(bytes);
  } catch (error) {
    if (error instanceof BinaryError || error instanceof ComponentTypeError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  if (options.wit === true) return witText(file, report);
  if (options.json === true) return `${JSON.stringify(reportJson(report), null, 2)}\n`;
  return renderInspect(file, report);
}

function witText(file: string, report: InspectReport): string {
  if (report.wit === undefined) {
    throw new InputError(`${file}: a core module without \`component-type*\` custom sections has no world; inspect a component`);
  }
  if (report.wit.kind === 'error') throw new InputError(`${file}: its types cannot be written as WIT: ${report.wit.message}`);
  return printWit(report.wit.resolve, printOrder(report.wit.resolve, report.wit.package));
}

function reportJson(report: InspectReport): unknown {
  const { wit, ...rest } = report;
  if (wit === undefined || wit.kind === 'error') return { ...rest, ...(wit && { wit }) };
  const { resolve, ...where } = wit;
  return { ...rest, wit: { ...where, resolve: resolveToJson(resolve) } };
}
