
export * from './types';
export { parseFramework, parseFrameworkJson, parseFrameworkSkippingBadIndices, isFrameworkId, FrameworkValidationError } from './loadFramework';
export type { LenientFramework, SkippedEntry } from './loadFramework';
export * from './descriptorText';
export { CORRECTIONS, compareVersions } from './corrections';
export type { FrameworkCorrection } from './corrections';

export { npsFramework2018 } from './builtIn';
export { keyAreas, enablers, keyAreasOfTheme } from './queries';
// Tailoring the framework (localIndex, startingPoints, frameworkFile, ids) is imported from its own
// modules, not from here: the preview's first load reads this barrel, and the editor loads on demand.
