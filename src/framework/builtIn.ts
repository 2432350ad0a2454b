import nps2018 from './nps-2018.json';
import { parseFramework } from './loadFramework';
import { Framework } from './types';

/**
 * The built-in framework, checked when first used so a damaged file fails loudly, not silently. Web
 * parts load this module on demand (it carries every descriptor): a set-up site reads its framework
 * from the Maturity indices list and needs only the built-in one's themes, levels and guidance.
 */
let builtIn: Framework | undefined;
export function npsFramework2018(): Framework {
  if (!builtIn) builtIn = parseFramework(nps2018);
  return builtIn;
}

/** Where a view gets the built-in framework: given, or loaded when first needed. */
export type FrameworkSource = Framework | (() => Promise<Framework>);
