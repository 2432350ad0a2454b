/**
 * Local indices (key areas and enablers a council or its regional group adds) have ids that start
 * "local-"; the strategy's never do (tests/unit/framework.test.ts holds the built-in framework to
 * that). So a local index can never take an id the strategy uses now or adds in a later version, and
 * anyone reading an id in a list, an export or a sign-off record can tell whose index it is. Kept apart
 * from localIndex.ts so the views' first load can tell the two apart without the editing code.
 */
export const LOCAL_ID_PREFIX = 'local-';

export function isLocalIndexId(id: string): boolean {
  return id.startsWith(LOCAL_ID_PREFIX) && id.length > LOCAL_ID_PREFIX.length;
}
