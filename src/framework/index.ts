import nps2018 from './nps-2018.json';
import { parseFramework } from './loadFramework';
import { Framework, MaturityIndex } from './types';

export * from './types';
export { parseFramework, parseFrameworkJson, parseFrameworkSkippingBadIndices, isFrameworkId, FrameworkValidationError } from './loadFramework';
export type { LenientFramework, SkippedEntry } from './loadFramework';
export * from './descriptorText';
export { CORRECTIONS, compareVersions } from './corrections';
export type { FrameworkCorrection } from './corrections';

/** The built-in framework, checked when first used so a damaged file fails loudly, not silently. */
let builtIn: Framework | undefined;
export function npsFramework2018(): Framework {
  if (!builtIn) builtIn = parseFramework(nps2018);
  return builtIn;
}

export function keyAreas(framework: Framework): MaturityIndex[] {
  return framework.indices.filter((i) => i.kind === 'keyArea').sort((a, b) => a.order - b.order);
}

export function enablers(framework: Framework): MaturityIndex[] {
  return framework.indices.filter((i) => i.kind === 'enabler').sort((a, b) => a.order - b.order);
}

export function keyAreasOfTheme(framework: Framework, themeId: string): MaturityIndex[] {
  return keyAreas(framework).filter((i) => i.themeId === themeId);
}
