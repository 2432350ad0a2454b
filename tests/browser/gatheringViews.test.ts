import { readFileSync } from 'fs';
import JSZip from 'jszip';
import { Page } from 'playwright-core';
import { axeViolations, pageAs, previewForThisFile } from './preview';

/*
 * Gathering views in the preview, as the people who take part: the lead officer asks two colleagues from
 * outside procurement for their views; each gives theirs from the link in the email, two levels apart;
 * the lead officer sees the spread, agrees a level with a moderation note; the dashboard shows it.
 */
const AISHA = 'aisha.khan@borsetshire.example';
const KEVIN = 'kevin.doyle@borsetshire.example';
const MARTIN = 'martin.ellis@borsetshire.example';
const RACHEL = 'rachel.greenwood@borsetshire.example';
const INDEX = 'Enabling innovation';

const running = previewForThisFile();

type Mail = { kind: string; from: string; to: string[]; subject: string; body: string };

async function outbox(): Promise<Mail[]> {
  return (await fetch(`${running.preview.origin}/_local/outbox`)).json();
}

/** Fluent's Panel moves focus into itself once its opening animation ends; typing before that is lost. */
async function panelReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !!document.activeElement?.closest('.ms-Panel-main'));
}

async function pick(page: Page, picker: string, name: string, person: RegExp): Promise<void> {
  const box = page.getByRole('dialog').getByRole('combobox', { name: picker });
  await box.fill(name);
  await page.getByRole('option', { name: person }).click();
}

/** A colleague opens the link from their invitation and gives their view on the index. */
async function giveView(email: string, link: string, level: string, comment: string): Promise<void> {
  const { context, page } = await pageAs(running.browser, running.preview.origin, email);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Your views on 2025/26' }).waitFor();
  const region = page.getByRole('region', { name: new RegExp(`^${INDEX}`) });
  await region.getByRole('radio', { name: new RegExp(`^\\d\\. ${level}`) }).check();
  await region.getByRole('textbox', { name: /Your comment/ }).fill(comment);
  // Nobody else's view is on the page, before or after giving one's own.
  expect(await page.getByText(/differ by two levels/).count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await region.getByRole('button', { name: 'Give your view' }).click();
  await page.getByText(`Your view on ${INDEX} is saved: ${level}.`).waitFor();
  await region.getByText(/^Your view:/).waitFor();
  await page.getByText('1 of 2 given').waitFor();
  await context.close();
}

describe('gathering views before the council agrees its level', () => {
  it('two colleagues two levels apart, the lead officer agrees a level with a note, and the dashboard shows it', async () => {
    // 1. The lead officer asks two colleagues, one from Highways and the finance director.
    const lead = await pageAs(running.browser, running.preview.origin, AISHA);
    await lead.page.goto(`${running.preview.origin}/#/assessment?period=2025/26`);
    await lead.page.getByText(/of 14 assessed/).waitFor();
    await lead.page.getByRole('button', { name: "Gather colleagues' views on 2025/26" }).click();
    await panelReady(lead.page);
    const panel = lead.page.getByRole('dialog');
    await pick(lead.page, 'Colleagues to ask', 'Kevin', /Kevin Doyle/);
    await pick(lead.page, 'Colleagues to ask', 'Martin', /Martin Ellis/);
    await panel.getByRole('button', { name: 'Choose none' }).click();
    await panel.getByRole('checkbox', { name: INDEX }).check();
    await panel.getByRole('checkbox', { name: 'Engaging councillors' }).check();
    expect(await axeViolations(lead.page)).toEqual([]);

    // The blank pack for colleagues who prefer paper: the two chosen indices, with tick boxes.
    const [download] = await Promise.all([lead.page.waitForEvent('download'), panel.getByRole('button', { name: 'Download blank pack (Word)' }).click()]);
    expect(download.suggestedFilename()).toBe('Procurement maturity 2025-26 views pack.docx');
    const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    expect(xml).toContain(INDEX);
    expect(xml).toContain('Engaging councillors');
    expect(xml).not.toContain('Developing talent');

    await panel.getByRole('button', { name: 'Ask for views' }).click();
    await panel.getByText(/^Asked Kevin Doyle and Martin Ellis for their views on 2 of the 14 key areas and enablers/).waitFor();
    await panel.getByRole('row', { name: /Kevin Doyle/ }).waitFor();
    await panel.getByRole('button', { name: 'Close', exact: true }).last().click();

    // Each invitation is an email from the lead officer with a link to "Give your views".
    const mails = await outbox();
    const toKevin = mails.find((m) => m.to.includes(KEVIN) && m.subject === 'Procurement maturity 2025/26: your view is asked for')!;
    const toMartin = mails.find((m) => m.to.includes(MARTIN) && m.subject === 'Procurement maturity 2025/26: your view is asked for')!;
    expect(toKevin.from).toBe(AISHA);
    const linkOf = (m: Mail): string => /(http:\/\/[^\s"<]+views=1[^\s"<]*)/.exec(m.body)![1].replace(/&amp;/g, '&');
    expect(linkOf(toKevin)).toContain('period=2025%2F26');

    // 2. The two colleagues give views two levels apart.
    await giveView(KEVIN, linkOf(toKevin), 'Developing', 'Highways have never been asked about innovation in a tender.');
    await giveView(MARTIN, linkOf(toMartin), 'Leader', 'Innovation partnership on assistive technology is under way.');

    // 3. The lead officer sees the spread and the difference, and agrees a level with a note.
    await lead.page.reload();
    await lead.page.getByText(/of 14 assessed/).waitFor();
    await lead.page.getByRole('button', { name: `Assess ${INDEX}` }).click();
    await panelReady(lead.page);
    const editor = lead.page.getByRole('dialog');
    await editor.getByText(/Views differ by two levels or more/).waitFor();
    await expect(editor.getByRole('row', { name: /2\. Developing/ }).textContent()).resolves.toMatch(/1.*Kevin Doyle/);
    await expect(editor.getByRole('row', { name: /4\. Leader/ }).textContent()).resolves.toMatch(/1.*Martin Ellis/);
    expect(await axeViolations(lead.page)).toEqual([]);
    await editor.getByRole('button', { name: `Agree Mature for ${INDEX}` }).click();
    const note = 'Agreed Mature at the workshop on 20 November: the pilot is real but not yet council-wide.';
    await editor.getByRole('textbox', { name: /Moderation note/ }).fill(note);
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await editor.getByText(/^Saved /).waitFor();
    await editor.getByRole('button', { name: 'Close', exact: true }).first().click();
    // The table is read again after the save: wait for it to show the agreed level.
    await lead.page.getByRole('row', { name: new RegExp(`^${INDEX} Mature`) }).waitFor();
    await lead.context.close();

    // 4. The dashboard shows the agreed level for the year.
    const manager = await pageAs(running.browser, running.preview.origin, RACHEL);
    await manager.page.goto(`${running.preview.origin}/#/dashboard`);
    await manager.page.getByRole('heading', { name: 'Procurement maturity dashboard', level: 2 }).waitFor();
    await manager.page.getByRole('combobox', { name: 'Assessment period' }).selectOption('2025/26');
    // It had no level for 2025/26 before (Minimum in both earlier years, target Developing), so Mature is the agreed one.
    await manager.page.getByRole('row', { name: new RegExp(`^${INDEX} Mature`) }).first().waitFor();
    expect(await axeViolations(manager.page)).toEqual([]);
    await manager.context.close();
  });

  it.each(['dark', 'contrast'])('Give your views and the spread pass axe in the %s Teams theme', async (theme) => {
    // The demo's colleagues gave views on social value in 2025/26, two levels apart.
    const colleague = await pageAs(running.browser, running.preview.origin, 'priya.shah@borsetshire.example');
    await colleague.page.addInitScript((t) => localStorage.setItem('previewTheme', t), theme);
    await colleague.page.goto(`${running.preview.origin}/#/assessment?period=2025%2F26&views=1`);
    await colleague.page.getByRole('heading', { name: 'Your views on 2025/26' }).waitFor();
    await colleague.page.getByRole('region', { name: /^Obtaining social value/ }).getByText(/^Your view:/).waitFor();
    // Only her own: the other colleagues' comments are nowhere on her page.
    expect(await colleague.page.getByText(/reported to finance quarterly/).count()).toBe(0);
    expect(await axeViolations(colleague.page)).toEqual([]);
    await colleague.context.close();

    const lead = await pageAs(running.browser, running.preview.origin, AISHA);
    await lead.page.addInitScript((t) => localStorage.setItem('previewTheme', t), theme);
    await lead.page.goto(`${running.preview.origin}/#/assessment?period=2025%2F26`);
    await lead.page.getByText(/of 14 assessed/).waitFor();
    await lead.page.getByRole('button', { name: /Obtaining social value$/ }).click();
    await panelReady(lead.page);
    await lead.page.getByRole('dialog').getByText(/Views differ by two levels or more/).waitFor();
    expect(await axeViolations(lead.page)).toEqual([]);
    await lead.context.close();
  });
});
