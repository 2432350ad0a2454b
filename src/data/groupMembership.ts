import type { ISiteGroup } from '@pnp/sp/site-groups';
import { DataError, toDataError } from './errors';

/**
 * Puts people in one of the app's SharePoint groups. Only the group's owner (or a site collection
 * administrator) may, so SharePoint's 403 is said in words (`notOwner`), and nothing further is tried.
 */
export async function addToGroup(group: ISiteGroup, loginNames: readonly string[], notOwner: string): Promise<void> {
  for (const loginName of loginNames) {
    try {
      await group.users.add(loginName);
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 401) throw new DataError('refused', notOwner, status);
      throw toDataError(e);
    }
  }
}
