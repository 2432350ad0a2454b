import { SPFI } from '@pnp/sp';
import type { IList } from '@pnp/sp/lists';
import '@pnp/sp/folders';
import '@pnp/sp/files';
import { DataError, toDataError } from '../errors';
import { col } from '../fieldValues';
import { LISTS } from '../schema';

const PERIOD = col('committeePacks', 'NpsPeriodName');

/** A pack as the library holds it: the file everyone is sent to, and which version this save made. */
export interface SavedPack {
  fileName: string;
  serverRelativeUrl: string;
  /** SharePoint's version label, "1.0" for the first pack of a year, "2.0" when made again. */
  version: string;
}

/**
 * The Committee packs library (versioned). Saving a year's pack under the same name each time makes
 * a new version, so every pack ever sent to committee is kept. Officers and approvers may save; councillors
 * read. This module brings in PnPjs's files code, so it loads with the pack, never with the page.
 */
export class CommitteePackLibrary {
  constructor(private readonly sp: SPFI) {}

  private library(): IList {
    return this.sp.web.lists.getByTitle(LISTS.committeePacks.title);
  }

  public async save(periodName: string, fileName: string, bytes: Uint8Array): Promise<SavedPack> {
    const files = this.library().rootFolder.files;
    let info: { ServerRelativeUrl?: string; UIVersionLabel?: string; Name?: string };
    try {
      info = (await files.addUsingPath(fileName, bytes, { Overwrite: true })) as typeof info;
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 401) {
        throw new DataError('readOnly', `You can read ${LISTS.committeePacks.title} but not save to it, so the pack was not saved. Procurement officers and approvers can make the pack.`, status);
      }
      throw toDataError(e, LISTS.committeePacks.title);
    }
    // The year goes on the file's own version (bNewDocumentUpdate), so filing it makes no second version.
    try {
      const item = await files.getByUrl(fileName).getItem('Id');
      await item.validateUpdateListItem([{ FieldName: PERIOD, FieldValue: periodName }], true);
    } catch {
      // The pack is saved; only its Period column is empty, which the library view shows.
    }
    return { fileName: info.Name ?? fileName, serverRelativeUrl: info.ServerRelativeUrl ?? '', version: info.UIVersionLabel ?? '' };
  }
}
