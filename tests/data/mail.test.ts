/**
 * Notifications through Microsoft Graph (POST /me/sendMail as the signed-in person) against the local
 * service: who receives them comes from the SharePoint groups, the mail comes from the actor, the body
 * is escaped and keeps its deep link, and a mail that cannot be sent gives a specific warning.
 */
import { createServer, AddressInfo } from 'net';
import type { SPFI } from '@pnp/sp';
import { getSPForSite } from '../../src/data/sp';
import { getGraph, getGraphForBase, graphMailSender, MAIL_NOT_APPROVED, MailError, MailSender, toMailError } from '../../src/data/graph';
import { notifyChallenge, notifySignOff, NotifyServices } from '../../src/data/notifications';
import { GROUPS } from '../../src/data/siteService';
import { AssessmentPeriod } from '../../src/domain/periods';
import { npsFramework2018 } from '../../src/framework';
import { TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, teamsTabLink, parseTarget } from '../../src/ui/deepLinks';
import { notificationLinks } from '../../src/ui/links';
import { LocalUser } from '../../preview/localUser';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { removeDir, RunningService, startListService, spAs } from '../support/listService';

const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const OFFICER_2 = person('officer', 1);
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const PAGES = { dashboard: 'https://borsetshire.example/sites/procurement/SitePages/Dashboard.aspx', scrutiny: 'https://borsetshire.example/sites/procurement/SitePages/Scrutiny.aspx' };
/** Officers' links open Teams; approvers' the dashboard page; challenges the scrutiny page. */
const link = notificationLinks({ teamsAssessment: (t) => teamsTabLink(TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, t), pages: PAGES });

let service: RunningService;
let owner: SPFI;
const groupIds: Record<string, number> = {};

/** SharePoint and the Graph mail sender, both calling as one person. */
const as = (login: string): NotifyServices => ({
  sp: getSPForSite(service.siteUrl, LocalUser(login)),
  mail: graphMailSender(getGraphForBase(`${service.url}/v1.0`, LocalUser(login))),
});

interface OutboxMessage {
  kind: string;
  from: string;
  to: string[];
  subject: string;
  body: string;
}
const outbox = async (): Promise<OutboxMessage[]> => (await fetch(`${service.url}/_local/outbox`)).json();

async function approveMailSend(mailSendApproved: boolean): Promise<void> {
  const res = await fetch(`${service.url}/_local/graph`, { method: 'POST', body: JSON.stringify({ mailSendApproved }) });
  expect(res.status).toBe(200);
}

const hrefIn = (body: string): string => /href="([^"]+)"/.exec(body)![1].replace(/&amp;/g, '&');
const targetOf = (href: string) => parseTarget(JSON.parse(new URL(href).searchParams.get('context')!).subEntityId);

const period = (overrides: Partial<AssessmentPeriod> = {}): AssessmentPeriod => ({
  name: '2025/26',
  startDate: '2025-04-01',
  endDate: '2026-03-31',
  frameworkId: framework.id,
  frameworkVersion: framework.version,
  status: 'Submitted',
  returnComment: '',
  history: [],
  problems: [],
  ...overrides,
});

const NOT_APPROVED_TO_APPROVERS =
  "The email to approvers was not sent: an administrator has not yet approved this app's Mail.Send permission for Microsoft Graph (SharePoint admin centre, Advanced, API access). Let them know another way.";

beforeAll(async () => {
  service = await startListService();
  // Only the groups matter here: notifications read their members' email addresses from SharePoint, so
  // each group can read the site and everyone on it may see who is in each group.
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  const { Id: read } = await owner.web.roleDefinitions.getByName('Read')();
  for (const [group, people] of [[GROUPS.officers, [OFFICER, OFFICER_2]], [GROUPS.approvers, [APPROVER]], [GROUPS.scrutiny, [COUNCILLOR]]] as const) {
    const g = await owner.web.siteGroups.add({ Title: group });
    groupIds[group] = g.Id;
    await owner.web.siteGroups.getById(g.Id).update({ OnlyAllowMembersViewMembership: false });
    await owner.web.roleAssignments.add(g.Id, read);
    for (const p of people) await owner.web.siteGroups.getById(g.Id).users.add(p.loginName);
  }
}, 60000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('notifications through Microsoft Graph', () => {
  it('emails approvers from the officer who submitted, with a link to the period on the dashboard page', async () => {
    const warning = await notifySignOff(as(OFFICER.loginName), period(), 'submit', OFFICER.displayName, link);
    expect(warning).toBeUndefined();
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: 'email', from: OFFICER.email, to: [APPROVER.email], subject: 'Procurement maturity 2025/26: ready for sign-off' });
    expect(mail.body).toContain(`<p>${OFFICER.displayName} has submitted the 2025/26 procurement maturity self-assessment for sign-off.</p>`);
    const href = hrefIn(mail.body);
    // Senior managers sign off on the SharePoint dashboard page, not in Teams.
    expect(href).toBe(`${PAGES.dashboard}?period=2025%2F26`);
  });

  it('emails the submitter and officers from the approver who returned it, the comment escaped, never markup', async () => {
    const submittedBy = { id: 7, displayName: OFFICER_2.displayName, email: OFFICER_2.email };
    const returned = period({ status: 'Returned', submittedBy, returnComment: 'Evidence for <img src=x onerror="alert(1)"> & KA2 is thin.\nPlease add the minutes.' });
    const warning = await notifySignOff(as(APPROVER.loginName), returned, 'return', APPROVER.displayName, link);
    expect(warning).toBeUndefined();
    const [mail] = await outbox();
    expect(mail).toMatchObject({ from: APPROVER.email, subject: 'Procurement maturity 2025/26: returned for changes' });
    expect([...mail.to].sort()).toEqual([OFFICER.email, OFFICER_2.email].sort());
    expect(mail.to[0]).toBe(OFFICER_2.email);
    expect(mail.body).toContain('Evidence for &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; KA2 is thin.<br>Please add the minutes.');
    expect(mail.body).not.toContain('<img');
    expect(hrefIn(mail.body)).toMatch(new RegExp(`^https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/${TEAMS_ASSESSMENT_ENTITY}\\?`));
    expect(targetOf(hrefIn(mail.body))).toEqual({ periodName: '2025/26', indexId: undefined });
  });

  it('emails officers a councillor\'s challenge from the councillor, escaped, with a link to the index', async () => {
    const warning = await notifyChallenge(
      as(COUNCILLOR.loginName),
      { periodName: '2025/26', indexId: 'obtaining-social-value', text: 'Why <b>only</b> £1m & above?', response: '', status: 'Open', raisedBy: { id: 9, displayName: COUNCILLOR.displayName } },
      'Obtaining social value',
      link
    );
    expect(warning).toBeUndefined();
    const [mail] = await outbox();
    expect(mail).toMatchObject({ from: COUNCILLOR.email, subject: 'Scrutiny challenge on Obtaining social value (2025/26)' });
    expect([...mail.to].sort()).toEqual([OFFICER.email, OFFICER_2.email].sort());
    expect(mail.body).toContain('Why &lt;b&gt;only&lt;/b&gt; £1m &amp; above?');
    expect(mail.body).not.toContain('<b>');
    // Officers answer challenges in the scrutiny review.
    expect(hrefIn(mail.body)).toBe(`${PAGES.scrutiny}?period=2025%2F26&index=obtaining-social-value`);
  });

  it('says specifically that Mail.Send is not approved, and sends nothing, while an administrator has not approved it', async () => {
    const before = (await outbox()).length;
    await approveMailSend(false);
    try {
      expect(await notifySignOff(as(OFFICER.loginName), period(), 'submit', OFFICER.displayName, link)).toBe(NOT_APPROVED_TO_APPROVERS);
      expect(await notifySignOff(as(APPROVER.loginName), period({ status: 'Signed off' }), 'signOff', APPROVER.displayName, link)).toBe(
        NOT_APPROVED_TO_APPROVERS.replace('to approvers', 'to officers')
      );
      const challenge = await notifyChallenge(as(COUNCILLOR.loginName), { periodName: '2025/26', indexId: '', text: 'Why?', response: '', status: 'Open' }, 'the assessment', link);
      expect(challenge).toBe(NOT_APPROVED_TO_APPROVERS.replace('to approvers', 'to officers'));
      expect((await outbox()).length).toBe(before);
    } finally {
      await approveMailSend(true);
    }
  });

  it('gives Graph\'s reason when it refuses the message (a submitter who has left the council)', async () => {
    const before = (await outbox()).length;
    const gone = period({ status: 'Returned', submittedBy: { id: 12, displayName: 'Former officer', email: 'former.officer@elsewhere.example' }, returnComment: 'Redo it' });
    const warning = await notifySignOff(as(APPROVER.loginName), gone, 'return', APPROVER.displayName, link);
    expect(warning).toBe(
      "The email to officers was not sent: Microsoft Graph refused it: At least one recipient is not valid., Recipient 'former.officer@elsewhere.example' is not resolved. All recipients must be resolved before a message can be submitted. Let them know another way."
    );
    expect((await outbox()).length).toBe(before);
  });

  it('says Graph could not be reached when the network fails', async () => {
    // A port that was free a moment ago: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const unreachable: NotifyServices = { sp: getSPForSite(service.siteUrl, LocalUser(OFFICER.loginName)), mail: graphMailSender(getGraphForBase(`http://127.0.0.1:${port}/v1.0`)) };
    expect(await notifySignOff(unreachable, period(), 'submit', OFFICER.displayName, link)).toBe(
      'The email to approvers was not sent: Microsoft Graph could not be reached (check your connection). Let them know another way.'
    );
  });

  it('says when SharePoint will not show who is in the group to email (members-only membership)', async () => {
    const sent: unknown[] = [];
    const recording: MailSender = { send: async (m) => void sent.push(m) };
    const approvers = owner.web.siteGroups.getById(groupIds[GROUPS.approvers]);
    await approvers.update({ OnlyAllowMembersViewMembership: true });
    try {
      const warning = await notifySignOff({ sp: getSPForSite(service.siteUrl, LocalUser(OFFICER.loginName)), mail: recording }, period(), 'submit', OFFICER.displayName, link);
      expect(warning).toBe(
        "The email to approvers was not sent: you are not allowed to see who is in Procurement approvers (a site owner can let everyone see its members in the group's settings, Who can view the membership of the group). Let them know another way."
      );
      expect(sent).toEqual([]);
    } finally {
      await approvers.update({ OnlyAllowMembersViewMembership: false });
    }
  });
});

describe('mail failures', () => {
  it('treats a token SPFx cannot get for lack of consent as Mail.Send not approved, before any request', async () => {
    let requested = false;
    const context = {
      aadTokenProviderFactory: {
        getTokenProvider: async () => ({
          getToken: async (resource: string) => {
            requested = resource === 'https://graph.microsoft.com';
            throw new Error("AADSTS65001: The user or administrator has not consented to use the application with ID '…' named 'SharePoint Online Web Client Extensibility'.");
          },
        }),
      },
    };
    const error = await graphMailSender(getGraph(context))
      .send({ to: [APPROVER.email], subject: 'x', html: '<p>x</p>' })
      .catch((e) => e);
    expect(requested).toBe(true);
    expect(error).toBeInstanceOf(MailError);
    expect(error).toMatchObject({ kind: 'notApproved', message: MAIL_NOT_APPROVED });
  });

  it('explains throttling, time-outs and refusals without Graph\'s words', () => {
    expect(toMailError({ status: 429, message: 'Too many' })).toMatchObject({ kind: 'busy' });
    expect(toMailError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toMatchObject({ kind: 'offline', message: 'Microsoft Graph did not answer in time (check your connection)' });
    expect(toMailError({ status: 500, message: 'Error making HttpClient request in queryable [500] Internal ::> not json' })).toMatchObject({
      kind: 'refused',
      message: 'Microsoft Graph refused it (HTTP 500)',
    });
  });
});
