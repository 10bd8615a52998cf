export { inspectBinary } from './report.js';
export type { InspectReport, PackageGroup, WorldItemSummary, WorldSummary } from './report.js';
export { componentTree, moduleTree } from './structure.js';
export type { ComponentNode, CustomSectionSummary } from './structure.js';
