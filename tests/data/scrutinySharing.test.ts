/**
 * Scrutiny councillors reach the review through Microsoft 365 sharing, and the challenge log's lifecycle:
 * each rule is tried through the app as the person concerned, and again as a direct REST call with that
 * person's own permissions, as anyone could make outside the app. Each test works on its own financial
 * year, so any test can run alone.
 */
import { Queryable } from '@pnp/queryable';
import { DataServices } from '../../src/data/services';
import { getSPForSite } from '../../src/data/sp';
import { LISTS } from '../../src/data/schema';
import { GROUPS } from '../../src/data/siteService';
import { loadWorkspace } from '../../src/data/workspace';
import { ScrutinySharing } from '../../src/data/repositories/scrutinySharingRepository';
import { invitationSubject } from '../../src/domain/scrutinySharing';
import { awaitingResponseCount, ownChallengesFirst, ScrutinyChallenge } from '../../src/domain/scrutiny';
import { AssessmentPeriod } from '../../src/domain/periods';
import { npsFramework2018 } from '../../src/framework';
import { LocalUser } from '../../preview/localUser';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { assessedYear, signOffStep } from '../support/workflow';
import { rawFetch, RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';

const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role && !p.newMember)[n];
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const APPROVER_2 = person('director');
const COUNCILLOR = person('councillor');
const COUNCILLOR_2 = person('councillor', 1);
const COUNCILLOR_3 = person('councillor', 2);
/** A councillor in the council's directory who is not on the procurement site. */
const NEWCOMER = DIRECTORY.find((p) => p.newMember)!;
const PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Scrutiny-review.aspx';

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
type Mail = { kind: string; from: string; to: string[]; subject: string; body: string };
type Share = { url: string; loginName: string; role: string; sharedBy: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();
const pageShares = async (): Promise<Share[]> => (await fetch(`${service.url}/_local/shares`)).json();
const listPath = (key: keyof typeof LISTS) => `_api/web/lists/getbytitle('${encodeURIComponent(LISTS[key].title)}')/items`;

/** A direct REST call as a person, with their own digest: what anyone could do outside the app. */
async function rest(who: { loginName: string }, path: string, body: Record<string, unknown>, method: 'POST' | 'MERGE' | 'DELETE' = 'POST'): Promise<Response> {
  return rawFetch(service.siteUrl, path, {
    method: 'POST',
    user: who.loginName,
    digest: true,
    headers: { 'Content-Type': 'application/json', ...(method !== 'POST' ? { 'X-HTTP-Method': method, 'IF-MATCH': '*' } : {}) },
    body: JSON.stringify(body),
  });
}

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** The requests PnPjs sends as a person: what SharePoint is asked to do, recorded before they go. */
function recordingSharing(who: { loginName: string }): { sharing: ScrutinySharing; sent: Sent[] } {
  const sent: Sent[] = [];
  const record = (instance: Queryable): Queryable => {
    instance.on.pre(async (url, init, result) => {
      const body = typeof init.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
      sent.push({ method: String(init.method ?? 'GET'), url: decodeURIComponent(url), body });
      return [url, init, result];
    });
    return instance;
  };
  return { sharing: new ScrutinySharing(getSPForSite(service.siteUrl, LocalUser(who.loginName), record)), sent };
}

async function signedOffYear(name: string): Promise<AssessmentPeriod> {
  const submitted = await signOffStep(as(OFFICER), 'officer', await assessedYear(as(OFFICER), name), 'submit');
  return (await signOffStep(as(APPROVER), 'approver', submitted.period, 'signOff')).period;
}

async function groupId(): Promise<number> {
  return ((await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName(GROUPS.scrutiny).select('Id')()) as { Id: number }).Id;
}

async function scrutinyMembers(): Promise<string[]> {
  const users: Array<{ LoginName: string }> = await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName(GROUPS.scrutiny).users();
  return users.map((u) => u.LoginName.toLowerCase());
}

const raise = (who: { loginName: string }, periodName: string, indexId: string, text: string): Promise<ScrutinyChallenge> =>
  as(who).challenges.raise({ periodName, indexId, text, response: '', status: 'Open' }, 'Signed off');

async function challengeIn(who: { loginName: string }, periodName: string, id: number): Promise<ScrutinyChallenge> {
  const ws = await loadWorkspace(as(who), framework, periodName);
  return ws.challenges.find((c) => c.id === id)!;
}

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, {
    officers: [OFFICER.loginName],
    approvers: [APPROVER.loginName, APPROVER_2.loginName],
    scrutiny: [COUNCILLOR.loginName, COUNCILLOR_3.loginName],
  });
}, 90000);

afterAll(async () => {
  await service?.stop();
});

describe('sharing the review for scrutiny', () => {
  it('puts the people in Scrutiny members, shares the review page with view rights and the message, and records who shared with whom and when', async () => {
    await signedOffYear('2040/41');
    expect((await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteUsers()).some((u: { LoginName: string }) => u.LoginName === NEWCOMER.loginName)).toBe(false);
    const message = 'Please review the 2040/41 assessment before the committee on 12 March 2041.\nRachel';
    const before = new Date().toISOString();
    const { sharing, sent } = recordingSharing(APPROVER);
    const outcome = await sharing.share({
      people: [
        { loginName: NEWCOMER.loginName, displayName: NEWCOMER.displayName, email: NEWCOMER.email },
        { loginName: COUNCILLOR_2.loginName, displayName: COUNCILLOR_2.displayName, email: COUNCILLOR_2.email },
      ],
      message,
      pageUrl: PAGE,
      periodName: '2040/41',
    });
    expect(outcome.warnings).toEqual([]);

    // What SharePoint was asked: each person into the group, then one ShareObject for the page, view only, with the message.
    const readRole = ((await spAs(service.siteUrl, SITE_OWNER.loginName).web.roleDefinitions.getByType(2).select('Id')()) as { Id: number }).Id;
    const groupAdds = sent.filter((r) => r.method === 'POST' && /sitegroups\/getbyname\('Scrutiny members'\)\/users$/i.test(r.url));
    expect(groupAdds.map((r) => (r.body as { LoginName: string }).LoginName)).toEqual([NEWCOMER.loginName, COUNCILLOR_2.loginName]);
    const shares = sent.filter((r) => /_api\/SP\.Web\.ShareObject/i.test(r.url));
    expect(shares).toHaveLength(1);
    expect(shares[0].body).toMatchObject({
      url: PAGE,
      roleValue: `role:${readRole}`,
      sendEmail: true,
      emailSubject: invitationSubject('2040/41'),
      emailBody: message,
    });
    expect(JSON.parse((shares[0].body as { peoplePickerInput: string }).peoplePickerInput)).toEqual([{ Key: NEWCOMER.loginName }, { Key: COUNCILLOR_2.loginName }]);

    // What SharePoint did: both in the group; the page shared with them, Read; SharePoint's invitation in the outbox.
    expect(await scrutinyMembers()).toEqual(expect.arrayContaining([NEWCOMER.loginName.toLowerCase(), COUNCILLOR_2.loginName.toLowerCase()]));
    expect(await pageShares()).toEqual(
      expect.arrayContaining([NEWCOMER, COUNCILLOR_2].map((p) => expect.objectContaining({ url: PAGE, loginName: p.loginName, role: 'Read', sharedBy: APPROVER.loginName })))
    );
    const invitation = (await outbox()).find((m) => m.kind === 'share' && m.subject === invitationSubject('2040/41'))!;
    expect(invitation).toMatchObject({ from: APPROVER.email });
    expect([...invitation.to].sort()).toEqual([NEWCOMER.email, COUNCILLOR_2.email].sort());
    expect(invitation.body).toContain(message);
    expect(invitation.body).toContain(PAGE);

    // Who shared with whom, and when, from SharePoint's Created By and Created, in a versioned list.
    const log = await sharing.log.all();
    const entry = log.find((e) => e.personLogin === NEWCOMER.loginName)!;
    expect(entry).toMatchObject({ personName: NEWCOMER.displayName, action: 'Shared', periodName: '2040/41', message, by: { displayName: APPROVER.displayName } });
    expect(entry.on >= before.slice(0, 19)).toBe(true);
    const members = await sharing.members();
    expect(members.find((m) => m.loginName === NEWCOMER.loginName)).toMatchObject({ displayName: NEWCOMER.displayName, sharedBy: { displayName: APPROVER.displayName } });

    // The person shared with was not on the site: they can raise a challenge straight away.
    const raised = await raise(NEWCOMER, '2040/41', 'engaging-councillors', 'How many members attended training?');
    expect(raised).toMatchObject({ raisedBy: { displayName: NEWCOMER.displayName }, status: 'Open' });
    // The log can be added to, never changed: not even by the approver who shared.
    expect((await rest(APPROVER, `${listPath('scrutinySharing')}(${entry.id})`, { NpsSharedWith: COUNCILLOR.loginName }, 'MERGE')).status).toBe(403);
  }, 120000);

  it('lets an approver take someone\'s access away, records it, and the person can no longer raise a challenge', async () => {
    await signedOffYear('2041/42');
    const { sharing } = recordingSharing(APPROVER_2);
    await sharing.share({ people: [{ loginName: COUNCILLOR_2.loginName, displayName: COUNCILLOR_2.displayName }], message: 'For review', pageUrl: PAGE, periodName: '2041/42' });
    await raise(COUNCILLOR_2, '2041/42', 'obtaining-social-value', 'Before removal');
    const member = (await sharing.members()).find((m) => m.loginName === COUNCILLOR_2.loginName)!;
    expect(await sharing.remove(member, '2041/42')).toEqual([]);
    expect(await scrutinyMembers()).not.toContain(COUNCILLOR_2.loginName.toLowerCase());
    expect((await sharing.members()).map((m) => m.loginName)).not.toContain(COUNCILLOR_2.loginName);
    const removal = (await sharing.log.all()).filter((e) => e.personLogin === COUNCILLOR_2.loginName).pop()!;
    expect(removal).toMatchObject({ action: 'Access removed', by: { displayName: APPROVER_2.displayName } });
    await expect(raise(COUNCILLOR_2, '2041/42', 'obtaining-social-value', 'After removal')).rejects.toMatchObject({ status: 403 });
    expect((await rest(COUNCILLOR_2, listPath('challenges'), { Title: 'x', NpsPeriodName: '2041/42', NpsChallengeText: 'After removal' })).status).toBe(403);
  }, 120000);

  it('refuses councillors and officers who try to share the review or add people to Scrutiny members, in the app and over REST', async () => {
    const id = await groupId();
    const before = await scrutinyMembers();
    // A councillor in the group cannot add anyone to it, nor share the page.
    await expect(new ScrutinySharing(as(COUNCILLOR).sp).share({ people: [{ loginName: NEWCOMER.loginName, displayName: NEWCOMER.displayName }], message: '', pageUrl: PAGE })).rejects.toThrow(
      /Only Procurement approvers \(who own the Scrutiny members group\) and site collection administrators can change who is in Scrutiny members/
    );
    for (const who of [COUNCILLOR, OFFICER]) {
      expect((await rest(who, `_api/web/sitegroups(${id})/users`, { LoginName: COUNCILLOR_2.loginName })).status).toBe(403);
      expect((await rest(who, `_api/web/sitegroups(${id})/users/removebyid(${(await as(COUNCILLOR_3).site.currentUser()).id})`, {})).status).toBe(403);
    }
    const councillorShare = await rest(COUNCILLOR, '_api/SP.Web.ShareObject', { url: PAGE, peoplePickerInput: JSON.stringify([{ Key: COUNCILLOR_2.loginName }]), roleValue: 'role:1073741826', sendEmail: true, emailBody: 'x' });
    expect(councillorShare.status).toBe(403);
    // Nor can a councillor make the group let its members change it.
    expect((await rest(COUNCILLOR, `_api/web/sitegroups(${id})`, { AllowMembersEditMembership: true }, 'MERGE')).status).toBe(403);
    // The group is owned by the approvers: that is how they can share and nobody else but site collection administrators can.
    const [group] = await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.filter(`Title eq '${GROUPS.scrutiny}'`).select('OwnerTitle', 'AllowMembersEditMembership')();
    expect(group).toMatchObject({ OwnerTitle: GROUPS.approvers, AllowMembersEditMembership: false });
    // Nothing they tried changed who is in the group.
    expect(await scrutinyMembers()).toEqual(before);
  }, 60000);
});

describe('the challenge log\'s lifecycle, held by SharePoint', () => {
  it('lets only the councillor who raised a challenge close and reopen it; an entry by anyone else does not count', async () => {
    await signedOffYear('2042/43');
    const raised = await raise(COUNCILLOR, '2042/43', 'engaging-local-smes', 'What share goes to SMEs?');
    const answered = await as(OFFICER).challenges.respond(raised, '38 per cent.');
    expect(answered.status).toBe('Answered');
    await new Promise((r) => setTimeout(r, 1100));

    // Another councillor: refused by the app; their direct entry is kept but does not count.
    const seenByOther = await challengeIn(COUNCILLOR_3, '2042/43', raised.id!);
    await expect(as(COUNCILLOR_3).challenges.changeState(seenByOther, 'Closed', (await as(COUNCILLOR_3).site.currentUser()).id)).rejects.toThrow(
      `Only ${COUNCILLOR.displayName} can close or reopen this challenge.`
    );
    const closeEntry = { Title: 'x', NpsPeriodName: '2042/43', NpsChallengeText: 'Closed', NpsStatusOf: raised.id, NpsChallengeState: 'Closed' };
    expect((await rest(COUNCILLOR_3, listPath('challenges'), closeEntry)).status).toBe(201);
    let now = await challengeIn(OFFICER, '2042/43', raised.id!);
    expect(now.status).toBe('Answered');
    expect(now.statusHistory).toEqual([expect.objectContaining({ valid: false, problem: expect.stringMatching(new RegExp(`^Closed by ${COUNCILLOR_3.displayName} on .*, who did not raise it: only ${COUNCILLOR.displayName} can close or reopen it`)) })]);
    // Officers and approvers cannot write the status at all.
    for (const who of [OFFICER, APPROVER]) {
      expect((await rest(who, listPath('challenges'), closeEntry)).status).toBe(403);
    }

    // The raiser closes it, then reopens it: it waits for a further answer, which the officer gives by revising.
    const me = (await as(COUNCILLOR).site.currentUser()).id;
    const closed = await as(COUNCILLOR).challenges.changeState(await challengeIn(COUNCILLOR, '2042/43', raised.id!), 'Closed', me);
    expect(closed.status).toBe('Closed');
    const [closing] = (await as(COUNCILLOR).challenges.statusEntries('2042/43')).filter((x) => x.by?.id === me);
    expect((await rest(COUNCILLOR, `${listPath('challenges')}(${closing.id})`, { NpsChallengeState: 'Reopened' }, 'MERGE')).status).toBe(403);
    expect((await rest(COUNCILLOR, `${listPath('challenges')}(${closing.id})`, {}, 'DELETE')).status).toBe(403);
    const reopened = await as(COUNCILLOR).challenges.changeState(await challengeIn(COUNCILLOR, '2042/43', raised.id!), 'Reopened', me);
    expect(reopened.status).toBe('Open');
    now = await challengeIn(OFFICER, '2042/43', raised.id!);
    expect(now.status).toBe('Open');
    // SharePoint dates entries to the second: the revision comes in a later second than the reopening, as a person's would.
    await new Promise((r) => setTimeout(r, 1100));
    const revised = await as(OFFICER).challenges.respond(now, '38 per cent, up from 31.');
    expect(revised.status).toBe('Answered');
    // The version history keeps every answer, with who gave it.
    const history = await as(COUNCILLOR).challenges.responses.history(revised.responseId!);
    expect(history.map((v) => [v.text, v.by?.displayName])).toEqual([
      ['38 per cent, up from 31.', OFFICER.displayName],
      ['38 per cent.', OFFICER.displayName],
    ]);
  }, 120000);

  it('keeps the text as raised: councillors, officers and approvers cannot change it over REST, and a site owner\'s change is flagged', async () => {
    await signedOffYear('2043/44');
    const raised = await raise(COUNCILLOR, '2043/44', 'leadership', 'Who leads on procurement?');
    for (const who of [COUNCILLOR, COUNCILLOR_3, OFFICER, APPROVER]) {
      expect((await rest(who, `${listPath('challenges')}(${raised.id})`, { NpsChallengeText: `Reworded by ${who.displayName}` }, 'MERGE')).status).toBe(403);
      expect((await rest(who, `${listPath('challenges')}(${raised.id})`, {}, 'DELETE')).status).toBe(403);
    }
    expect((await challengeIn(OFFICER, '2043/44', raised.id!)).textChanged).toBeUndefined();
    // Councillors only read answers: they cannot answer their own challenge.
    expect((await rest(COUNCILLOR, listPath('responses'), { Title: 'x', NpsChallengeId: raised.id, NpsPeriodName: '2043/44', NpsResponse: 'Self-answered' })).status).toBe(403);
    // A site owner still can (Full Control): the app says the wording is not what was raised.
    expect((await rest(SITE_OWNER, `${listPath('challenges')}(${raised.id})`, { NpsChallengeText: 'Softened by the owner' }, 'MERGE')).status).toBe(204);
    const changed = await challengeIn(COUNCILLOR, '2043/44', raised.id!);
    expect(changed.textChanged).toMatch(new RegExp(`^Changed by ${SITE_OWNER.displayName} on .*, after it was raised: the wording the councillor raised is in the item's version history\\.$`));
  }, 120000);

  it('counts the challenges awaiting a response, and shows a councillor their own first', async () => {
    await signedOffYear('2044/45');
    const other = await raise(COUNCILLOR_3, '2044/45', 'leadership', 'First, by someone else');
    const own = await raise(COUNCILLOR, '2044/45', 'leadership', 'Second, my own');
    const answeredOne = await raise(COUNCILLOR_3, '2044/45', 'engaging-councillors', 'Third, answered');
    await as(OFFICER).challenges.respond(answeredOne, 'Answered.');
    const ws = await loadWorkspace(as(COUNCILLOR), framework, '2044/45');
    expect(awaitingResponseCount(ws.challenges)).toBe(2);
    expect(ownChallengesFirst(ws.challenges, ws.user.id).map((c) => c.id)).toEqual([own.id, other.id, answeredOne.id]);
    await as(COUNCILLOR).challenges.changeState(ws.challenges.find((c) => c.id === own.id)!, 'Closed', ws.user.id);
    expect(awaitingResponseCount((await loadWorkspace(as(APPROVER), framework, '2044/45')).challenges)).toBe(1);
  }, 120000);
});
