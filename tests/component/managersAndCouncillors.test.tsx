/**
 * @jest-environment ./tests/support/jsdomWithFetch.js
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { setIconOptions } from '@fluentui/react/lib/Styling';
import { npsFramework2018 } from '../../src/framework';
import { LevelId } from '../../src/framework/types';
import { ProcurementDashboardApp } from '../../src/ui/views/ProcurementDashboardApp';
import { ScrutinyReviewApp } from '../../src/ui/views/ScrutinyReviewApp';
import { DataServices } from '../../src/data/services';
import { currentPeriod, takeSignOffStep } from '../../src/data/periodWorkflow';
import { LISTS } from '../../src/data/schema';
import { ActionPlanItem, Person } from '../../src/domain/actions';
import { AssessmentPeriod } from '../../src/domain/periods';
import { Role } from '../../src/domain/signOff';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { assessedYear as assessedYearAs, signOffStep } from '../support/workflow';
import { RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';
import { previewHost } from '../support/host';

/*
 * The senior managers' dashboard and the councillors' scrutiny review, rendered in jsdom against the
 * real local list service over HTTP, as each of the people who use them: what each one sees and can
 * do. Each test makes its own financial years, so any test can run alone.
 */
const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const OFFICER_2 = person('officer', 1);
const APPROVER = person('headOfProcurement');
const APPROVER_2 = person('director');
const COUNCILLOR = person('councillor');
const COLLEAGUE = person('other');
const TODAY = '2026-11-25';

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
type Mail = { from: string; to: string[]; subject: string; body: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();

function dashboardAs(who: { loginName: string }, periodName?: string) {
  // One services object per render: the view reloads when it changes.
  const services = as(who);
  return render(
    <ProcurementDashboardApp host={previewHost({ siteUrl: service.siteUrl })} services={services} framework={framework} title="Procurement dashboard" today={TODAY} target={periodName ? { periodName } : undefined} />
  );
}

function reviewAs(who: { loginName: string }, periodName?: string) {
  const services = as(who);
  return render(<ScrutinyReviewApp host={previewHost({ siteUrl: service.siteUrl })} services={services} framework={framework} title="Scrutiny review" target={periodName ? { periodName } : undefined} />);
}

type Levels = { current?: LevelId; target?: LevelId };

/** A year with every index assessed by an officer, at the levels `levels` gives each (by position). */
const assessedYear = (name: string, levels?: (i: number) => Levels): Promise<AssessmentPeriod> => assessedYearAs(as(OFFICER), name, levels);

const step = async (who: { loginName: string }, role: Role, period: AssessmentPeriod, action: 'submit' | 'signOff'): Promise<AssessmentPeriod> =>
  (await signOffStep(as(who), role, period, action)).period;

async function signedOffYear(name: string): Promise<AssessmentPeriod> {
  const submitted = await step(OFFICER, 'officer', await assessedYear(name), 'submit');
  return step(APPROVER, 'approver', submitted, 'signOff');
}

async function siteUser(who: { loginName: string }): Promise<Person> {
  const { id, displayName, email } = await as(who).site.currentUser();
  return { id, displayName, email };
}

// The web part loads Fluent's icon font at run time; here the icons are not the point.
setIconOptions({ disableWarnings: true });

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, {
    officers: [OFFICER.loginName, OFFICER_2.loginName],
    approvers: [APPROVER.loginName, APPROVER_2.loginName],
    scrutiny: [COUNCILLOR.loginName],
  });
  // A colleague elsewhere in the council who may read the site, in its visitors group.
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(COLLEAGUE.loginName);
}, 90000);

afterAll(async () => {
  await service?.stop();
});

describe('the dashboard for senior managers', () => {
  it('gives an approver the headline counts and the overdue actions, with owners and UK dates', async () => {
    // 5 at or above target (2 met, 3 above), 6 below, 3 with no target set: those count as neither.
    const levels = (i: number): Levels => {
      if (i < 2) return { current: 'mature', target: 'mature' };
      if (i < 5) return { current: 'leader', target: 'mature' };
      if (i < 11) return { current: 'developing', target: 'leader' };
      return { current: 'developing' };
    };
    await assessedYear('2001/02', levels);
    const [aisha, tom] = [await siteUser(OFFICER), await siteUser(OFFICER_2)];
    const action = (title: string, owner: Person, dueDate: string, status: ActionPlanItem['status']): ActionPlanItem => ({
      periodName: '2001/02', indexId: 'developing-talent', title, details: '', owner, dueDate, status, progressNotes: '',
    });
    for (const a of [
      action('Agree a competency framework', aisha, '2026-09-30', 'In progress'), // overdue: red
      action('Publish the procurement pipeline', tom, '2026-10-31', 'Not started'), // overdue: red
      action('Recruit two apprentices', aisha, '2026-12-05', 'Not started'), // 10 days, not started: red, not overdue
      action('Train category managers', tom, '2026-12-10', 'In progress'), // 15 days: amber
      action('Review the scheme of delegation', aisha, TODAY, 'In progress'), // due today: amber, not yet overdue
      action('Run a supplier day', tom, '2027-03-31', 'In progress'), // green
      action('Publish the contracts register', aisha, '2026-06-30', 'Complete'), // past its date but done: closed
    ]) {
      await as(OFFICER).actions.save(a);
    }

    dashboardAs(APPROVER, '2001/02');
    const headlines = within(await screen.findByRole('region', { name: 'Headlines' }, { timeout: 15000 }));
    expect(headlines.getByText(/key areas and enablers at or above target/).closest('li')).toHaveTextContent('5 of 14 key areas and enablers at or above target; 6 below target.');
    expect(headlines.getByText(/actions:/).closest('li')).toHaveTextContent('7 actions: 3 red, 2 amber, 1 green, 1 closed.');
    expect(headlines.getByText(/overdue/).closest('li')).toHaveTextContent('2 overdue.');

    const table = screen.getByRole('table', { name: 'Overdue actions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(table).getByRole('row', { name: /Agree a competency framework/ })).toHaveTextContent(/Developing talent.*Aisha Khan.*30 September 2026.*Red/);
    expect(within(table).getByRole('row', { name: /Publish the procurement pipeline/ })).toHaveTextContent(/Developing talent.*Tom Whitfield.*31 October 2026.*Red/);
    for (const notOverdue of ['Publish the contracts register', 'Review the scheme of delegation', 'Recruit two apprentices', 'Run a supplier day']) {
      expect(within(table).queryByText(notOverdue)).toBeNull();
    }
  }, 90000);

  it('shows a read-only colleague the figures but no sign-off buttons', async () => {
    await step(OFFICER, 'officer', await assessedYear('2002/03', (i) => (i < 9 ? { current: 'mature', target: 'mature' } : { current: 'minimum', target: 'developing' })), 'submit');
    await as(OFFICER).actions.save({ periodName: '2002/03', indexId: 'engaging-councillors', title: 'Brief the cabinet member', details: '', owner: await siteUser(OFFICER), dueDate: '2026-10-01', status: 'In progress', progressNotes: '' });

    dashboardAs(COLLEAGUE, '2002/03');
    const headlines = within(await screen.findByRole('region', { name: 'Headlines' }, { timeout: 15000 }));
    expect(headlines.getByText(/key areas and enablers at or above target/).closest('li')).toHaveTextContent('9 of 14 key areas and enablers at or above target; 5 below target.');
    expect(headlines.getByText(/overdue/).closest('li')).toHaveTextContent('1 overdue.');
    expect(within(screen.getByRole('table', { name: 'Overdue actions' })).getByRole('row', { name: /Brief the cabinet member/ })).toHaveTextContent(/Aisha Khan.*1 October 2026/);
    // Fluent's MessageBar shows its text a moment after it renders.
    expect(await screen.findByText(new RegExp(`The 2002/03 assessment was submitted for sign-off by ${OFFICER.displayName}`))).toBeInTheDocument();
    for (const name of ['Sign off', 'Return for changes', 'Submit for sign-off', 'Reopen for changes', 'Finish sign-off']) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
  }, 90000);

  it('lets an approver sign off a year someone else submitted, and refuses the approver who submitted it', async () => {
    await step(OFFICER, 'officer', await assessedYear('2003/04'), 'submit');
    const first = dashboardAs(APPROVER_2, '2003/04');
    await screen.findByText(new RegExp(`The 2003/04 assessment was submitted for sign-off by ${OFFICER.displayName}`), {}, { timeout: 15000 });
    expect(screen.getByRole('button', { name: 'Return for changes' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Sign off' }));
    expect(await screen.findByText(new RegExp(`The 2003/04 assessment was signed off by ${APPROVER_2.displayName} on `), {}, { timeout: 20000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign off' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Return for changes' })).toBeNull();
    // The year's assessments were made read-only as part of the sign-off.
    expect(screen.queryByText(/not yet read-only in SharePoint/)).toBeNull();
    first.unmount();

    await step(APPROVER, 'approver', await assessedYear('2004/05'), 'submit');
    dashboardAs(APPROVER, '2004/05');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign off' }, { timeout: 15000 }));
    expect(await screen.findByText(/You submitted this assessment, so someone else must sign it off/, {}, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(`The 2004/05 assessment was submitted for sign-off by ${APPROVER.displayName}`))).toBeInTheDocument();
    expect((await currentPeriod(as(APPROVER), '2004/05')).status).toBe('Submitted');
  }, 120000);

  it('names a bad item typed into a list, and still shows the rest', async () => {
    await assessedYear('2006/07', () => ({ current: 'mature', target: 'leader' }));
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const junk = await owner.web.lists.getByTitle(LISTS.periods.title).items.add({ Title: 'Zzz junk' });
    try {
      dashboardAs(APPROVER, '2006/07');
      const headlines = within(await screen.findByRole('region', { name: 'Headlines' }, { timeout: 15000 }));
      expect(headlines.getByText(/key areas and enablers at or above target/).closest('li')).toHaveTextContent('0 of 14 key areas and enablers at or above target; 14 below target.');
      const problem = await screen.findByText(new RegExp(`Assessment periods item ${junk.Id} "Zzz junk": `));
      expect(problem).toHaveTextContent(/no Period/);
      expect(screen.getByText('One list item is not shown because of a problem with what the list holds:')).toBeInTheDocument();
      expect(await screen.findByText('The 2006/07 assessment is a draft.')).toBeInTheDocument();
    } finally {
      await owner.web.lists.getByTitle(LISTS.periods.title).items.getById(junk.Id).delete();
    }
  }, 90000);
});

describe('the scrutiny review for councillors', () => {
  // The newest years on the site: the review's default is the latest signed-off one.
  it('opens the latest signed-off year rather than a newer draft, and turns a link to a draft towards it', async () => {
    await signedOffYear('2090/91');
    await assessedYear('2091/92');
    // Everything the councillor is shown on the way, not only where it ends up.
    const seen: string[] = [];
    const watcher = new MutationObserver(() => seen.push(document.body.textContent ?? ''));
    watcher.observe(document.body, { childList: true, subtree: true, characterData: true });
    const first = reviewAs(COUNCILLOR);
    expect(await screen.findByText(new RegExp(`The 2090/91 assessment was signed off by ${APPROVER.displayName} on `), {}, { timeout: 15000 })).toBeInTheDocument();
    watcher.disconnect();
    expect(seen.filter((text) => /2091\/92|not signed off yet|Review 2090\/91/.test(text))).toEqual([]);
    expect(screen.queryByText(/2091\/92/)).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Raise a challenge on / })).toHaveLength(14);
    first.unmount();

    reviewAs(COUNCILLOR, '2091/92');
    expect(
      await screen.findByText(/The 2091\/92 assessment is not signed off yet \(it is draft\), so it is not open for scrutiny review. The latest signed-off assessment is 2090\/91./, {}, { timeout: 15000 })
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Raise a challenge/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Review 2090/91' }));
    expect(await screen.findByText(new RegExp(`The 2090/91 assessment was signed off by ${APPROVER.displayName} on `), {}, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.queryByText(/not signed off yet/)).toBeNull();
  }, 120000);

  it('lets a councillor raise a challenge and an officer answer it, and shows a colleague both without either control', async () => {
    await signedOffYear('2005/06');
    const text = 'Why is <b>only</b> 12% spent with local SMEs & not more?';
    const region = () => screen.getByRole('region', { name: 'Engaging councillors' });

    const asCouncillor = reviewAs(COUNCILLOR, '2005/06');
    fireEvent.click(await screen.findByRole('button', { name: 'Raise a challenge on Engaging councillors' }, { timeout: 15000 }));
    expect(screen.queryByRole('button', { name: /^Respond/ })).toBeNull();
    fireEvent.change(within(region()).getByRole('textbox', { name: /Your challenge on Engaging councillors/ }), { target: { value: text } });
    fireEvent.click(within(region()).getByRole('button', { name: 'Raise challenge' }));
    // (The challenge box holds the text too until it closes; the challenge itself is a paragraph.)
    const raised = (await within(region()).findByText(/asked on/, {}, { timeout: 15000 })).closest('p')!;
    expect(raised).toHaveTextContent(new RegExp(`^${COUNCILLOR.displayName} asked on .*: Why is <b>only</b> 12% spent with local SMEs & not more\\?$`));
    expect(raised.querySelector('b')).toBeNull();
    expect(within(region()).getByText('Awaiting a response.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Respond/ })).toBeNull();
    // The email to officers goes from the councillor, with what they typed as text, never markup.
    await waitFor(async () => expect((await outbox()).some((m) => m.subject === 'Scrutiny challenge on Engaging councillors (2005/06)')).toBe(true), { timeout: 10000 });
    const mail = (await outbox()).find((m) => m.subject === 'Scrutiny challenge on Engaging councillors (2005/06)')!;
    expect(mail.from).toBe(COUNCILLOR.email);
    expect([...mail.to].sort()).toEqual([OFFICER.email, OFFICER_2.email].sort());
    expect(mail.body).toContain('Why is &lt;b&gt;only&lt;/b&gt; 12% spent with local SMEs &amp; not more?');
    expect(mail.body).not.toContain('<b>');
    expect(screen.queryByText(/The email to officers was not sent/)).toBeNull();
    asCouncillor.unmount();

    const asOfficer = reviewAs(OFFICER, '2005/06');
    fireEvent.click(await screen.findByRole('button', { name: `Respond to the challenge from ${COUNCILLOR.displayName}` }, { timeout: 15000 }));
    expect(screen.queryByRole('button', { name: /^Raise a challenge/ })).toBeNull();
    fireEvent.change(within(region()).getByRole('textbox', { name: /Your response/ }), { target: { value: 'It is 38 per cent this year, up from 31.' } });
    fireEvent.click(within(region()).getByRole('button', { name: 'Send response' }));
    const answer = (await within(region()).findByText(/answered on/, {}, { timeout: 15000 })).closest('p')!;
    expect(answer).toHaveTextContent(new RegExp(`^${OFFICER.displayName} answered on .*: It is 38 per cent this year, up from 31\\.$`));
    expect(screen.queryByRole('button', { name: /^Respond/ })).toBeNull();
    asOfficer.unmount();

    reviewAs(COLLEAGUE, '2005/06');
    await screen.findByText(new RegExp(`The 2005/06 assessment was signed off by ${APPROVER.displayName} on `), {}, { timeout: 15000 });
    expect(within(region()).getByText(/asked on/).closest('p')).toHaveTextContent(`${COUNCILLOR.displayName} asked on`);
    expect(within(region()).getByText(/asked on/).closest('p')).toHaveTextContent(text);
    expect(within(region()).getByText(/answered on/).closest('p')).toHaveTextContent(new RegExp(`^${OFFICER.displayName} answered on .*: It is 38 per cent this year, up from 31\\.$`));
    expect(screen.queryByRole('button', { name: /^Raise a challenge/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Respond/ })).toBeNull();
  }, 120000);
});

describe('text typed into SharePoint\'s own list forms', () => {
  it('shows a script link and markup typed into an assessment as inert text to councillors and approvers', async () => {
    await signedOffYear('2080/81');
    const [first] = await as(APPROVER).assessments.forPeriod('2080/81');
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    // Typed straight into the list (the site owner can still write a locked item): a javascript: link, and markup.
    await owner.web.lists.getByTitle(LISTS.assessments.title).items.getById(first.id!).update({
      NpsEvidenceLinks: JSON.stringify([{ url: 'javascript:alert(document.cookie)', description: 'Board paper' }, { url: 'https://borsetshire.example/report.pdf', description: 'Report' }]),
      NpsRationale: '<img src=x onerror="alert(1)"><b>Bold claim</b>',
    });
    for (const who of [COUNCILLOR, APPROVER]) {
      const { container, unmount } = reviewAs(who, '2080/81');
      expect(await screen.findByText(/<img src=x onerror="alert\(1\)"><b>Bold claim<\/b>/, {}, { timeout: 10000 })).toBeInTheDocument();
      expect(container.querySelector('img')).toBeNull();
      expect(container.querySelector('b')).toBeNull();
      const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
      expect(hrefs.some((h) => /^\s*javascript:/i.test(h))).toBe(false);
      expect(screen.getByText(/javascript:alert\(document.cookie\)/)).toBeInTheDocument();
      expect(screen.getByRole('link', { name: /Report/ })).toHaveAttribute('href', 'https://borsetshire.example/report.pdf');
      unmount();
    }
  }, 60000);
});

describe('the sign-off history on the dashboard', () => {
  it('shows who submitted, who returned it and why, and who signed it off, from the sign-off records', async () => {
    const assessed = await assessedYear('2070/71');
    const submitted = await step(OFFICER, 'officer', assessed, 'submit');
    const approver = as(APPROVER);
    const me = await approver.site.currentUser();
    const assessments = await approver.assessments.forPeriod('2070/71');
    const returned = await takeSignOffStep(approver, { period: submitted, framework, assessments }, { action: 'return', comment: 'Add the SME figures.' }, { role: 'approver', userId: me.id, displayName: me.displayName });
    const again = await step(OFFICER_2, 'officer', returned.period, 'submit');
    await step(APPROVER_2, 'approver', again, 'signOff');
    const { unmount } = dashboardAs(COLLEAGUE, '2070/71');
    const history = await screen.findByRole('table', { name: 'Sign-off history of 2070/71, oldest first' }, { timeout: 10000 });
    const rows = within(history).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(new RegExp(`Submitted for sign-off${OFFICER.displayName}`));
    expect(rows[1]).toMatch(new RegExp(`Returned for changes${APPROVER.displayName}Add the SME figures.`));
    expect(rows[2]).toMatch(new RegExp(`Submitted for sign-off${OFFICER_2.displayName}`));
    expect(rows[3]).toMatch(new RegExp(`Signed off${APPROVER_2.displayName}`));
    unmount();
  }, 60000);
});

describe('trends and gaps on the dashboard', () => {
  it('shows each index\'s level in every year with the movement since the last signed-off year, and the gaps ranked by theme', async () => {
    // 2060/61 signed off at Developing; 2061/62 in draft at Mature for the first key area, Minimum for the second.
    await step(APPROVER, 'approver', await step(OFFICER, 'officer', await assessedYear('2060/61'), 'submit'), 'signOff');
    await assessedYear('2061/62', (i) => (i === 0 ? { current: 'mature', target: 'leader' } : i === 1 ? { current: 'minimum', target: 'leader' } : { current: 'developing', target: 'developing' }));
    const { unmount } = dashboardAs(APPROVER, '2061/62');
    const trends = await screen.findByRole('table', { name: /Current level of each key area and enabler in each year/ }, { timeout: 10000 });
    const header = within(trends).getAllByRole('columnheader').map((h) => h.textContent);
    expect(header).toEqual(expect.arrayContaining(['2060/61', '2061/62 (draft)', 'Movement']));
    const first = within(trends).getByRole('row', { name: /^Engaging councillors/ });
    const cell = (row: HTMLElement, column: string) => within(row).getAllByRole('cell')[header.indexOf(column) - 1].textContent;
    expect(cell(first, '2060/61')).toBe('Developing');
    expect(cell(first, '2061/62 (draft)')).toBe('Mature');
    expect(cell(first, 'Movement')).toBe('Up from Developing in 2060/61');
    expect(cell(within(trends).getByRole('row', { name: /^Engaging senior managers/ }), 'Movement')).toBe('Down from Developing in 2060/61');
    // Furthest below target first within the theme: Minimum → Leader (3 levels) before Mature → Leader (1).
    const leadership = screen.getByRole('table', { name: /^Theme: Showing leadership: 2 below target/ });
    const ranked = within(leadership).getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);
    expect(ranked.slice(0, 2)).toEqual(['Engaging senior managers', 'Engaging councillors']);
    unmount();
  }, 90000);
});

describe('action health on the dashboard', () => {
  it('counts actions by RAG per key area and names actions with no owner and those new since the last sign-off', async () => {
    await step(APPROVER, 'approver', await step(OFFICER, 'officer', await assessedYear('2064/65'), 'submit'), 'signOff');
    await assessedYear('2065/66');
    // SharePoint dates changes to the second: let the actions come after the sign-off.
    await new Promise((r) => setTimeout(r, 1100));
    const aisha = await siteUser(OFFICER);
    await as(OFFICER).actions.save({ periodName: '2065/66', indexId: 'developing-talent', title: 'Agree a competency framework', details: '', owner: aisha, dueDate: '2027-06-30', status: 'In progress', progressNotes: '' });
    // Typed into the list's own form, with no owner.
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await owner.web.lists.getByTitle(LISTS.actions.title).items.add({ Title: 'Recruit apprentices', NpsPeriodName: '2065/66', NpsIndexId: 'developing-talent', NpsDueDate: '2027-01-31T12:00:00Z', NpsActionStatus: 'Not started' });
    const { unmount } = dashboardAs(APPROVER, '2065/66');
    const section = await screen.findByRole('region', { name: 'Action health, 2065/66' }, { timeout: 10000 });
    expect(section).toHaveTextContent('2 actions: 0 red, 0 amber, 2 green, 0 closed; 0 overdue; 1 without an owner; 0 without a due date; 2 new or changed since 2064/65 was signed off.');
    const row = within(section).getByRole('row', { name: /^Developing talent/ });
    expect(row).toHaveTextContent('"Recruit apprentices" has no owner');
    expect(row).toHaveTextContent('"Agree a competency framework": new or updated since sign-off');
    unmount();
  }, 90000);
});

