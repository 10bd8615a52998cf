// The whole module against `Exports`: kitchen-guest.ts exports all of it.
import type { Exports } from 'weld:kitchen/kitchen@0.1.0';
import * as guest from './kitchen-guest.js';

guest satisfies Exports;
