/** Fixed facts about the emulated site and names SharePoint derives from a list. */
import type { ListRecord } from './store';

export const WEB_PATH = '/sites/procurement';
export const WEB_TITLE = 'Procurement';

/** "Lists/ActionPlans" -> "ActionPlansList", the basis of SP.Data.ActionPlansListItem. */
export function entityTypeName(list: ListRecord): string {
  const name = list.url.split('/').pop() ?? list.title;
  return `${name.replace(/[^A-Za-z0-9_]/g, '')}List`;
}

export function itemTypeName(list: ListRecord): string {
  return `SP.Data.${entityTypeName(list)}Item`;
}

/** What differs between the two webs the service hosts (the procurement site and the tenant's root site). */
export interface WebFacts {
  id: string;
  /** Server-relative path: '/sites/procurement' or '' for the root. */
  path: string;
  title: string;
  template: string;
  lastItemModified: string;
  effectivePermissions: () => unknown;
}

/** An SP.Web entity as SharePoint returns it, for either web. */
export function webEntityOf(siteUrl: string, created: string, web: WebFacts): import('./odataQuery').Entity {
  return {
    meta: { 'odata.type': 'SP.Web', 'odata.id': `${siteUrl}/_api/Web`, 'odata.editLink': 'Web' },
    props: {
      AllowRssFeeds: true,
      AlternateCssUrl: '',
      AppInstanceId: '00000000-0000-0000-0000-000000000000',
      Configuration: 0,
      Created: created,
      CustomMasterUrl: `${web.path}/_catalogs/masterpage/seattle.master`,
      Description: '',
      EnableMinimalDownload: false,
      Id: web.id,
      IsMultilingual: true,
      Language: 2057,
      LastItemModifiedDate: web.lastItemModified,
      MasterUrl: `${web.path}/_catalogs/masterpage/seattle.master`,
      NoCrawl: false,
      ServerRelativeUrl: web.path || '/',
      SiteLogoUrl: null,
      Title: web.title,
      Url: siteUrl,
      WebTemplate: web.template,
    },
    selectOnly: {
      HasUniqueRoleAssignments: () => true,
      EffectiveBasePermissions: web.effectivePermissions,
    },
  };
}
