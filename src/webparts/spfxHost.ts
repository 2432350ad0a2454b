import type { WebPartContext } from '@microsoft/sp-webpart-base';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import { HostContext, HostKind, HostTheme, SectionColours } from '../host';
import type { ProcurementSite } from '../data/procurementSite';
import { TEAMS_ASSESSMENT_ENTITY, teamsTabLink } from '../ui/deepLinks';

function asHostTheme(theme: string | undefined): HostTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** The colours a view needs from the section's theme (SPFx theme variants); undefined without one. */
export function sectionColours(theme: IReadonlyTheme | undefined): SectionColours | undefined {
  const semantic = theme?.semanticColors;
  if (!semantic?.bodyBackground || !semantic.bodyText) return undefined;
  return {
    background: semantic.bodyBackground,
    text: semantic.bodyText,
    subtext: semantic.bodySubtext,
    link: semantic.link,
    border: semantic.inputBorder,
    error: semantic.errorText,
    primary: semantic.primaryButtonBackground ?? theme?.palette?.themePrimary,
    primaryText: semantic.primaryButtonText,
    isInverted: theme?.isInverted,
  };
}

/**
 * The section's theme, from SPFx's ThemeProvider service (the web part class consumes it and subscribes
 * to its themeChangedEvent): the theme now, and a call when an editor changes the section's background.
 */
export interface SectionThemeSource {
  tryGetTheme(): IReadonlyTheme | undefined;
  onChange(listener: (theme: IReadonlyTheme | undefined) => void): void;
}

/**
 * Adapts the SPFx context to the small HostContext the views take. Inside Teams the details come from
 * the Teams SDK that SPFx provides (user, team, channel, locale, theme), not from guessing at the URL.
 */
export async function hostContextFromSpfx(context: WebPartContext, site?: ProcurementSite, themes?: SectionThemeSource): Promise<HostContext> {
  const page = context.pageContext;
  const base: HostContext = {
    kind: 'SharePoint',
    // The procurement site, wherever the web part itself runs (a personal app runs on the root site).
    siteUrl: site?.siteUrl ?? page.web.absoluteUrl,
    siteSource: site?.source,
    user: { displayName: page.user.displayName, loginName: page.user.loginName, email: page.user.email },
    theme: 'default',
    // A web part on a dark or coloured section takes that section's colours, and follows a change.
    section: sectionColours(themes?.tryGetTheme()),
    onSectionChange: themes ? (listener) => themes.onChange((theme) => listener(sectionColours(theme))) : undefined,
    locale: page.cultureInfo.currentUICultureName || 'en-GB',
    // Officers' links open the Assessment personal app in Teams; managers' and councillors' the SharePoint
    // pages configured for the tenant (ui/links.ts).
    links: {
      // The catalog id Teams gave the app in this tenant: without it, officers' links go to the SharePoint page.
      teamsAssessment: site?.teamsAppId ? (target) => teamsTabLink(site.teamsAppId as string, TEAMS_ASSESSMENT_ENTITY, target) : undefined,
      pages: site?.pages ?? {},
    },
  };

  const teamsJs = context.sdks.microsoftTeams?.teamsJs;
  if (!teamsJs) return base;

  const teams = await teamsJs.app.getContext();
  const kind: HostKind = teams.channel?.id || teams.chat?.id ? 'TeamsTab' : 'TeamsPersonalApp';
  return {
    ...base,
    kind,
    theme: asHostTheme(teams.app.theme),
    // In Teams the Teams theme decides the colours, not the SharePoint site's.
    section: undefined,
    onSectionChange: undefined,
    locale: teams.app.locale || base.locale,
    teams: { teamName: teams.team?.displayName, channelName: teams.channel?.displayName, subPageId: teams.page.subPageId },
    onThemeChange: (listener) => teamsJs.app.registerOnThemeChangeHandler((theme: string) => listener(asHostTheme(theme))),
  };
}
