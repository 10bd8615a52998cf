// A guest that forgets an export of world kitchen: `Exports` catches it.
import type { Exports } from 'weld:kitchen/kitchen@0.1.0';
import * as self from './kitchen-guest-missing.js';

export function paint(): { x: number; y: number } {
  return { x: 0, y: 0 };
}
export const session = { Cursor: class { constructor(_start: number) {} advance(): number { return 0; } }, open: () => new session.Cursor(0) };

// @ts-expect-error: missing export `types`
self satisfies Exports;
