export { inspectBinary } from './report.js';
export type { InspectReport, PackageGroup, WorldItemSummary, WorldSummary } from './report.js';
export { componentTree, moduleTree } from './structure.js';
export type { ComponentNode, CustomSectionSummary } from './structure.js';
export { compositionOf, compositionSectionName, compositionSource, CompositionRecordError, parseCompositionRecord } from './composition.js';
export type {
  CompositionBinding, CompositionComponent, CompositionExport, CompositionInstance, CompositionProvenance, CompositionRecord,
  CompositionSource,
} from './composition.js';
