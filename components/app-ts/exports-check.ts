// Checks that app.ts exports what world `app` asks of it (type-level only; build.mjs does not bundle this file).
import type { Exports } from 'weld:demo/app@0.1.0';
import type * as app from './app.js';

export type AppExports = typeof app extends Exports ? true : never;
export const appExportsWorld: AppExports = true;
