import * as React from 'react';
import * as ReactDom from 'react-dom';
import { getSPForPageSite, getSPForSite, PageDigest } from '../../src/data/sp';
import { createDataServices, DataServices } from '../../src/data/services';
import { findProcurementSite, ProcurementSite } from '../../src/data/procurementSite';
import { mailOnDemand } from '../../src/data/mail';
import { AssessmentApp } from '../../src/ui/views/AssessmentApp';
import { ProcurementDashboardApp } from '../../src/ui/views/ProcurementDashboardApp';
import { ScrutinyReviewApp } from '../../src/ui/views/ScrutinyReviewApp';
import type { FrameworkSource } from '../../src/framework/builtIn';
import { HostContext, HostTheme, SectionColours } from '../../src/host';
import { SECTIONS, SectionName, sectionName } from './sections';
import { encodeTarget, parseTarget } from '../../src/ui/deepLinks';
import { formatUkDateTime } from '../../src/domain/dates';
import { DIRECTORY, ORGANISATION, SITE_OWNER, DirectoryPerson } from '../server/directory';

/*
 * The local preview page: the product's real views, hosted the way Teams and SharePoint host them,
 * talking to the local list service through the product's own PnPjs data code. Fonts and icons are
 * served from this machine, never a CDN, so it works offline.
 */

const siteUrl = `${window.location.origin}/sites/procurement`;
// Mail goes through Microsoft Graph (POST /me/sendMail), which the local service answers at /v1.0/ as the
// person in the localUser cookie.
// Like the web parts, the Graph client and the built-in framework load when first needed.
const mail = mailOnDemand(async () => {
  const graph = await import('../../src/data/graph');
  return graph.graphMailSender(graph.getGraphForBase(`${window.location.origin}/v1.0`));
});

/**
 * The page context the service serves the page with, as a SharePoint page carries one: the form digest of
 * the procurement site (whose pages the SharePoint views stand for) and of the root site (where the
 * personal app runs), so that a view's first $batch needs no contextinfo call first.
 */
const pageInfo = (window as unknown as { _spPageContextInfo?: { formDigestValue?: string; rootFormDigestValue?: string; formDigestTimeoutSeconds?: number } })._spPageContextInfo;
const loadedAt = Date.now();
function pageDigest(value: string | undefined): PageDigest | undefined {
  // Taken a minute early, so a digest about to expire is never sent.
  return value ? { value, expiresAt: new Date(loadedAt + ((pageInfo?.formDigestTimeoutSeconds ?? 1800) - 60) * 1000) } : undefined;
}
const siteDigest = pageDigest(pageInfo?.formDigestValue);
const rootDigest = pageDigest(pageInfo?.rootFormDigestValue);
const services = createDataServices(siteDigest ? getSPForPageSite(siteUrl, siteDigest) : getSPForSite(siteUrl), mail);

/**
 * The Teams personal app runs on the tenant's root site, as in Teams: it finds the procurement site
 * through the tenant property (which the demo loader sets, as an administrator would) and reads the
 * lists there by URL. So the preview's Assessment tab takes the same cross-site path as a tenant.
 */
type PersonalApp = { site?: ProcurementSite; services: DataServices; problem?: Error };
let personalAppStarted: Promise<PersonalApp> | undefined;
/** Started when the Assessment tab is first opened, as Teams starts the personal app only when it is opened. */
function personalApp(): Promise<PersonalApp> {
  const root = rootDigest ? getSPForPageSite(window.location.origin, rootDigest) : getSPForSite(window.location.origin);
  personalAppStarted ??= findProcurementSite(root, window.location.origin).then(
    (site) => ({ site, services: createDataServices(getSPForSite(site.siteUrl), mail) }),
    (problem: Error) => ({ services, problem })
  );
  return personalAppStarted;
}
const framework: FrameworkSource = () => import('../../src/framework/builtIn').then((m) => m.npsFramework2018());

const ROLE_LABELS: Record<DirectoryPerson['role'], string> = {
  siteOwner: 'site owner',
  officer: 'procurement officer',
  headOfProcurement: 'approver',
  director: 'approver',
  councillor: 'scrutiny councillor',
  colleague: 'colleague asked for views',
  other: 'read-only visitor',
};

function cookie(name: string): string | undefined {
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

const persona = DIRECTORY.find((p) => p.email === cookie('localUser')) ?? SITE_OWNER;

type ViewName = 'assessment' | 'dashboard' | 'scrutiny' | 'page' | 'outbox';
const VIEWS: Array<{ name: ViewName; label: string }> = [
  { name: 'assessment', label: 'Teams: Assessment tab' },
  { name: 'dashboard', label: 'SharePoint: Procurement dashboard' },
  { name: 'scrutiny', label: 'SharePoint: Scrutiny review' },
  { name: 'page', label: 'SharePoint: all three on one page' },
  { name: 'outbox', label: 'Sent email (outbox)' },
];

function route(): { view: ViewName; query: string } {
  const [path, query = ''] = window.location.hash.replace(/^#\/?/, '').split('?');
  const view = (VIEWS.find((v) => v.name === path)?.name ?? 'assessment') as ViewName;
  return { view, query };
}

interface Listeners {
  theme: Set<(t: HostTheme) => void>;
  section: Set<(s: SectionColours | undefined) => void>;
}

function hostFor(kind: HostContext['kind'], theme: HostTheme, section: SectionName, listeners: Listeners, query: string, site?: ProcurementSite): HostContext {
  return {
    kind,
    siteUrl: site?.siteUrl ?? siteUrl,
    siteSource: site?.source,
    user: { displayName: persona.displayName, loginName: persona.loginName, email: persona.email },
    theme,
    locale: 'en-GB',
    teams: kind === 'TeamsPersonalApp' ? { subPageId: query } : undefined,
    onThemeChange: (listener) => listeners.theme.add(listener),
    // SharePoint pages: the section's colours, as SPFx gives them to a web part that supports theme variants.
    section: kind === 'SharePoint' ? SECTIONS[section].colours : undefined,
    onSectionChange: kind === 'SharePoint' ? (listener) => listeners.section.add(listener) : undefined,
    // In the preview the "Teams tab" is the Assessment view of this page.
    // The preview's tabs stand in for the Teams personal app and the three SharePoint pages.
    links: {
      teamsAssessment: (target) => `${window.location.origin}/#/assessment?${encodeTarget(target)}`,
      pages: { assessment: `${window.location.origin}/#/assessment`, dashboard: `${window.location.origin}/#/dashboard`, scrutiny: `${window.location.origin}/#/scrutiny` },
    },
  };
}

/**
 * A SharePoint page: the suite bar, the site header, and the page's main region and title (h1); web parts
 * are regions within it, in one section whose background an editor can change (as in SharePoint's section
 * settings), to see the web parts on a neutral, soft, strong or dark background.
 */
function SharePointPage({ title, section, onSection, children }: { title: string; section: SectionName; onSection: (s: SectionName) => void; children: React.ReactNode }): JSX.Element {
  const colours = SECTIONS[section].colours;
  return (
    <div className="pv-sp">
      <div className="pv-sp__suite" aria-hidden="true">
        SharePoint
      </div>
      <div className="pv-sp__site" aria-hidden="true">
        Procurement
      </div>
      <main className="pv-sp__page" aria-labelledby="pv-page-title">
        <h1 id="pv-page-title" className="pv-page-title">
          {title}
        </h1>
        <p className="pv-section-switch">
          <label>
            Section background{' '}
            <select value={section} onChange={(e) => onSection(sectionName(e.target.value))}>
              {(Object.keys(SECTIONS) as SectionName[]).map((name) => (
                <option key={name} value={name}>
                  {SECTIONS[name].label}
                </option>
              ))}
            </select>
          </label>
        </p>
        <div className={`pv-section pv-section--${section}`} style={{ background: colours.background, color: colours.text }}>
          <React.Suspense fallback={<p>Loading the web parts…</p>}>{children}</React.Suspense>
        </div>
      </main>
    </div>
  );
}

function Outbox(): JSX.Element {
  const [messages, setMessages] = React.useState<Array<{ id: number; from: string; to: string[]; subject: string; body: string; sentAt: string }> | undefined>();
  const [error, setError] = React.useState('');
  React.useEffect(() => {
    fetch('/_local/outbox').then((r) => r.json()).then(setMessages, () => setError('The outbox could not be read.'));
  }, []);
  return (
    <main className="pv-outbox" aria-labelledby="pv-outbox-title">
      <h1 id="pv-outbox-title">Sent email</h1>
      <p className="pv-note">Email the app sends as the signed-in person through Microsoft Graph (sendMail), and SharePoint sharing invitations, land here instead of a mailbox.</p>
      {error && <p role="alert">{error}</p>}
      {messages && messages.length === 0 && <p>No email has been sent yet.</p>}
      {messages?.map((m) => (
        <article key={m.id}>
          <h2 style={{ fontSize: 16 }}>{m.subject}</h2>
          <p className="pv-note">
            From {m.from} to {m.to.join(', ')}, {formatUkDateTime(m.sentAt)}
          </p>
          {/* Mail bodies are shown as text, never as markup. */}
          <pre style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{m.body}</pre>
        </article>
      ))}
    </main>
  );
}

function Preview(): JSX.Element {
  const [{ view, query }, setRoute] = React.useState(route);
  const [theme, setTheme] = React.useState<HostTheme>((localStorage.getItem('previewTheme') as HostTheme) || 'default');
  const [mobile, setMobile] = React.useState(localStorage.getItem('previewMobile') === 'true');
  const [section, setSection] = React.useState<SectionName>(sectionName(localStorage.getItem('previewSection')));
  const listeners: Listeners = React.useMemo(() => ({ theme: new Set(), section: new Set() }), []);
  React.useEffect(() => {
    const onHash = (): void => setRoute(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Like Teams, a theme switch is announced to the open tab rather than reloading it.
  React.useEffect(() => {
    localStorage.setItem('previewTheme', theme);
    listeners.theme.forEach((l) => l(theme));
  }, [theme]);
  // Like SharePoint, a section background change reaches web parts already on the page.
  React.useEffect(() => {
    localStorage.setItem('previewSection', section);
    listeners.section.forEach((l) => l(SECTIONS[section].colours));
  }, [section]);
  const [app, setApp] = React.useState<PersonalApp | undefined>();
  React.useEffect(() => {
    if (view === 'assessment') personalApp().then(setApp, () => undefined);
  }, [view]);
  const host = React.useMemo(
    () => hostFor(view === 'assessment' ? 'TeamsPersonalApp' : 'SharePoint', theme, section, listeners, query, view === 'assessment' ? app?.site : undefined),
    [view, query, app]
  );
  const target = parseTarget(query);

  return (
    <>
      <header className="pv-banner">
        <strong>Procurement maturity toolkit: local preview</strong>
        <span className="pv-note">Demo data for {ORGANISATION}, a fictional council. Illustrative only.</span>
        <label>
          Signed in as
          <select
            value={persona.email}
            onChange={(e) => {
              document.cookie = `localUser=${encodeURIComponent(e.target.value)}; path=/; SameSite=Lax`;
              window.location.reload();
            }}
          >
            {DIRECTORY.map((p) => (
              <option key={p.email} value={p.email}>
                {p.displayName} ({ROLE_LABELS[p.role]})
              </option>
            ))}
          </select>
        </label>
      </header>
      <nav className="pv-nav" aria-label="Preview views">
        {VIEWS.map((v) => (
          <a key={v.name} href={`#/${v.name}`} aria-current={v.name === view ? 'page' : undefined}>
            {v.label}
          </a>
        ))}
      </nav>
      {view === 'assessment' && (
        <div className={`pv-teams pv-teams--${theme}${mobile ? ' pv-mobile' : ''}`}>
          <div className="pv-teams__rail" aria-hidden="true">
            Teams
          </div>
          <div className="pv-teams__main">
            <div className="pv-teams__header">
              <span>Procurement maturity (personal app, on the tenant&apos;s root site)</span>
              <label>
                Teams theme{' '}
                <select value={theme} onChange={(e) => setTheme(e.target.value as HostTheme)}>
                  <option value="default">Default</option>
                  <option value="dark">Dark</option>
                  <option value="contrast">High contrast</option>
                </select>
              </label>
              <label>
                <input type="checkbox" checked={mobile} onChange={(e) => { setMobile(e.target.checked); localStorage.setItem('previewMobile', String(e.target.checked)); }} /> Teams mobile width (320 px)
              </label>
            </div>
            {/* Teams gives the tab its own document: the app's content is its main landmark. */}
            <main className="pv-teams__frame" aria-label="Procurement maturity (personal app)">
              {!app && <p>Starting the app…</p>}
              {app?.problem && <p role="alert">{app.problem.message}</p>}
              {app && !app.problem && (
                <React.Suspense fallback={<p>Starting the app…</p>}>
                  <AssessmentApp key={query} host={host} services={app.services} framework={framework} title="Procurement maturity assessment" target={target} />
                </React.Suspense>
              )}
            </main>
          </div>
        </div>
      )}
      {view === 'dashboard' && (
        <SharePointPage title="Procurement maturity" section={section} onSection={setSection}>
          <ProcurementDashboardApp key={query} host={host} services={services} framework={framework} title="Procurement maturity dashboard" target={target} />
        </SharePointPage>
      )}
      {view === 'scrutiny' && (
        <SharePointPage title="Scrutiny of procurement maturity" section={section} onSection={setSection}>
          <ScrutinyReviewApp key={query} host={host} services={services} framework={framework} title="Procurement maturity: scrutiny review" target={target} />
        </SharePointPage>
      )}
      {view === 'page' && (
        // One page holding the three web parts: one main landmark, one h1, three regions.
        <SharePointPage title="Procurement maturity at a glance" section={section} onSection={setSection}>
          <AssessmentApp host={host} services={services} framework={framework} title="Procurement maturity assessment" target={target} />
          <ProcurementDashboardApp host={host} services={services} framework={framework} title="Procurement maturity dashboard" target={target} />
          <ScrutinyReviewApp host={host} services={services} framework={framework} title="Procurement maturity: scrutiny review" target={target} />
        </SharePointPage>
      )}
      {view === 'outbox' && <Outbox />}
    </>
  );
}

// As the web part does in onInit, the personal app looks for the procurement site before its first render.
if (route().view === 'assessment') void personalApp();
ReactDom.render(<Preview />, document.getElementById('root'));

// Fluent's icon font is used only by the editors' panels and buttons, which load on demand, and a
// SharePoint page or Teams registers it for the web parts itself. So the preview, standing in for the
// host, registers it once the page has a long idle moment (a view loading has none), or after 5 s.
let iconModule: Promise<typeof import('@fluentui/font-icons-mdl2')> | undefined;
function registerIconsWhenIdle(deadline: IdleDeadline): void {
  iconModule ??= import('@fluentui/font-icons-mdl2');
  if (!deadline.didTimeout && deadline.timeRemaining() < 40) {
    window.requestIdleCallback(registerIconsWhenIdle, { timeout: 5000 });
    return;
  }
  iconModule.then(
    (m) => m.initializeIcons('/fonts/'),
    (e: unknown) => console.warn('The preview could not load Fluent UI icons:', e)
  );
}
if ('requestIdleCallback' in window) window.requestIdleCallback(registerIconsWhenIdle, { timeout: 5000 });
else setTimeout(() => import('@fluentui/font-icons-mdl2').then((m) => m.initializeIcons('/fonts/')), 1000);
