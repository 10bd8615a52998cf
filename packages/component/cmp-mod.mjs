import { readFileSync } from 'node:fs';
import { moduleWit } from '@weld/component';
import { printWit, printOrder } from '@weld/wit';
const w = moduleWit(readFileSync(process.argv[2]));
process.stdout.write(printWit(w.resolve, printOrder(w.resolve, w.package)));
