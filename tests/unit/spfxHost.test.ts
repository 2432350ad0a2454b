import { hostContextFromSpfx } from '../../src/webparts/spfxHost';
import { parseTarget } from '../../src/ui/deepLinks';

type Ctx = Parameters<typeof hostContextFromSpfx>[0];

const pageContext = {
  web: { absoluteUrl: 'https://borsetshire.sharepoint.com/sites/procurement' },
  user: { displayName: 'Aisha Khan', loginName: 'aisha.khan@borsetshire.example', email: 'aisha.khan@borsetshire.example' },
  cultureInfo: { currentUICultureName: 'en-GB' },
};

function teamsContext(overrides: Record<string, unknown>) {
  const handlers: Array<(theme: string) => void> = [];
  const teamsJs = {
    app: {
      getContext: async () => ({ app: { theme: 'default', locale: 'en-GB' }, page: { id: 'tab', subPageId: '' }, ...overrides }),
      registerOnThemeChangeHandler: (h: (theme: string) => void) => handlers.push(h),
    },
  };
  return { context: { pageContext, sdks: { microsoftTeams: { teamsJs } } } as unknown as Ctx, handlers };
}

describe('where the web part finds itself', () => {
  it('on a SharePoint page uses the page context, and links into Teams only with the app id the tenant gave it', async () => {
    const host = await hostContextFromSpfx({ pageContext, sdks: {} } as unknown as Ctx);
    expect(host).toMatchObject({ kind: 'SharePoint', siteUrl: pageContext.web.absoluteUrl, theme: 'default', locale: 'en-GB', user: { displayName: 'Aisha Khan' } });
    // No catalog id configured: no Teams link is guessed.
    expect(host.links!.teamsAssessment).toBeUndefined();
    const site = {
      siteUrl: 'https://borsetshire.sharepoint.com/sites/procurement',
      source: 'tenant' as const,
      pages: { dashboard: 'https://borsetshire.sharepoint.com/sites/procurement/SitePages/Dashboard.aspx' },
      teamsAppId: '0f8e2b6a-1c3d-4e5f-8a9b-7c6d5e4f3a2b',
    };
    const configured = await hostContextFromSpfx({ pageContext, sdks: {} } as unknown as Ctx, site);
    expect(configured).toMatchObject({ siteUrl: site.siteUrl, siteSource: 'tenant', links: { pages: site.pages } });
    expect(configured.links!.teamsAssessment!({ periodName: '2025/26' })).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/entity\/0f8e2b6a-1c3d-4e5f-8a9b-7c6d5e4f3a2b\/nps-maturity-assessment\?/);
  });

  it('in a channel tab reads team, channel, theme, locale and the deep link from the Teams SDK', async () => {
    const { context } = teamsContext({
      app: { theme: 'dark', locale: 'cy-GB' },
      team: { displayName: 'Procurement' },
      channel: { id: '19:abc', displayName: 'Maturity' },
      page: { id: 'tab', subPageId: 'period=2024%2F25&index=developing-talent' },
    });
    const host = await hostContextFromSpfx(context);
    expect(host).toMatchObject({ kind: 'TeamsTab', theme: 'dark', locale: 'cy-GB', teams: { teamName: 'Procurement', channelName: 'Maturity' } });
    expect(parseTarget(host.teams!.subPageId)).toEqual({ periodName: '2024/25', indexId: 'developing-talent' });
  });

  it('as a personal app, and follows a theme switch made while open', async () => {
    const { context, handlers } = teamsContext({ app: { theme: 'contrast', locale: 'en-GB' } });
    const host = await hostContextFromSpfx(context);
    expect(host).toMatchObject({ kind: 'TeamsPersonalApp', theme: 'contrast' });
    const seen: string[] = [];
    host.onThemeChange!((t) => seen.push(t));
    handlers.forEach((h) => h('dark'));
    handlers.forEach((h) => h('something-new'));
    expect(seen).toEqual(['dark', 'default']);
  });

  it("on a SharePoint page takes the section's theme from SPFx and follows an editor's change of background", async () => {
    let changed: (theme: unknown) => void = () => undefined;
    const strong = { isInverted: true, palette: { themePrimary: '#03787c' }, semanticColors: { bodyBackground: '#03787c', bodyText: '#ffffff' } };
    const themes = { tryGetTheme: () => strong as never, onChange: (l: (t: never) => void) => { changed = l as (t: unknown) => void; } };
    const host = await hostContextFromSpfx({ pageContext, sdks: {} } as unknown as Ctx, undefined, themes);
    expect(host.section).toMatchObject({ background: '#03787c', text: '#ffffff', primary: '#03787c', isInverted: true });
    const seen: unknown[] = [];
    host.onSectionChange!((s) => seen.push(s));
    changed({ semanticColors: { bodyBackground: '#f3f2f1', bodyText: '#323130' } });
    expect(seen).toEqual([expect.objectContaining({ background: '#f3f2f1', text: '#323130' })]);
    // In Teams the Teams theme decides, whatever the site's theme.
    const { context } = teamsContext({ app: { theme: 'dark', locale: 'en-GB' } });
    const inTeams = await hostContextFromSpfx(context, undefined, themes);
    expect(inTeams.section).toBeUndefined();
    expect(inTeams.onSectionChange).toBeUndefined();
  });
});
