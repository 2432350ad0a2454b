
export * from './types';
export { parseFramework, parseFrameworkJson, parseFrameworkSkippingBadIndices, isFrameworkId, FrameworkValidationError } from './loadFramework';
export type { LenientFramework, SkippedEntry } from './loadFramework';
export * from './descriptorText';
export { CORRECTIONS, compareVersions } from './corrections';
export type { FrameworkCorrection } from './corrections';

export { npsFramework2018 } from './builtIn';
export { keyAreas, enablers, keyAreasOfTheme } from './queries';
