import { readFileSync } from 'fs';
import JSZip from 'jszip';
import { axeViolations, pageAs, previewForThisFile } from './preview';

/*
 * The scrutiny path in the preview, as the people who take it: an approver shares the review with a
 * councillor who is not yet on the site; the councillor opens the invitation's link in SharePoint (no
 * Teams) and raises a challenge; an officer answers it; the committee pack downloads with both in it.
 */
const RACHEL = 'rachel.greenwood@borsetshire.example';
const AISHA = 'aisha.khan@borsetshire.example';
const OMAR = 'omar.haddad@borsetshire.example';

const running = previewForThisFile();

type Mail = { kind: string; from: string; to: string[]; subject: string; body: string };

/** True once `check` is, within ten seconds. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let waited = 0; waited < 10000; waited += 250) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

describe('the scrutiny path', () => {
  it('shares with a councillor not yet on the site, who raises a challenge that an officer answers, and the committee pack downloads', async () => {
    const question = 'Why is the target for engaging councillors only Leader by 2027?';
    const answer = 'Because member training reaches 31 of 57 councillors so far; the plan reaches all by March 2027.';

    // 1. An approver shares the review from the scrutiny page with someone not yet on the site.
    const approver = await pageAs(running.browser, running.preview.origin, RACHEL);
    await approver.page.goto(`${running.preview.origin}/#/scrutiny`);
    await approver.page.getByText(/The 2024\/25 assessment was signed off by/).waitFor();
    await approver.page.getByRole('button', { name: 'Share the 2024/25 scrutiny review with councillors' }).click();
    const panel = approver.page.getByRole('dialog');
    const picker = panel.getByRole('combobox', { name: 'People to share with' });
    await picker.waitFor();
    await approver.page.waitForFunction(() => !!document.activeElement?.closest('.ms-Panel-main'));
    await picker.fill('Omar');
    await approver.page.getByRole('option', { name: /Cllr Omar Haddad/ }).click();
    expect(await axeViolations(approver.page)).toEqual([]);
    await panel.getByRole('textbox', { name: 'Message' }).fill('Cllr Haddad, please review this before the March committee.');
    await panel.getByRole('button', { name: 'Share', exact: true }).click();
    await panel.getByText(/^Shared the review with Cllr Omar Haddad: they are in Scrutiny members/).waitFor();
    await panel.getByRole('list', { name: 'People in Scrutiny members' }).getByText('Cllr Omar Haddad').waitFor();
    await approver.context.close();

    // SharePoint's invitation, with the message and the link to the review page.
    const outbox: Mail[] = await (await fetch(`${running.preview.origin}/_local/outbox`)).json();
    const invitation = outbox.find((m) => m.kind === 'share' && m.to.includes(OMAR))!;
    expect(invitation.from).toBe(RACHEL);
    expect(invitation.body).toContain('Cllr Haddad, please review this before the March committee.');
    const link = /Open: (\S+)/.exec(invitation.body)![1];
    expect(link).toBe(`${running.preview.origin}/#/scrutiny`);

    // 2. The councillor opens the link (a SharePoint page, no Teams) and raises a challenge straight away.
    const councillor = await pageAs(running.browser, running.preview.origin, OMAR);
    await councillor.page.goto(link);
    await councillor.page.getByText(/The 2024\/25 assessment was signed off by/).waitFor();
    expect(await councillor.page.getByRole('button', { name: /scrutiny review with councillors/ }).count()).toBe(0);
    await councillor.page.getByRole('button', { name: 'Raise a challenge on Engaging councillors' }).click();
    const region = councillor.page.getByRole('region', { name: 'Engaging councillors' });
    await region.getByRole('textbox', { name: /Your challenge on Engaging councillors/ }).fill(question);
    await region.getByRole('button', { name: 'Raise challenge' }).click();
    await region.getByText(question).first().waitFor();
    // Exact: while the form closes, its label ("Your challenge on …") may still be on screen.
    await region.getByText('Your challenge', { exact: true }).waitFor();
    expect(await axeViolations(councillor.page)).toEqual([]);
    await councillor.context.close();

    // 3. An officer answers it.
    const officer = await pageAs(running.browser, running.preview.origin, AISHA);
    await officer.page.goto(`${running.preview.origin}/#/scrutiny`);
    await officer.page.getByText(/The 2024\/25 assessment was signed off by/).waitFor();
    const officerRegion = officer.page.getByRole('region', { name: 'Engaging councillors' });
    await officerRegion.getByRole('button', { name: 'Respond to the challenge from Cllr Omar Haddad' }).click();
    await officerRegion.getByRole('textbox', { name: /Your response/ }).fill(answer);
    await officerRegion.getByRole('button', { name: 'Send response' }).click();
    await officerRegion.getByText(new RegExp(`answered on .*: ${answer.replace(/[.;]/g, '\\$&')}`)).waitFor();
    // The councillor is told (the email goes once the answer is saved).
    expect(await eventually(async () => ((await (await fetch(`${running.preview.origin}/_local/outbox`)).json()) as Mail[]).some((m) => m.to.includes(OMAR) && m.subject === 'Response to your scrutiny challenge on Engaging councillors (2024/25)'))).toBe(true);

    // 4. The committee pack: made in the browser, saved to the library and downloaded.
    await officer.page.getByRole('button', { name: 'Make the committee pack' }).click();
    await officer.page.getByRole('textbox', { name: /Council name, for the cover/ }).fill('Borsetshire County Council');
    const [download] = await Promise.all([officer.page.waitForEvent('download'), officer.page.getByRole('button', { name: 'Make, save and download' }).click()]);
    expect(download.suggestedFilename()).toBe('Procurement maturity 2024-25 committee pack.docx');
    await officer.page.getByText(/^Saved to Committee packs as Procurement maturity 2024-25 committee pack\.docx \(version 1\.0\) and downloaded/).waitFor();
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Borsetshire County Council');
    expect(xml).toContain(question);
    expect(xml).toContain(answer);
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*Challenge log/);
    // In a browser the charts are drawn as pictures, with their alternative text.
    expect(Object.keys(zip.files).some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(xml).toMatch(/descr="Bar chart of the current maturity level against the target/);
    // The saved file is the one to share: it opens from its link for a councillor.
    const saved = await officer.page.getByRole('link', { name: 'Procurement maturity 2024-25 committee pack.docx' }).getAttribute('href');
    const asCouncillor = await fetch(saved!, { headers: { Cookie: `localUser=${encodeURIComponent(OMAR)}` } });
    expect(asCouncillor.status).toBe(200);
    expect(Buffer.from(await asCouncillor.arrayBuffer())).toEqual(readFileSync((await download.path())!));
    expect(await axeViolations(officer.page)).toEqual([]);
    await officer.context.close();
  });
});
