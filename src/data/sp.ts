import { spfi, SPFI, SPFx, DefaultHeaders, DefaultInit, RequestDigest } from '@pnp/sp';
import { BrowserFetchWithRetry, parseBinderWithErrorCheck, parseODataJSON, Queryable } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import '@pnp/sp/attachments';
import '@pnp/sp/profiles';

/**
 * The one place the SharePoint client is made. In a web part it comes from the SPFx context; the
 * local preview and the tests point the same behaviours at any site URL, so the repositories run
 * unchanged against SharePoint Online and the local list service.
 */

/** What PnPjs's SPFx behaviour reads from the web part context. */
export type SpfxContextLike = Parameters<typeof SPFx>[0];

/** Throttled (429) and busy (503) answers are retried, waiting as long as Retry-After asks. */
const RETRIES = 4;

export type SpBehavior = (instance: Queryable) => Queryable;

/** How long one request may take before the view says SharePoint did not answer (no endless spinners). */
export const REQUEST_TIMEOUT_MS = 60000;

/**
 * Aborts a request that has had no answer in time. The timer is unref'd where the runtime allows, so a
 * finished request never keeps a Node process (tests, the demo seed) waiting.
 */
export function AbortAfter(ms: number): SpBehavior {
  return (instance) => {
    instance.on.pre(async (url, init, result) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), ms) as unknown as { unref?: () => void };
      timer.unref?.();
      init.signal = controller.signal;
      return [url, init, result];
    });
    return instance;
  };
}

/**
 * PnPjs's DefaultParse, less the copy of every answer without its whitespace that it makes to see whether
 * the body is empty (a regex over the whole text: some 25 ms for a view's batch at scale); trim() tells
 * the same. Errors are checked as before, and an empty or blank body is still {}.
 */
export function JsonParse(): SpBehavior {
  return parseBinderWithErrorCheck(async (response) => {
    if ((response.headers.has('Content-Length') && parseFloat(response.headers.get('Content-Length') as string) === 0) || response.status === 204) return {};
    const text = await response.text();
    return parseODataJSON(text.trim().length > 0 ? JSON.parse(text) : {});
  });
}

/**
 * The web part's client: for the site it runs on, or for another site by URL (the procurement site,
 * when the web part runs in a Teams personal app on the tenant's root site or on another team's site).
 */
export function getSP(context: SpfxContextLike, siteUrl?: string): SPFI {
  return (siteUrl ? spfi(siteUrl) : spfi()).using(SPFx(context), BrowserFetchWithRetry({ retries: RETRIES, interval: 500 }), JsonParse(), AbortAfter(REQUEST_TIMEOUT_MS));
}

/** The form digest a SharePoint page carries for its own site (SPFx takes it from the page context). */
export interface PageDigest {
  value: string;
  expiresAt: Date;
}

export function getSPForSite(siteUrl: string, ...behaviors: SpBehavior[]): SPFI {
  return siteClient(siteUrl, undefined, behaviors);
}

/**
 * The client for the site a page belongs to, using the digest the page was served with for its first
 * POST (a $batch), as SPFx does with the page context, instead of asking contextinfo for one. Other
 * sites, and this one once the page's digest has expired, still ask.
 */
export function getSPForPageSite(siteUrl: string, digest: PageDigest, ...behaviors: SpBehavior[]): SPFI {
  return siteClient(siteUrl, digest, behaviors);
}

function siteClient(siteUrl: string, digest: PageDigest | undefined, behaviors: SpBehavior[]): SPFI {
  const ownApi = `${siteUrl.replace(/\/+$/, '')}/_api/`.toLowerCase();
  const fromPage = digest ? (url: string) => (url.toLowerCase().startsWith(ownApi) ? { value: digest.value, expiration: digest.expiresAt } : null) : undefined;
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry({ retries: RETRIES, interval: 500 }),
    JsonParse(),
    RequestDigest(fromPage),
    AbortAfter(REQUEST_TIMEOUT_MS),
    ...behaviors
  );
}
