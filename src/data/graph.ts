import { graphfi, GraphFI, SPFx, DefaultHeaders, DefaultInit } from '@pnp/graph';
import { BrowserFetchWithRetry, DefaultParse, Queryable } from '@pnp/queryable';
import '@pnp/graph/users';
import '@pnp/graph/mail';
import { AbortAfter, REQUEST_TIMEOUT_MS } from './sp';
import { MailSender, MailMessage, toMailError } from './mail';

export type { MailMessage, MailSender, MailFailureKind } from './mail';
export { MailError, MAIL_NOT_APPROVED, graphMessage, toMailError } from './mail';

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
