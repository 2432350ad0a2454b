import { SPFI } from '@pnp/sp';
import { DataError, toDataError } from './errors';

/**
 * Where the procurement site is, and the pages that show the app there. The web parts run on any site
 * (a Teams personal app runs on the tenant's root site; a channel tab on the team's own site), so the
 * procurement site is one setting for the whole tenant: a tenant property (app catalog storage entity)
 * that an administrator sets once. A channel tab's property pane may override the site.
 */
export const SETTINGS = {
  /** Absolute URL of the site that holds the app's lists. */
  site: 'NpsMaturitySiteUrl',
  /** Absolute URLs of the SharePoint pages holding each web part, for links to managers and councillors. */
  assessmentPage: 'NpsMaturityAssessmentPageUrl',
  dashboardPage: 'NpsMaturityDashboardPageUrl',
  scrutinyPage: 'NpsMaturityScrutinyPageUrl',
  /**
   * The app's id in the organisation's Teams app catalog after Sync to Teams (Teams gives each tenant
   * its own), for deep links into the personal app. Without it officers' links go to the SharePoint page.
   */
  teamsAppId: 'NpsMaturityTeamsAppId',
} as const;

export type SiteSource = 'webPart' | 'tenant' | 'thisSite';

export interface ProcurementSite {
  siteUrl: string;
  /** Where the URL came from, so a wrong one can be explained. */
  source: SiteSource;
  pages: { assessment?: string; dashboard?: string; scrutiny?: string };
  teamsAppId?: string;
}

/** A usable absolute https (or, for the local stand-in, http://localhost) URL, without a trailing slash. */
export function settingUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    const local = url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
    if (url.protocol !== 'https:' && !local) return undefined;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}

async function tenantProperty(here: SPFI, key: string): Promise<string | undefined> {
  try {
    const entity = await here.web.getStorageEntity(key);
    return typeof entity?.Value === 'string' ? entity.Value : undefined;
  } catch (e) {
    // No app catalog, or no such property: the same as not set.
    const error = toDataError(e, undefined, 'read');
    if (error.kind === 'throttled' || error.kind === 'offline') throw error;
    return undefined;
  }
}

/**
 * The procurement site: the web part's own setting if it has one, else the tenant property, else the
 * site the web part is on. `here` is a client for the site the web part runs on.
 */
export async function findProcurementSite(here: SPFI, currentSiteUrl: string, webPartSetting?: string): Promise<ProcurementSite> {
  // The five properties in one round trip.
  const [batched, execute] = here.batched();
  const reads = Promise.all([
    tenantProperty(batched, SETTINGS.site),
    tenantProperty(batched, SETTINGS.assessmentPage),
    tenantProperty(batched, SETTINGS.dashboardPage),
    tenantProperty(batched, SETTINGS.scrutinyPage),
    tenantProperty(batched, SETTINGS.teamsAppId),
  ]);
  try {
    await execute();
  } catch (e) {
    throw toDataError(e, undefined, 'read');
  }
  const [site, assessment, dashboard, scrutiny, teamsApp] = await reads;
  const pages = { assessment: settingUrl(assessment), dashboard: settingUrl(dashboard), scrutiny: settingUrl(scrutiny) };
  const teamsAppId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(teamsApp?.trim() ?? '') ? teamsApp!.trim() : undefined;
  const own = webPartSetting?.trim();
  if (own) {
    const url = settingUrl(own);
    if (!url) throw new DataError('notSetUp', `This web part's "Procurement site" setting, "${own}", is not a web address. Edit the web part and give the full address of the procurement site, such as https://council.sharepoint.com/sites/procurement.`);
    return { siteUrl: url, source: 'webPart', pages, teamsAppId };
  }
  if (site !== undefined && site.trim() !== '') {
    const url = settingUrl(site);
    if (!url) throw new DataError('notSetUp', `The tenant property ${SETTINGS.site} holds "${site}", which is not a web address. ${howToSet('an administrator')}`);
    return { siteUrl: url, source: 'tenant', pages, teamsAppId };
  }
  return { siteUrl: currentSiteUrl.replace(/\/+$/, ''), source: 'thisSite', pages, teamsAppId };
}

/** The administrator's one command, and the manual way, for setting the procurement site. */
export function howToSet(who: string): string {
  return (
    `${who[0].toUpperCase()}${who.slice(1)} sets it once for the whole tenant with the CLI for Microsoft 365: ` +
    `m365 spo storageentity set --appCatalogUrl https://<tenant>.sharepoint.com/sites/appcatalog --key ${SETTINGS.site} --value https://<tenant>.sharepoint.com/sites/<procurement site> --description "Procurement maturity toolkit: the procurement site". ` +
    `(Or in PowerShell: Set-PnPStorageEntity -Key ${SETTINGS.site} -Value <site URL>.)`
  );
}

/** What to say when the app's lists are not where the setting points. */
export function notSetUpMessage(site: ProcurementSite): string {
  switch (site.source) {
    case 'webPart':
      return `This web part is set to use ${site.siteUrl}, but the procurement maturity lists are not there. Edit the web part and correct its "Procurement site", or add the lists package to that site (Site contents, New, App, Procurement maturity toolkit lists) and run set-up.`;
    case 'tenant':
      return `The tenant property ${SETTINGS.site} points at ${site.siteUrl}, but the procurement maturity lists are not there. Either add the lists package to that site (Site contents, New, App, Procurement maturity toolkit lists) and run set-up, or correct the property. ${howToSet('an administrator')}`;
    default:
      return `This site (${site.siteUrl}) does not hold the procurement maturity lists, and no procurement site has been set for the tenant. If this is the procurement site, a site owner adds the lists package (Site contents, New, App, Procurement maturity toolkit lists) and runs set-up. If the procurement site is elsewhere, ${howToSet('an administrator')}`;
  }
}
