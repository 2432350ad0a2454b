/**
 * What a view needs to know about where it runs. Web part classes build this from the SPFx context
 * (and, inside Teams, from the Teams SDK), and the local preview builds it from its own page, so that
 * views never import SharePoint Framework runtime modules.
 */

export type HostKind = 'SharePoint' | 'TeamsTab' | 'TeamsPersonalApp' | 'Preview';

/** The three Teams themes; SharePoint pages use the site's theme, which is "default" here. */
export type HostTheme = 'default' | 'dark' | 'contrast';

export interface HostUser {
  displayName: string;
  loginName: string;
  email: string;
}

export interface TeamsDetails {
  teamName?: string;
  channelName?: string;
  /** The deep-link payload (subPageId / subEntityId) that opened the tab, if any. */
  subPageId?: string;
}

/** A period and, optionally, one key area or enabler within it: what a deep link opens. */
export interface LinkTarget {
  periodName?: string;
  indexId?: string;
}

export interface HostContext {
  kind: HostKind;
  /** Absolute URL of the SharePoint site that holds the lists. */
  siteUrl: string;
  user: HostUser;
  theme: HostTheme;
  /** BCP 47 locale of the user, e.g. en-GB. */
  locale: string;
  teams?: TeamsDetails;
  /** Where "open in the assessment" links go (the Teams tab, or the preview's tab); none when unknown. */
  assessmentLink?: (target: LinkTarget) => string;
  /** Called with a new theme when Teams switches theme while the tab is open. */
  onThemeChange?: (listener: (theme: HostTheme) => void) => void;
}

export function isTeams(host: HostContext): boolean {
  return host.kind === 'TeamsTab' || host.kind === 'TeamsPersonalApp';
}
