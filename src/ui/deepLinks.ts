/**
 * Links that open a period and index in the Assessment tab: from the dashboard, the scrutiny view and
 * notification emails. In Teams the target travels as the tab's subPageId (subEntityId); on a
 * SharePoint page as query parameters.
 */
import { LinkTarget } from '../host';

export type DeepLinkTarget = LinkTarget;

/** The Teams app's manifest id (teams/manifest.json) and its personal tab. A tenant's catalog gives the app its own id, set as the NpsMaturityTeamsAppId tenant property (data/procurementSite.ts); this one serves the preview and tests. */
export const TEAMS_APP_ID = '5b367f2b-6e16-4142-a0b1-e4d538c86e45';
export const TEAMS_ASSESSMENT_ENTITY = 'nps-maturity-assessment';

export function encodeTarget(target: DeepLinkTarget): string {
  const params = new URLSearchParams();
  if (target.periodName) params.set('period', target.periodName);
  if (target.indexId) params.set('index', target.indexId);
  if (target.views) params.set('views', '1');
  return params.toString();
}

export function parseTarget(text: string | undefined | null): DeepLinkTarget {
  if (!text) return {};
  const params = new URLSearchParams(text.replace(/^[?#]/, ''));
  const periodName = params.get('period') ?? undefined;
  const indexId = params.get('index') ?? undefined;
  return {
    periodName: periodName && /^\d{4}\/\d{2}$/.test(periodName) ? periodName : undefined,
    indexId: indexId && /^[a-z0-9-]{1,100}$/.test(indexId) ? indexId : undefined,
    ...(params.get('views') === '1' ? { views: true } : {}),
  };
}

/** Teams' documented deep link to a tab of an app, carrying the target as the subEntityId. */
export function teamsTabLink(appId: string, entityId: string, target: DeepLinkTarget, label = 'Procurement maturity'): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: encodeTarget(target) }));
  return `https://teams.microsoft.com/l/entity/${appId}/${encodeURIComponent(entityId)}?label=${encodeURIComponent(label)}&context=${context}`;
}

/** A link to the assessment page in SharePoint with the target in its query. */
export function pageLink(pageUrl: string, target: DeepLinkTarget): string {
  const query = encodeTarget(target);
  return query ? `${pageUrl}${pageUrl.indexOf('?') >= 0 ? '&' : '?'}${query}` : pageUrl;
}
