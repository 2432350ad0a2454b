import { SPFI } from '@pnp/sp';
import type { ISiteGroup } from '@pnp/sp/site-groups';
import '@pnp/sp/sharing';
import '@pnp/sp/security';
import {
  DirectoryChoice,
  invitationSubject,
  membersWithSharing,
  ScrutinyMember,
  ScrutinyShareRecord,
  ShareAction,
  ShareRequest,
  validateShareRequest,
} from '../../domain/scrutinySharing';
import { truncateCharacters } from '../../domain/validation';
import { DataError, serverMessage, toDataError, ValidationError } from '../errors';
import { col, everyColumn, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { GROUPS } from '../siteService';
import { ListRepository, SpItem } from './listRepository';
import { addToGroup } from '../groupMembership';

const SHARED_WITH = col('scrutinySharing', 'NpsSharedWith');
const ACTION = col('scrutinySharing', 'NpsShareAction');
const PERIOD = col('scrutinySharing', 'NpsPeriodName');
const MESSAGE = col('scrutinySharing', 'NpsShareMessage');
/** SP.RoleType.Reader: the Read permission level, which SharePoint's sharing grants for View. */
const READER_ROLE_TYPE = 2;

/**
 * Sharing the scrutiny review with councillors through Microsoft 365 sharing. This module brings in
 * PnPjs's sharing code, so views load it on demand (the Share for scrutiny panel), never with the page.
 */

/** The Scrutiny sharing log: approvers and site owners add, nobody changes; Created By shared, Created is when. */
export class ScrutinySharingLog extends ListRepository<ScrutinyShareRecord> {
  protected readonly select = ['Id', 'Title', ...everyColumn('scrutinySharing', [SHARED_WITH, ACTION, PERIOD, MESSAGE]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'scrutinySharing');
  }

  protected fromItem(item: SpItem): ScrutinyShareRecord {
    return {
      id: item.Id,
      personLogin: String(item[SHARED_WITH] ?? ''),
      personName: String(item.Title ?? ''),
      action: String(item[ACTION] ?? ''),
      periodName: String(item[PERIOD] ?? ''),
      message: String(item[MESSAGE] ?? ''),
      by: personFromSp(item.Author),
      on: item.Created,
    };
  }

  public all(): Promise<ScrutinyShareRecord[]> {
    return this.readAll({});
  }

  public async add(person: DirectoryChoice, action: ShareAction, periodName = '', message = ''): Promise<void> {
    await this.write({
      Title: truncateCharacters(person.displayName || person.loginName, 255),
      [SHARED_WITH]: truncateCharacters(person.loginName, 255),
      [ACTION]: action,
      [PERIOD]: periodName,
      [MESSAGE]: message,
    });
  }
}

/** What sharing did: who was shared with, and anything that did not go as planned (the step itself stands). */
export interface ShareOutcome {
  sharedWith: DirectoryChoice[];
  warnings: string[];
}

interface GroupUser {
  Id: number;
  Title: string;
  Email?: string;
  LoginName: string;
  PrincipalType?: number;
}

const NOT_GROUP_OWNER =
  `Only ${GROUPS.approvers} (who own the ${GROUPS.scrutiny} group) and site collection administrators can change who is in ${GROUPS.scrutiny}. ` +
  `Nothing was changed. If you are a site owner, add yourself to ${GROUPS.approvers} first.`;

/**
 * Who may take part in scrutiny, managed as SharePoint manages it: the Scrutiny members group (owned by
 * the approvers, so councillors cannot add anyone) and SharePoint sharing of the review page, whose
 * invitation SharePoint sends with the sharer's message and the link.
 */
export class ScrutinySharing {
  public readonly log: ScrutinySharingLog;

  constructor(private readonly sp: SPFI) {
    this.log = new ScrutinySharingLog(sp);
  }

  private group(): ISiteGroup {
    return this.sp.web.siteGroups.getByName(GROUPS.scrutiny);
  }

  /** Everyone in Scrutiny members, with who last shared the review with them and when. */
  public async members(): Promise<ScrutinyMember[]> {
    let users: GroupUser[];
    let log: ScrutinyShareRecord[];
    try {
      [users, log] = await Promise.all([this.group().users.select('Id', 'Title', 'Email', 'LoginName', 'PrincipalType')(), this.log.all().catch(() => [])]);
    } catch (e) {
      throw toDataError(e, undefined, 'read');
    }
    return membersWithSharing(
      users.map((u) => ({ id: u.Id, displayName: u.Title, email: u.Email ?? '', loginName: u.LoginName })),
      log
    );
  }

  /**
   * Shares the review: puts the people in Scrutiny members (which adds anyone not yet on the site), then
   * shares the review page with them, view only, through SharePoint sharing, which sends the invitation
   * with the message and the link; then records each share in the sharing log. Nobody is added when the
   * group refuses; a failed invitation or log entry is reported, the access granted stays.
   */
  public async share(request: ShareRequest): Promise<ShareOutcome> {
    const problems = validateShareRequest(request);
    if (problems.length) throw new ValidationError(problems);
    await addToGroup(this.group(), request.people.map((p) => p.loginName), NOT_GROUP_OWNER);
    const warnings: string[] = [];
    try {
      // View rights: the site's Read role ("role:<id>", as SharePoint's own sharing dialog sends for View).
      // PnPjs's web.shareObject looks the role up from a relative URL that does not resolve (4.21), so
      // the role is read here and the request sent through shareObjectRaw, unchanged.
      const reader = (await this.sp.web.roleDefinitions.getByType(READER_ROLE_TYPE).select('Id')()) as { Id: number };
      const result = await this.sp.web.shareObjectRaw({
        url: request.pageUrl,
        peoplePickerInput: JSON.stringify(request.people.map((p) => ({ Key: p.loginName }))),
        roleValue: `role:${reader.Id}`,
        groupId: 0,
        propagateAcl: false,
        sendEmail: true,
        includeAnonymousLinkInEmail: false,
        emailSubject: invitationSubject(request.periodName),
        emailBody: request.message.trim(),
        useSimplifiedRoles: true,
      });
      const refused = [...(result.UniquelyPermissionedUsers ?? []), ...(result.UsersAddedToGroup ?? [])].filter((u) => u.Status === false);
      if (result.StatusCode !== undefined && result.StatusCode !== 0 && refused.length === 0) {
        warnings.push(`SharePoint did not share the review page (${result.ErrorMessage ?? `status ${result.StatusCode}`}), so no invitation was sent. They can take part from the page once you send them its link.`);
      }
      for (const u of refused) warnings.push(`SharePoint could not share the review page with ${u.DisplayName || u.User}: ${u.Message ?? 'no reason given'}.`);
    } catch (e) {
      const said = serverMessage(e as { message?: string }).replace(/\.+$/, '');
      warnings.push(`They were added to ${GROUPS.scrutiny}, but SharePoint did not share the review page or send the invitation${said ? ` (${said})` : ''}. Send them the page's link another way.`);
    }
    for (const person of request.people) {
      try {
        await this.log.add(person, 'Shared', request.periodName, request.message.trim());
      } catch (e) {
        warnings.push(`Sharing with ${person.displayName} was not recorded in ${this.log.listTitle}: ${toDataError(e).message}`);
      }
    }
    return { sharedWith: request.people, warnings };
  }

  /** Takes someone out of Scrutiny members, and records who did it. */
  public async remove(member: ScrutinyMember, periodName = ''): Promise<string[]> {
    try {
      await this.group().users.removeById(member.id);
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 401) throw new DataError('refused', NOT_GROUP_OWNER, status);
      throw toDataError(e);
    }
    try {
      await this.log.add({ loginName: member.loginName, displayName: member.displayName, email: member.email }, 'Access removed', periodName);
      return [];
    } catch (e) {
      return [`Removing ${member.displayName} was not recorded in ${this.log.listTitle}: ${toDataError(e).message}`];
    }
  }
}
