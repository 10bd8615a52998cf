/**
 * Running a tool without blocking the event loop, so several components
 * build at once and a spinner keeps turning. A failure keeps the tail of the
 * tool's output as the error's details.
 */
import { spawn } from 'node:child_process';
import { BuildError } from './errors.js';

/** How a tool is run. */
export interface ToolRun {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Leave the command line out of the error (it says nothing to the user). */
  readonly hideCommand?: boolean;
}

/** What a finished tool printed. */
export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** The most lines of a failing tool's output an error keeps. */
const keptLines = 80;

/** Runs `command` with `args`; resolves with its output, rejects with a `tool-failed` BuildError. */
export function runTool(label: string, command: string, args: readonly string[], options: ToolRun = {}): Promise<ToolOutput> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new BuildError('tool-failed', `${label}: cannot run ${command}: ${error.message}`)));
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolvePromise({ stdout, stderr });
        return;
      }
      const lines = `${stderr}${stdout}`.trimEnd().split('\n');
      const shown = lines.length > keptLines ? [`… (${lines.length - keptLines} lines before)`, ...lines.slice(-keptLines)] : lines;
      const status = signal === null ? `exited with ${code}` : `was killed by ${signal}`;
      const message = options.hideCommand === true ? `${label} failed` : `${label} ${status}: ${[command, ...args].join(' ')}`;
      reject(new BuildError('tool-failed', message, shown.filter((l) => l !== '')));
    });
  });
}
