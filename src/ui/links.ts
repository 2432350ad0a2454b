import { HostLinks, LinkTarget } from '../host';
import { pageLink } from './deepLinks';

/** Who a link is for: officers may open Teams; managers and councillors open SharePoint pages. */
export type Audience = 'officers' | 'managers' | 'councillors';
export type View = 'assessment' | 'dashboard' | 'scrutiny';

/**
 * A link to a view for an audience, or undefined when there is nowhere right to send them: a page that
 * is not configured is never guessed, and councillors, who do not use Teams, never get a Teams link.
 */
export function linkFor(links: HostLinks | undefined, audience: Audience, view: View, target: LinkTarget): string | undefined {
  if (!links) return undefined;
  if (audience === 'officers' && view === 'assessment' && links.teamsAssessment) return links.teamsAssessment(target);
  const page = links.pages[view];
  return page ? pageLink(page, target) : undefined;
}

export type MaybeLinkTo = (target: LinkTarget) => string | undefined;

/** The links each notification carries, by who receives it. */
export interface NotifyLinks {
  /** To approvers: the dashboard, where they sign off or return (else the assessment page). */
  approvers?: MaybeLinkTo;
  /** To officers: the assessment, in Teams where it is there. */
  officers?: MaybeLinkTo;
  /** To officers about a challenge: the scrutiny review, where they answer it. */
  challenges?: MaybeLinkTo;
}

export function notificationLinks(links: HostLinks | undefined): NotifyLinks {
  return {
    approvers: (t) => linkFor(links, 'managers', 'dashboard', t) ?? linkFor(links, 'managers', 'assessment', t),
    officers: (t) => linkFor(links, 'officers', 'assessment', t),
    challenges: (t) => linkFor(links, 'officers', 'scrutiny', t) ?? linkFor(links, 'officers', 'assessment', t),
  };
}
