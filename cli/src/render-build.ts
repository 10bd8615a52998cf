/**
 * The progress and results of `weld build` as text. On a terminal one ora
 * spinner shows every step in flight with its elapsed time, and a line stays
 * behind for each finished component; elsewhere (a pipe, CI) each step is one
 * plain line as it starts, and each finished component one line.
 */
import { relative } from 'node:path';
import type { BuildEvent, BuildReport, ComponentResult } from '@weld/build';
import { unreachable } from '@weld/wit';
import type { CliIo } from './io.js';
import { formatSize } from './render-inspect.js';

/** What a build shows while it runs. */
export interface BuildProgress {
  readonly event: (event: BuildEvent) => void;
  /** Stops the spinner (if any); call before printing anything else. */
  readonly stop: () => void;
}

/** A path as the user would type it from the working directory. */
export const shownPath = (path: string): string => {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
};

const seconds = (s: number): string => `${s.toFixed(1)} s`;

/** The line (and following lines) left for a finished component. */
export function resultLines(result: ComponentResult): string[] {
  switch (result.kind) {
    case 'built': {
      const steps = result.steps.map((s) => `${s.step} ${seconds(s.seconds)}`).join(', ');
      const updated = result.prebuiltUpdated === undefined ? [] : [`${result.name}: updated the prebuilt ${shownPath(result.prebuiltUpdated)}`];
      return [
        `${result.name}: built in ${seconds(result.seconds)} (${steps}) → ${shownPath(result.output)} (${formatSize(result.size)})`,
        ...updated,
      ];
    }
    case 'cached': {
      const updated = result.prebuiltUpdated === undefined ? [] : [`${result.name}: updated the prebuilt ${shownPath(result.prebuiltUpdated)}`];
      return [`${result.name}: up to date (cached) → ${shownPath(result.output)} (${formatSize(result.size)})`, ...updated];
    }
    case 'prebuilt': {
      const { missing } = result;
      const stale = result.current ? 'built from these sources' : 'built from OLDER sources than these';
      return [
        `${result.name}: ${missing.tool} ${missing.reason ?? 'not found'}; using the committed prebuilt ${shownPath(result.prebuilt)} (${stale}) → ${shownPath(result.output)}`,
        `${result.name}: to build it from source, install ${missing.tool}: ${missing.install}`,
      ];
    }
    case 'failed':
      return [`${result.name}: ${result.error.message}`, ...result.error.details.map((line) => `  ${line}`)];
    default:
      return unreachable(result);
  }
}

/** The closing line: how many of each. */
export function summaryLine(report: BuildReport): string {
  const count = (kind: ComponentResult['kind']) => report.components.filter((c) => c.kind === kind).length;
  const parts = [
    `${count('built')} built`,
    `${count('cached')} up to date`,
    ...(count('prebuilt') > 0 ? [`${count('prebuilt')} prebuilt`] : []),
    ...(count('failed') > 0 ? [`${count('failed')} failed`] : []),
  ];
  const n = report.components.length;
  return `weld build: ${n} component${n === 1 ? '' : 's'}: ${parts.join(', ')} in ${seconds(report.seconds)} (up to ${report.jobs} at once)`;
}

/** Plain lines: one per step as it starts, one per component as it ends. */
export function plainProgress(io: CliIo): BuildProgress {
  return {
    event(event) {
      switch (event.kind) {
        case 'start':
          return;
        case 'step':
          io.out(`${event.component}: ${event.step} …\n`);
          return;
        case 'done':
          io.out(resultLines(event.result).map((line) => `${line}\n`).join(''));
          return;
        default:
          return unreachable(event);
      }
    },
    stop() {},
  };
}

/** An ora spinner on the terminal listing the steps in flight with their elapsed time. */
export async function spinnerProgress(io: CliIo, stream: NodeJS.WriteStream): Promise<BuildProgress> {
  const { default: ora } = await import('ora');
  const active = new Map<string, { step: string; since: number }>();
  const spinner = ora({ stream, discardStdin: false, color: io.color === true ? 'cyan' : false });
  const text = () =>
    [...active.entries()]
      .map(([name, { step, since }]) => `${name}: ${step} ${seconds((performance.now() - since) / 1000)}`)
      .join('  ·  ');
  const timer = setInterval(() => {
    if (active.size > 0) spinner.text = text();
  }, 100);
  const symbol = (result: ComponentResult) =>
    result.kind === 'failed' ? '✖' : result.kind === 'prebuilt' ? '!' : result.kind === 'cached' ? '·' : '✔';
  return {
    event(event) {
      switch (event.kind) {
        case 'start':
          return;
        case 'step':
          active.set(event.component, { step: event.step, since: performance.now() });
          spinner.text = text();
          if (!spinner.isSpinning) spinner.start();
          return;
        case 'done': {
          active.delete(event.result.name);
          const [first = '', ...rest] = resultLines(event.result);
          spinner.stopAndPersist({ symbol: symbol(event.result), text: first });
          for (const line of rest) io.out(`  ${line}\n`);
          if (active.size > 0) spinner.start(text());
          return;
        }
        default:
          return unreachable(event);
      }
    },
    stop() {
      clearInterval(timer);
      if (spinner.isSpinning) spinner.stop();
    },
  };
}
