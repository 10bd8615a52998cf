/**
 * One target of a fuzzing campaign, in a worker thread so that the campaign
 * (scripts/fuzz.mjs) can stop a case that hangs or exhausts memory. Case `n`
 * is the input fast-check draws with seed `n`, so a case number and the scale
 * reproduce it. Before each case the worker publishes its number and bytes in
 * shared memory, where the campaign finds them if the case never ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { inputsFor } from './inputs.js';
import { targets } from './targets.js';

interface CampaignSlice {
  readonly target: string;
  readonly firstCase: number;
  readonly scale: number;
  /** Epoch milliseconds at which to stop. */
  readonly deadline: number;
  /** [case in progress, its input length or -1 when it does not fit]. */
  readonly state: Int32Array;
  readonly input: Uint8Array;
}

const slice = workerData as CampaignSlice;
const port = parentPort!;
const target = targets.find((candidate) => candidate.name === slice.target)!;
const inputs = inputsFor(target, slice.scale);

let counts = new Map<string, number>();
let lastReport = Date.now();
let next = slice.firstCase;
for (; Date.now() < slice.deadline; next++) {
  const [input = new Uint8Array(0)] = fc.sample(inputs, { seed: next, numRuns: 1 });
  if (input.length <= slice.input.length) {
    slice.input.set(input);
    Atomics.store(slice.state, 1, input.length);
  } else {
    Atomics.store(slice.state, 1, -1);
  }
  Atomics.store(slice.state, 0, next);
  let outcome: string;
  try {
    outcome = await target.run(input);
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    outcome = `untyped:${name}`;
    port.postMessage({
      kind: 'finding',
      case: next,
      input,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? (error.stack ?? '') : '',
    });
  }
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  if (Date.now() - lastReport > 2000) {
    port.postMessage({ kind: 'progress', counts: Object.fromEntries(counts) });
    counts = new Map();
    lastReport = Date.now();
  }
}
port.postMessage({ kind: 'done', counts: Object.fromEntries(counts), next });
