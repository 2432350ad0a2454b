import { Queryable } from '@pnp/queryable';

/**
 * Names the caller to the local list service (it stands in for Microsoft 365 sign-in). Used by the
 * demo seed and tests running in Node; the preview page uses the localUser cookie instead.
 */
export function LocalUser(login: string): (instance: Queryable) => Queryable {
  return (instance) => {
    instance.on.pre(async (url, init, result) => {
      init.headers = { ...(init.headers as Record<string, string>), 'X-Local-User': login };
      return [url, init, result];
    });
    return instance;
  };
}
