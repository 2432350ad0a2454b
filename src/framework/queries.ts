import { Framework, MaturityIndex } from './types';

/** Key areas and enablers in the order the strategy gives them. */
export function keyAreas(framework: Framework): MaturityIndex[] {
  return framework.indices.filter((i) => i.kind === 'keyArea').sort((a, b) => a.order - b.order);
}

export function enablers(framework: Framework): MaturityIndex[] {
  return framework.indices.filter((i) => i.kind === 'enabler').sort((a, b) => a.order - b.order);
}

export function keyAreasOfTheme(framework: Framework, themeId: string): MaturityIndex[] {
  return keyAreas(framework).filter((i) => i.themeId === themeId);
}
