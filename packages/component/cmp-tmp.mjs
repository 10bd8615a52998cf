import { readFileSync } from 'node:fs';
import { decodeComponent, componentWit } from '@weld/component';
import { printWit, printOrder } from '@weld/wit';
const bytes = readFileSync(process.argv[2]);
const w = componentWit(decodeComponent(bytes));
process.stdout.write(printWit(w.resolve, printOrder(w.resolve, w.package)));
