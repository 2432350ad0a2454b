import { graphfi, GraphFI, SPFx, DefaultHeaders, DefaultInit } from '@pnp/graph';
import { BrowserFetchWithRetry, DefaultParse, Queryable } from '@pnp/queryable';
import '@pnp/graph/users';
import '@pnp/graph/mail';
import { AbortAfter, REQUEST_TIMEOUT_MS } from './sp';

/**
 * The one place the Microsoft Graph client is made, and the mail sender built on it. In a web part
 * the client comes from the SPFx context (a token for the scopes an administrator approved, here
 * Mail.Send, requested in config/package-solution.json); the local preview and the tests point the
 * same behaviours at the local service's /v1.0 routes. Views and the workflow only see MailSender.
 */

/** What PnPjs's Graph SPFx behaviour reads from the web part context. */
export type GraphSpfxContextLike = Parameters<typeof SPFx>[0];

export type GraphBehavior = (instance: Queryable) => Queryable;

/** Throttled (429) and busy (503, 504) answers are retried, waiting as long as Retry-After asks. */
const RETRIES = 4;

export function getGraph(context: GraphSpfxContextLike): GraphFI {
  return graphfi().using(SPFx(context), BrowserFetchWithRetry({ retries: RETRIES, interval: 500 }), AbortAfter(REQUEST_TIMEOUT_MS));
}

/**
 * A Graph client for any Graph base URL including the version, e.g. `http://localhost:4321/v1.0` for
 * the local service; extra behaviours (such as LocalUser) name the caller there.
 */
export function getGraphForBase(baseUrl: string, ...behaviors: GraphBehavior[]): GraphFI {
  const base = baseUrl.replace(/\/+$/, '');
  return graphfi(base).using(
    DefaultHeaders(),
    DefaultInit(base),
    BrowserFetchWithRetry({ retries: RETRIES, interval: 500 }),
    DefaultParse(),
    AbortAfter(REQUEST_TIMEOUT_MS),
    ...behaviors
  );
}

// ---- mail ---------------------------------------------------------------------------------------

export interface MailMessage {
  to: string[];
  subject: string;
  /** The HTML body; whoever builds it escapes what people typed. */
  html: string;
}

/** Sends mail as the signed-in person. Rejects with a MailError that says why it was not sent. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

export type MailFailureKind = 'notApproved' | 'offline' | 'busy' | 'refused';

/**
 * Why an email was not sent. `message` completes the sentence "The email to … was not sent: …" and
 * names what to do where someone can do something.
 */
export class MailError extends Error {
  public readonly kind: MailFailureKind;
  public readonly status?: number;

  constructor(kind: MailFailureKind, message: string, status?: number) {
    super(message);
    this.name = 'MailError';
    this.kind = kind;
    this.status = status;
  }
}

export const MAIL_NOT_APPROVED =
  "an administrator has not yet approved this app's Mail.Send permission for Microsoft Graph (SharePoint admin centre, Advanced, API access)";

/** Graph's own words from an error body ({"error":{"code","message"}}), when it sent one. */
export function graphMessage(error: unknown): string {
  const text = String((error as { message?: unknown })?.message ?? '');
  const at = text.indexOf('::> ');
  if (at < 0) return '';
  try {
    const body = JSON.parse(text.slice(at + 4)) as { error?: { message?: unknown } };
    const message = body.error?.message;
    return typeof message === 'string' ? message : '';
  } catch {
    return '';
  }
}

/**
 * Turns whatever the Graph client threw into a MailError. Without an approved Mail.Send permission,
 * SPFx cannot get a token (an AADSTS65001 / consent error before any request) or Graph answers 401/403.
 */
export function toMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const e = (error ?? {}) as { status?: number; message?: string; name?: string };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const text = e.message ?? '';
  if (status === 401 || status === 403 || (status === undefined && /AADSTS65001|consent_required|interaction_required|has not consented|not consented|invalid_grant/i.test(text))) {
    return new MailError('notApproved', MAIL_NOT_APPROVED, status);
  }
  if (status === 429 || status === 503 || status === 504 || /Retry count exceeded/.test(text)) {
    return new MailError('busy', 'Microsoft Graph is busy and asked us to wait; try again in a few minutes', status);
  }
  if (e.name === 'AbortError') return new MailError('offline', 'Microsoft Graph did not answer in time (check your connection)');
  if (status === undefined && (error instanceof TypeError || /fetch|network/i.test(text))) {
    return new MailError('offline', 'Microsoft Graph could not be reached (check your connection)');
  }
  const said = graphMessage(error).trim().replace(/\.+$/, '');
  if (said) return new MailError('refused', `Microsoft Graph refused it: ${said}`, status);
  return new MailError('refused', `Microsoft Graph refused it${status ? ` (HTTP ${status})` : text ? `: ${text.replace(/\.+$/, '')}` : ''}`, status);
}

/** POST /me/sendMail: the message goes from the signed-in person's mailbox and is kept in their Sent Items. */
export function graphMailSender(graph: GraphFI): MailSender {
  return {
    async send(message: MailMessage): Promise<void> {
      try {
        await graph.me.sendMail(
          {
            subject: message.subject,
            body: { contentType: 'html', content: message.html },
            toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
          },
          true
        );
      } catch (e) {
        throw toMailError(e);
      }
    },
  };
}
