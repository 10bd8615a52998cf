import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'vitest';
import { decodeComponent } from '../src/decode/component.js';
import { componentTypes } from '../src/types/index.js';
import { dumpTypes } from './types-dump.js';

test('scratch', () => {
  const files = (process.env.SCRATCH ?? '').split(',').filter(Boolean);
  for (const f of files) {
    try {
      writeFileSync(f + '.ts.txt', dumpTypes(componentTypes(decodeComponent(readFileSync(f)))));
    } catch (e) {
      writeFileSync(f + '.ts.txt', 'ERROR ' + String(e) + '\n' + (e as Error).stack);
    }
  }
});
