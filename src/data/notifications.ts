import { SPFI } from '@pnp/sp';
import { AssessmentPeriod } from '../domain/periods';
import { ScrutinyChallenge } from '../domain/scrutiny';
import { SignOffAction } from '../domain/signOff';
import { LinkTarget } from '../host';
import { toDataError } from './errors';
import { GROUPS } from './siteService';

/**
 * Emails sent through SharePoint when an assessment moves through sign-off or a councillor raises a
 * challenge, each with a link that opens the right period (and index) in the Assessment tab. Text
 * people typed is escaped: SharePoint sends the body as HTML.
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

async function groupEmails(sp: SPFI, title: string): Promise<string[]> {
  const users: Array<{ Email?: string }> = await sp.web.siteGroups.getByName(title).users.select('Email')();
  return users.map((u) => u.Email ?? '').filter(Boolean);
}

async function send(sp: SPFI, notice: Notice): Promise<void> {
  if (notice.to.length === 0) return;
  await sp.utility.sendEmail({ To: notice.to, Subject: notice.subject, Body: noticeBody(notice) });
}

/**
 * Tells the people who act next. Returns a warning to show when the email could not be sent; the
 * sign-off itself has already been saved, so a mail failure never undoes it.
 */
export async function notifySignOff(
  sp: SPFI,
  period: AssessmentPeriod,
  action: SignOffAction,
  actorName: string,
  link?: (target: LinkTarget) => string
): Promise<string | undefined> {
  const href = link?.({ periodName: period.name });
  const open = href ? { text: `Open the ${period.name} assessment`, href } : undefined;
  try {
    if (action === 'submit') {
      await send(sp, {
        to: await groupEmails(sp, GROUPS.approvers),
        subject: `Procurement maturity ${period.name}: ready for sign-off`,
        paragraphs: [`${actorName} has submitted the ${period.name} procurement maturity self-assessment for sign-off.`, 'Please sign it off or return it with your comments.'],
        link: open,
      });
    } else if (action === 'return') {
      await send(sp, {
        to: [period.submittedBy?.email ?? '', ...(await groupEmails(sp, GROUPS.officers))].filter((e, i, all) => e && all.indexOf(e) === i),
        subject: `Procurement maturity ${period.name}: returned for changes`,
        paragraphs: [`${actorName} has returned the ${period.name} assessment for changes:`, period.returnComment],
        link: open,
      });
    } else if (action === 'signOff') {
      await send(sp, {
        to: await groupEmails(sp, GROUPS.officers),
        subject: `Procurement maturity ${period.name}: signed off`,
        paragraphs: [`${actorName} has signed off the ${period.name} procurement maturity self-assessment. It is now the council's record and is open for scrutiny review.`],
        link: open,
      });
    }
    return undefined;
  } catch (e) {
    return `Saved, but the email could not be sent (${toDataError(e).message}) Let colleagues know another way.`;
  }
}

export async function notifyChallenge(
  sp: SPFI,
  challenge: ScrutinyChallenge,
  indexTitle: string,
  link?: (target: LinkTarget) => string
): Promise<string | undefined> {
  const href = link?.({ periodName: challenge.periodName, indexId: challenge.indexId || undefined });
  try {
    await send(sp, {
      to: await groupEmails(sp, GROUPS.officers),
      subject: `Scrutiny challenge on ${indexTitle} (${challenge.periodName})`,
      paragraphs: [`${challenge.raisedBy?.displayName ?? 'A councillor'} has raised a challenge on ${indexTitle}:`, challenge.text, 'Please answer it in the scrutiny review.'],
      link: href ? { text: `Open ${indexTitle} in the assessment`, href } : undefined,
    });
    return undefined;
  } catch (e) {
    return `Saved, but the email to officers could not be sent (${toDataError(e).message})`;
  }
}
