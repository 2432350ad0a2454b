/**
 * @jest-environment ./tests/support/jsdomWithFetch.js
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { setIconOptions } from '@fluentui/react/lib/Styling';
import JSZip from 'jszip';
import { npsFramework2018 } from '../../src/framework';
import { ScrutinyReviewApp } from '../../src/ui/views/ScrutinyReviewApp';
import { AwaitingResponseCount } from '../../src/ui/scrutiny/AwaitingResponseCount';
import { ShareForScrutiny } from '../../src/ui/scrutiny/ShareForScrutiny';
import { DataServices } from '../../src/data/services';
import { GROUPS } from '../../src/data/siteService';
import { AssessmentPeriod } from '../../src/domain/periods';
import { ScrutinyChallenge } from '../../src/domain/scrutiny';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { assessedYear, signOffStep } from '../support/workflow';
import { RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';
import { previewHost } from '../support/host';

/*
 * The scrutiny review as the people who use it, rendered in jsdom against the real local list service:
 * an approver shares it with a councillor who is not on the site yet and takes access away; councillors
 * close and reopen their own challenges, their own first; an officer revises an answer and sees every
 * earlier one; an officer makes the committee pack, which is saved to the library and downloaded.
 * Each test makes its own financial year.
 */
const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role && !p.newMember)[n];
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const COUNCILLOR_3 = person('councillor', 2);
const COLLEAGUE = person('other');
const NEWCOMER = DIRECTORY.find((p) => p.newMember)!;
const PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Scrutiny-review.aspx';

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
type Mail = { kind: string; from: string; to: string[]; subject: string; body: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();
const host = () => previewHost({ kind: 'SharePoint', siteUrl: service.siteUrl, links: { pages: { scrutiny: PAGE } } });

function reviewAs(who: { loginName: string }, periodName: string) {
  return render(<ScrutinyReviewApp host={host()} services={as(who)} framework={framework} title="Scrutiny review" target={{ periodName }} />);
}

async function signedOffYear(name: string): Promise<AssessmentPeriod> {
  const submitted = await signOffStep(as(OFFICER), 'officer', await assessedYear(as(OFFICER), name), 'submit');
  return (await signOffStep(as(APPROVER), 'approver', submitted.period, 'signOff')).period;
}

const raise = (who: { loginName: string }, periodName: string, indexId: string, text: string): Promise<ScrutinyChallenge> =>
  as(who).challenges.raise({ periodName, indexId, text, response: '', status: 'Open' }, 'Signed off');

const signedOffBanner = (periodName: string) => screen.findByText(new RegExp(`The ${periodName} assessment was signed off by ${APPROVER.displayName} on `), {}, { timeout: 20000 });

setIconOptions({ disableWarnings: true });
// Every browser has TextEncoder (the docx library uses it); this jsdom does not, so lend it Node's.
if (typeof (globalThis as { TextEncoder?: unknown }).TextEncoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { TextEncoder, TextDecoder } = require('util') as typeof import('util');
  Object.assign(globalThis, { TextEncoder, TextDecoder });
}

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, {
    officers: [OFFICER.loginName],
    approvers: [APPROVER.loginName],
    scrutiny: [COUNCILLOR.loginName, COUNCILLOR_3.loginName],
  });
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(COLLEAGUE.loginName);
}, 90000);

afterAll(async () => {
  await service?.stop();
});

describe('Share for scrutiny', () => {
  it('lets an approver share the review with a councillor not yet on the site, with a message, and take their access away', async () => {
    await signedOffYear('2050/51');
    reviewAs(APPROVER, '2050/51');
    await signedOffBanner('2050/51');
    fireEvent.click(screen.getByRole('button', { name: 'Share the 2050/51 scrutiny review with councillors' }));
    const panel = await screen.findByRole('dialog', {}, { timeout: 15000 });
    expect(within(panel).getByText('Share the scrutiny review')).toBeInTheDocument();
    // People search over the whole directory, including people who are not on the site.
    const picker = within(panel).getByRole('combobox', { name: 'People to share with' });
    picker.focus();
    fireEvent.input(picker, { target: { value: 'Omar' } });
    fireEvent.click(await screen.findByText(NEWCOMER.displayName, {}, { timeout: 10000 }));
    const message = within(panel).getByRole('textbox', { name: 'Message' });
    expect((message as HTMLTextAreaElement).value).toMatch(/^Please review the signed-off 2050\/51 procurement maturity self-assessment/);
    fireEvent.change(message, { target: { value: 'Cllr Haddad: please review before the March committee.' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Share' }));
    expect(await within(panel).findByText(new RegExp(`^Shared the review with ${NEWCOMER.displayName}: they are in ${GROUPS.scrutiny}`), {}, { timeout: 15000 })).toBeInTheDocument();
    const access = await within(panel).findByRole('list', { name: `People in ${GROUPS.scrutiny}` });
    const entry = await waitFor(() => within(access).getByText(NEWCOMER.displayName).closest('li')!, { timeout: 10000 });
    expect(entry).toHaveTextContent(new RegExp(`Shared by ${APPROVER.displayName} on \\d{1,2} \\w+ \\d{4}`));
    // SharePoint's invitation, from the approver, with the message and the page's link.
    const invitation = (await outbox()).find((m) => m.kind === 'share' && m.to.includes(NEWCOMER.email))!;
    expect(invitation.from).toBe(APPROVER.email);
    expect(invitation.body).toContain('Cllr Haddad: please review before the March committee.');
    expect(invitation.body).toContain(PAGE);
    // They can take part at once.
    await raise(NEWCOMER, '2050/51', 'leadership', 'A first question from a new member');

    fireEvent.click(within(entry).getByRole('button', { name: `Remove ${NEWCOMER.displayName}'s access` }));
    expect(await within(panel).findByText(`${NEWCOMER.displayName} no longer has access: they were taken out of ${GROUPS.scrutiny}.`, {}, { timeout: 15000 })).toBeInTheDocument();
    await waitFor(() => expect(within(panel).queryByText(NEWCOMER.displayName, { selector: 'strong' })).toBeNull(), { timeout: 10000 });
    await expect(raise(NEWCOMER, '2050/51', 'leadership', 'Too late')).rejects.toMatchObject({ status: 403 });
  }, 120000);

  it('is not offered to councillors, officers or read-only colleagues, and says when the review page is not known', async () => {
    await signedOffYear('2051/52');
    for (const who of [COUNCILLOR, OFFICER, COLLEAGUE]) {
      const view = reviewAs(who, '2051/52');
      await signedOffBanner('2051/52');
      expect(screen.queryByRole('button', { name: /scrutiny review with councillors/ })).toBeNull();
      view.unmount();
    }
    render(<ShareForScrutiny host={previewHost({ siteUrl: service.siteUrl })} services={as(APPROVER)} role="approver" periodName="2051/52" />);
    fireEvent.click(screen.getByRole('button', { name: 'Share the 2051/52 scrutiny review with councillors' }));
    expect(await screen.findByText(/The scrutiny review page is not known, so there is no link to share/, {}, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Share' })).toBeDisabled();
  }, 120000);
});

describe('the challenge log', () => {
  it('shows a councillor their own challenges first, and lets them close and reopen their own only', async () => {
    await signedOffYear('2052/53');
    await raise(COUNCILLOR_3, '2052/53', 'engaging-councillors', 'An earlier question from a colleague');
    await raise(COUNCILLOR, '2052/53', 'engaging-councillors', 'My own question');
    reviewAs(COUNCILLOR, '2052/53');
    await signedOffBanner('2052/53');
    const log = screen.getByRole('region', { name: 'Challenge log' });
    expect(within(log).getByText('2 of 2 scrutiny challenges on 2052/53 await a response.')).toBeInTheDocument();
    const rows = within(within(log).getByRole('table', { name: /yours first/ })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('My own question'), expect.stringContaining('An earlier question from a colleague')]);
    const region = screen.getByRole('region', { name: 'Engaging councillors' });
    const items = within(region).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Your challenge');
    expect(items[0]).toHaveTextContent('My own question');
    // Only their own challenge can be closed.
    expect(within(region).getAllByRole('button', { name: /your challenge on Engaging councillors/ })).toHaveLength(1);
    fireEvent.click(within(region).getByRole('button', { name: 'Close your challenge on Engaging councillors' }));
    expect(await within(region).findByText(new RegExp(`^Closed by ${COUNCILLOR.displayName} on `), {}, { timeout: 15000 })).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByRole('region', { name: 'Challenge log' })).getByText('1 of 2 scrutiny challenges on 2052/53 awaits a response.')).toBeInTheDocument(), { timeout: 15000 });
    fireEvent.click(within(region).getByRole('button', { name: 'Reopen your challenge on Engaging councillors' }));
    expect(await within(region).findByText(/^Reopened on .*: awaiting a further response\.$/, {}, { timeout: 15000 })).toBeInTheDocument();
    // Officers hear that it was reopened.
    await waitFor(async () => expect((await outbox()).some((m) => m.subject === 'Scrutiny challenge reopened on Engaging councillors (2052/53)')).toBe(true), { timeout: 10000 });
  }, 120000);

  it('lets an officer revise an answer, tells the councillor, and shows every answer from the version history', async () => {
    await signedOffYear('2053/54');
    const raised = await raise(COUNCILLOR, '2053/54', 'obtaining-social-value', 'How much social value was secured?');
    await as(OFFICER).challenges.respond(raised, 'Two million pounds.');
    reviewAs(OFFICER, '2053/54');
    await signedOffBanner('2053/54');
    const region = screen.getByRole('region', { name: 'Obtaining social value' });
    fireEvent.click(within(region).getByRole('button', { name: `Revise the answer to the challenge from ${COUNCILLOR.displayName}` }));
    const box = within(region).getByRole('textbox', { name: /Your revised response/ });
    expect(box).toHaveValue('Two million pounds.');
    fireEvent.change(box, { target: { value: 'Two point four million pounds, audited.' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save revised response' }));
    expect(await within(region).findByText(/Two point four million pounds, audited\.$/, {}, { timeout: 15000 })).toBeInTheDocument();
    await waitFor(async () => expect((await outbox()).some((m) => m.subject === 'Response to your scrutiny challenge on Obtaining social value (2053/54)' && m.to.includes(COUNCILLOR.email))).toBe(true), {
      timeout: 10000,
    });
    fireEvent.click(await within(region).findByRole('button', { name: /^Show every answer to the challenge from / }, { timeout: 15000 }));
    const answers = await within(region).findByRole('list', { name: 'Every answer, newest first' }, { timeout: 15000 });
    expect(within(answers).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(new RegExp(`^Version 2\\.0, ${OFFICER.displayName} on .*: Two point four million pounds, audited\\.$`)),
      expect.stringMatching(new RegExp(`^Version 1\\.0, ${OFFICER.displayName} on .*: Two million pounds\\.$`)),
    ]);
  }, 120000);

  it('counts what awaits a response for the dashboard', () => {
    const c = (id: number, status: ScrutinyChallenge['status']): ScrutinyChallenge => ({ id, periodName: '2054/55', indexId: 'leadership', text: `Q${id}`, response: '', status });
    const { rerender } = render(<AwaitingResponseCount challenges={[c(1, 'Open'), c(2, 'Answered'), c(3, 'Open')]} periodName="2054/55" href={PAGE} />);
    expect(screen.getByText('2 of 3 scrutiny challenges on 2054/55 await a response.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Answer them in the scrutiny review' })).toHaveAttribute('href', PAGE);
    rerender(<AwaitingResponseCount challenges={[c(2, 'Answered'), c(4, 'Closed')]} periodName="2054/55" href={PAGE} />);
    expect(screen.getByText('0 of 2 scrutiny challenges on 2054/55 await a response: every challenge has been answered or closed.')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('the committee pack', () => {
  it('is made by an officer, saved to Committee packs as a new version each time, and downloaded; councillors are not offered it', async () => {
    await signedOffYear('2055/56');
    const raised = await raise(COUNCILLOR, '2055/56', 'leadership', 'Who leads on procurement at cabinet?');
    await as(OFFICER).challenges.respond(raised, 'The cabinet member for resources.');
    const downloads: Array<{ name: string; blob: Blob }> = [];
    const created: Blob[] = [];
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => (created.push(b), `blob:pack-${created.length}`);
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ name: this.download, blob: created[created.length - 1] });
    });
    try {
      const councillorView = reviewAs(COUNCILLOR, '2055/56');
      await signedOffBanner('2055/56');
      expect(screen.queryByRole('button', { name: 'Make the committee pack' })).toBeNull();
      councillorView.unmount();

      reviewAs(OFFICER, '2055/56');
      await signedOffBanner('2055/56');
      fireEvent.click(screen.getByRole('button', { name: 'Make the committee pack' }));
      for (const round of [1, 2]) {
        fireEvent.click(await screen.findByRole('button', { name: 'Make, save and download' }, { timeout: 15000 }));
        if (round === 1) {
          // The cover needs the council's name; it is asked for, not guessed.
          expect(await screen.findByText("Enter the council's name for the cover of the pack.")).toBeInTheDocument();
          fireEvent.change(screen.getByRole('textbox', { name: /Council name, for the cover/ }), { target: { value: 'Borsetshire County Council' } });
          fireEvent.click(screen.getByRole('button', { name: 'Make, save and download' }));
        }
        expect(await screen.findByText(new RegExp(`^Saved to Committee packs as Procurement maturity 2055-56 committee pack\\.docx \\(version ${round}\\.0\\) and downloaded`), {}, { timeout: 30000 })).toBeInTheDocument();
      }
      expect(downloads.map((d) => d.name)).toEqual(['Procurement maturity 2055-56 committee pack.docx', 'Procurement maturity 2055-56 committee pack.docx']);
      const link = screen.getByRole('link', { name: 'Procurement maturity 2055-56 committee pack.docx' });
      // The saved file is what gets shared: a councillor reads it from the library, the same bytes as downloaded.
      const saved = await fetch(link.getAttribute('href')!, { headers: { 'X-Local-User': COUNCILLOR.email } });
      expect(saved.status).toBe(200);
      const bytes = new Uint8Array(await saved.arrayBuffer());
      expect(Buffer.from(bytes)).toEqual(Buffer.from(await downloads[1].blob.arrayBuffer()));
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      expect(xml).toContain('Borsetshire County Council');
      expect(xml).toContain('Who leads on procurement at cabinet?');
      expect(xml).toContain('The cabinet member for resources.');
      expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*Challenge log/);
    } finally {
      click.mockRestore();
    }
  }, 180000);
});
