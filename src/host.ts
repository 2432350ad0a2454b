/**
 * What a view needs to know about where it runs. Web part classes build this from the SPFx context
 * (and, inside Teams, from the Teams SDK), and the local preview builds it from its own page, so that
 * views never import SharePoint Framework runtime modules.
 */

export type HostKind = 'SharePoint' | 'TeamsTab' | 'TeamsPersonalApp' | 'Preview';

/** The three Teams themes; SharePoint pages use the site's theme, which is "default" here. */
export type HostTheme = 'default' | 'dark' | 'contrast';

/**
 * The colours of the SharePoint page section a web part sits in, from the section's theme variant
 * (SPFx gives it to web parts whose manifest sets supportsThemeVariants). Plain #rrggbb strings, so that
 * views need no SPFx types; ui/palette.ts makes sure what is drawn with them is readable.
 */
export interface SectionColours {
  background: string;
  text: string;
  subtext?: string;
  link?: string;
  border?: string;
  error?: string;
  /** The theme's primary colour (primary buttons, chart bars), and text on it. */
  primary?: string;
  primaryText?: string;
  /** The variant is dark (a strong section, or a dark site theme). */
  isInverted?: boolean;
}

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
  /** Opens "Give your views" (the link in an invitation to give views). */
  views?: boolean;
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
  /** On a SharePoint page: the colours of the section the web part is in. */
  section?: SectionColours;
  /** Called with the section's new colours when an editor changes the section's background. */
  onSectionChange?: (listener: (section: SectionColours | undefined) => void) => void;
  /** Called with a new theme when Teams switches theme while the tab is open. */
  onThemeChange?: (listener: (theme: HostTheme) => void) => void;
}

export function isTeams(host: HostContext): boolean {
  return host.kind === 'TeamsTab' || host.kind === 'TeamsPersonalApp';
}
