import { SPFI } from '@pnp/sp';
import { AssessmentPeriod } from '../domain/periods';
import { ScrutinyChallenge } from '../domain/scrutiny';
import { SignOffAction } from '../domain/signOff';
import type { NotifyLinks } from '../ui/links';
import { serverMessage } from './errors';
import { MailSender, toMailError } from './mail';
import { GROUPS } from './siteService';

/**
 * Emails sent when an assessment moves through sign-off or a councillor raises a challenge, each with
 * a link that opens the right period (and index) in the Assessment tab. They go through Microsoft
 * Graph as the signed-in person (SharePoint's SendEmail was retired on 31 October 2025); who receives
 * them is read from the site's SharePoint groups. Text people typed is escaped: the body is HTML.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface Notice {
  to: string[];
  subject: string;
  /** Paragraphs of plain text; escaped and joined into the HTML body. */
  paragraphs: string[];
  link?: { text: string; href: string };
}

export function noticeBody(notice: Notice): string {
  const paragraphs = notice.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  if (notice.link) paragraphs.push(`<p><a href="${escapeHtml(notice.link.href)}">${escapeHtml(notice.link.text)}</a></p>`);
  return paragraphs.join('');
}

/** What notifications need: SharePoint to find the recipients, a mail sender to reach them. */
export interface NotifyServices {
  sp: SPFI;
  mail: MailSender;
}

/** Why an email was not sent, as the sentence the view shows. */
class NotSent extends Error {}

async function groupEmails(sp: SPFI, title: string): Promise<string[]> {
  try {
    const users: Array<{ Email?: string }> = await sp.web.siteGroups.getByName(title).users.select('Email')();
    return users.map((u) => u.Email ?? '').filter(Boolean);
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 401 || status === 403) {
      throw new NotSent(`you are not allowed to see who is in ${title} (a site owner can let everyone see its members in the group's settings, Who can view the membership of the group)`);
    }
    const said = serverMessage(e as { message?: string }).replace(/\.+$/, '') || (status === undefined ? 'it did not answer; check your connection' : `HTTP ${status}`);
    throw new NotSent(`SharePoint could not list who is in ${title} (${said})`);
  }
}

async function send(services: NotifyServices, notice: Notice): Promise<void> {
  if (notice.to.length === 0) return;
  try {
    await services.mail.send({ to: notice.to, subject: notice.subject, html: noticeBody(notice) });
  } catch (e) {
    throw new NotSent(toMailError(e).message);
  }
}

/** The warning for a step that was saved but whose email did not go. */
function notSentWarning(audience: string, error: unknown): string {
  const reason = error instanceof NotSent ? error.message : toMailError(error).message;
  return `The email to ${audience} was not sent: ${reason}. Let them know another way.`;
}

/**
 * Tells the people who act next. Returns a warning to show when the email could not be sent; the
 * sign-off itself has already been saved, so a mail failure never undoes it.
 */
export async function notifySignOff(
  services: NotifyServices,
  period: AssessmentPeriod,
  action: SignOffAction,
  actorName: string,
  links: NotifyLinks = {}
): Promise<string | undefined> {
  const { sp } = services;
  // Approvers sign off on the dashboard page; officers work in the assessment.
  const href = (action === 'submit' ? links.approvers : links.officers)?.({ periodName: period.name });
  const open = href ? { text: `Open the ${period.name} assessment`, href } : undefined;
  const audience = action === 'submit' ? 'approvers' : 'officers';
  try {
    if (action === 'submit') {
      await send(services, {
        to: await groupEmails(sp, GROUPS.approvers),
        subject: `Procurement maturity ${period.name}: ready for sign-off`,
        paragraphs: [`${actorName} has submitted the ${period.name} procurement maturity self-assessment for sign-off.`, 'Please sign it off or return it with your comments.'],
        link: open,
      });
    } else if (action === 'return') {
      await send(services, {
        to: [period.submittedBy?.email ?? '', ...(await groupEmails(sp, GROUPS.officers))].filter((e, i, all) => e && all.indexOf(e) === i),
        subject: `Procurement maturity ${period.name}: returned for changes`,
        paragraphs: [`${actorName} has returned the ${period.name} assessment for changes:`, period.returnComment],
        link: open,
      });
    } else if (action === 'signOff') {
      await send(services, {
        to: await groupEmails(sp, GROUPS.officers),
        subject: `Procurement maturity ${period.name}: signed off`,
        paragraphs: [`${actorName} has signed off the ${period.name} procurement maturity self-assessment. It is now the council's record and is open for scrutiny review.`],
        link: open,
      });
    }
    return undefined;
  } catch (e) {
    return notSentWarning(audience, e);
  }
}

export async function notifyChallenge(
  services: NotifyServices,
  challenge: ScrutinyChallenge,
  indexTitle: string,
  links: NotifyLinks = {}
): Promise<string | undefined> {
  // Officers answer challenges in the scrutiny review.
  const href = links.challenges?.({ periodName: challenge.periodName, indexId: challenge.indexId || undefined });
  try {
    await send(services, {
      to: await groupEmails(services.sp, GROUPS.officers),
      subject: `Scrutiny challenge on ${indexTitle} (${challenge.periodName})`,
      paragraphs: [`${challenge.raisedBy?.displayName ?? 'A councillor'} has raised a challenge on ${indexTitle}:`, challenge.text, 'Please answer it in the scrutiny review.'],
      link: href ? { text: `Open ${indexTitle} in the assessment`, href } : undefined,
    });
    return undefined;
  } catch (e) {
    return notSentWarning('officers', e);
  }
}

/**
 * Tells the councillor who raised a challenge that an officer has answered it (or revised the answer),
 * with a link to the scrutiny review page in SharePoint (councillors do not use Teams).
 */
export async function notifyResponse(
  services: NotifyServices,
  challenge: ScrutinyChallenge,
  indexTitle: string,
  reviewLink?: (target: { periodName?: string; indexId?: string }) => string | undefined
): Promise<string | undefined> {
  const to = challenge.raisedBy?.email;
  const who = challenge.raisedBy?.displayName ?? 'the councillor';
  if (!to) return `The email to ${who} was not sent: SharePoint has no email address for them. Let them know another way.`;
  const href = reviewLink?.({ periodName: challenge.periodName, indexId: challenge.indexId || undefined });
  try {
    await send(services, {
      to: [to],
      subject: `Response to your scrutiny challenge on ${indexTitle} (${challenge.periodName})`,
      paragraphs: [
        `${challenge.respondedBy?.displayName ?? 'An officer'} has answered your challenge on ${indexTitle}:`,
        challenge.text,
        'The response:',
        challenge.response,
        'You can close the challenge if you are satisfied, or reopen it later for a further answer.',
      ],
      link: href ? { text: `Open the scrutiny review of ${indexTitle}`, href } : undefined,
    });
    return undefined;
  } catch (e) {
    return notSentWarning(who, e);
  }
}

/** Tells officers that a councillor reopened a challenge and wants a further answer. */
export async function notifyReopened(services: NotifyServices, challenge: ScrutinyChallenge, indexTitle: string, links: NotifyLinks = {}): Promise<string | undefined> {
  const href = links.challenges?.({ periodName: challenge.periodName, indexId: challenge.indexId || undefined });
  try {
    await send(services, {
      to: await groupEmails(services.sp, GROUPS.officers),
      subject: `Scrutiny challenge reopened on ${indexTitle} (${challenge.periodName})`,
      paragraphs: [
        `${challenge.raisedBy?.displayName ?? 'A councillor'} has reopened their challenge on ${indexTitle} and is waiting for a further answer:`,
        challenge.text,
        'Please revise the answer in the scrutiny review.',
      ],
      link: href ? { text: `Open ${indexTitle} in the scrutiny review`, href } : undefined,
    });
    return undefined;
  } catch (e) {
    return notSentWarning('officers', e);
  }
}
