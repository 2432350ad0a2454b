import type { Person } from './actions';
import { FieldProblem, checkLength } from './validation';

/**
 * Sharing the scrutiny review with overview and scrutiny councillors through Microsoft 365 sharing:
 * who may share, what the invitation says, and the sharing log as the council reads it.
 */

/** Invitations carry a message the sharer writes; SharePoint puts it in the email with the link. */
export const SHARE_MESSAGE_LIMIT = 2000;

/** Someone chosen from the council's directory (people search), who may not be on the site yet. */
export interface DirectoryChoice {
  /** Claims login name, as the people picker gives it. */
  loginName: string;
  displayName: string;
  email?: string;
}

export interface ShareRequest {
  people: DirectoryChoice[];
  message: string;
  /** The scrutiny review page the invitation links to. */
  pageUrl: string;
  /** The signed-off year the review is shared for, when there is one. */
  periodName?: string;
}

/** What the invitation says unless the sharer changes it. */
export function defaultShareMessage(periodName: string | undefined, sharerName: string): string {
  const year = periodName ? `the signed-off ${periodName} procurement maturity self-assessment` : "the council's signed-off procurement maturity self-assessment";
  return `Please review ${year} and raise any challenges for officers to answer on the scrutiny review page. You can open it in SharePoint from this email; you do not need Teams.\n\n${sharerName}`;
}

export function invitationSubject(periodName: string | undefined): string {
  return periodName ? `Scrutiny review: procurement maturity ${periodName}` : 'Scrutiny review: procurement maturity';
}

export function validateShareRequest(request: ShareRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.people.length === 0) problems.push({ field: 'people', message: 'Choose at least one person to share the review with.' });
  checkLength(problems, 'message', 'The message', request.message, SHARE_MESSAGE_LIMIT);
  if (!/^https?:\/\//i.test(request.pageUrl)) {
    problems.push({ field: 'pageUrl', message: 'The scrutiny review page is not known, so there is no link to share. A SharePoint administrator sets it as the NpsMaturityScrutinyPageUrl tenant property.' });
  }
  return problems;
}

export type ShareAction = 'Shared' | 'Access removed';

/** An entry in the Scrutiny sharing log: who (Created By) shared with or removed whom, when (Created). */
export interface ScrutinyShareRecord {
  id: number;
  /** The person shared with, by login name, and their name when it was recorded. */
  personLogin: string;
  personName: string;
  action: string;
  periodName: string;
  message: string;
  by?: Person;
  on: string;
}

/** A person in Scrutiny members, with who last shared the review with them and when, from the log. */
export interface ScrutinyMember {
  id: number;
  displayName: string;
  email: string;
  loginName: string;
  sharedBy?: Person;
  sharedOn?: string;
}

/** The group's members with the latest "Shared" entry for each (logins compared without case), names in order. */
export function membersWithSharing(members: readonly Omit<ScrutinyMember, 'sharedBy' | 'sharedOn'>[], log: readonly ScrutinyShareRecord[]): ScrutinyMember[] {
  const latest = new Map<string, ScrutinyShareRecord>();
  for (const entry of [...log].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id))) {
    if (entry.action === 'Shared') latest.set(entry.personLogin.toLowerCase(), entry);
  }
  return members
    .map((m) => {
      const shared = latest.get(m.loginName.toLowerCase());
      return shared ? { ...m, sharedBy: shared.by, sharedOn: shared.on } : { ...m };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'));
}
