/**
 * Mail as the signed-in person, as the app sees it: a sender, and why a message was not sent. The Graph
 * client behind it (graph.ts) loads only when the first message is sent, so it is not part of any web
 * part's first load.
 */

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


/** A sender whose real one is made on first use (the Graph client is a lazily loaded chunk). */
export function mailOnDemand(load: () => Promise<MailSender>): MailSender {
  let sender: Promise<MailSender> | undefined;
  return {
    async send(message: MailMessage): Promise<void> {
      sender = sender ?? load();
      let real: MailSender;
      try {
        real = await sender;
      } catch (e) {
        sender = undefined; // try loading again next time
        throw toMailError(e);
      }
      return real.send(message);
    },
  };
}
