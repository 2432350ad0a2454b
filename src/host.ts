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

export type LinkTo = (target: LinkTarget) => string;

/**
 * Where the app can be opened. Officers work in Teams; managers and councillors open SharePoint pages,
 * whose addresses are configured (tenant properties), never guessed.
 */
export interface HostLinks {
  /** The Assessment personal app in Teams. */
  teamsAssessment?: LinkTo;
  /** The SharePoint pages that hold each web part, where configured. */
  pages: { assessment?: string; dashboard?: string; scrutiny?: string };
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
  /** Where links to the app go; each audience gets its own (see ui/links.ts). None when unknown. */
  links?: HostLinks;
  /** Where the procurement site setting came from, to explain a wrong one. */
  siteSource?: 'webPart' | 'tenant' | 'thisSite';
  /** Called with a new theme when Teams switches theme while the tab is open. */
  onThemeChange?: (listener: (theme: HostTheme) => void) => void;
}

export function isTeams(host: HostContext): boolean {
  return host.kind === 'TeamsTab' || host.kind === 'TeamsPersonalApp';
}
