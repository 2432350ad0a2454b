import { readFileSync } from 'fs';
import { Page } from 'playwright-core';
import { axeViolations, pageAs, previewForThisFile } from './preview';

/*
 * A living framework in the local preview: the site owner adds the council's own key area, begun from
 * an objective the strategy names, and an officer assesses it in the year in progress. The signed-off
 * years keep the framework they were assessed against.
 */
const GARETH = 'gareth.pryce@borsetshire.example';
const AISHA = 'aisha.khan@borsetshire.example';

const running = previewForThisFile();

/** A row of the site owner's table of key areas and enablers (the assessment's own table has rows of the same names). */
const frameworkRow = (page: Page, name: RegExp) => page.getByRole('table', { name: /Key areas and enablers on this site/ }).getByRole('row', { name });

async function openAssessment(page: Page, period: string): Promise<void> {
  await page.goto(`${running.preview.origin}/#/assessment?period=${period}`);
  await page.getByRole('heading', { name: 'Procurement maturity assessment' }).waitFor();
  await page.getByText(/of 1\d assessed/).first().waitFor();
}

const COUNCIL_WORDS = {
  description: 'Ethical procurement is how Borsetshire makes sure the people in its supply chains are treated fairly.',
  whatItIs: 'Checking suppliers for modern slavery risks and acting on what we find.',
  whyItIsImportant: 'Residents expect the council not to profit from exploitation.',
  levels: [
    ['1. Minimum', 'We ask suppliers to confirm they comply with the law.'],
    ['2. Developing', 'Modern slavery questions are in every tender over £25,000.'],
    ['3. Mature', 'High-risk contracts are checked each year with the supplier.'],
    ['4. Leader', 'We publish a statement and train every buyer.'],
    ['5. Innovator', 'We lead a regional approach with other councils.'],
  ],
};

describe('a living framework', () => {
  it('lets the site owner add a local index from the strategy\'s starting point, with every problem shown on its field, and passes axe', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, GARETH);
    await openAssessment(page, '2025/26');
    await page.getByText('11 of 14 assessed').waitFor();
    await page.getByText('Site owner tools').click();
    await page.getByRole('button', { name: 'Manage the framework' }).click();
    await page.getByRole('heading', { name: 'Manage the framework' }).waitFor();
    await expect(page.getByRole('table', { name: /Key areas and enablers on this site: 14 in use, 0 retired/ }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /starting point: Ethical procurement/ }).click();
    const form = page.getByRole('form', { name: 'Add a local index: Ethical procurement' });
    await form.waitFor();
    // The strategy's own words, quoted and cited; nothing else is presented as the strategy's.
    await expect(form.locator('blockquote').textContent()).resolves.toContain('voluntary compliance with the Modern Slavery Act 2015');
    await form.getByText(/quoted from the National Procurement Strategy for Local Government in England 2018, Introduction/).waitFor();
    await expect(form.getByRole('textbox', { name: /^1\. Minimum/ }).inputValue()).resolves.toBe('');

    // Saved as it is, nothing is added and each problem is on its field.
    await form.getByRole('button', { name: 'Add the index' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Nothing was saved' });
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain('The Leader descriptor is required: every level needs one.');
    const leader = form.getByRole('textbox', { name: /^4\. Leader/ });
    expect(await leader.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await leader.getAttribute('aria-describedby')) ?? '';
    await expect(page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy)).resolves.toContain(
      'The Leader descriptor is required'
    );
    expect(await axeViolations(page)).toEqual([]);

    await form.getByRole('combobox', { name: /Theme/ }).click();
    await page.getByRole('option', { name: 'Achieving community benefits' }).click();
    await form.getByRole('textbox', { name: /^Description/ }).fill(COUNCIL_WORDS.description);
    await form.getByRole('textbox', { name: /^What it is/ }).fill(COUNCIL_WORDS.whatItIs);
    await form.getByRole('textbox', { name: /^Why it is important/ }).fill(COUNCIL_WORDS.whyItIsImportant);
    for (const [label, text] of COUNCIL_WORDS.levels) await form.getByRole('textbox', { name: new RegExp(`^${label.replace('.', '\\.')}`) }).fill(text);
    await form.getByRole('button', { name: 'Add the index' }).click();
    await page.getByText(/Added Ethical procurement \(index id local-ethical-procurement\)/).waitFor();
    const row = frameworkRow(page, /Ethical procurement/);
    await expect(row.textContent()).resolves.toMatch(/Key area: Achieving community benefits.*Your council’s.*In use/);
    // The view around it follows at once.
    await page.getByText('11 of 15 assessed').waitFor();
    await context.close();
  });

  it('lets an officer assess the new index in the year in progress, while signed-off years keep their framework', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    await openAssessment(page, '2025/26');
    await page.getByText('11 of 15 assessed').waitFor();
    await page.getByRole('button', { name: 'Assess Ethical procurement' }).click();
    await page.waitForFunction(() => !!document.activeElement?.closest('.ms-Panel-main')?.textContent?.includes('Ethical procurement'));
    const panel = page.getByRole('dialog');
    // The council's descriptors are the choices.
    const developing = panel.getByRole('radio', { name: /^2\. Developing/ });
    await developing.check();
    await expect(panel.getByText('Modern slavery questions are in every tender over £25,000.').count()).resolves.toBeGreaterThan(0);
    await panel.getByRole('combobox', { name: /Target level/ }).click();
    await page.getByRole('option', { name: /Mature/ }).click();
    await panel.getByRole('textbox', { name: /^Evidence/ }).fill('Modern slavery clause added to the tender templates in June.');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.getByText(/^Saved /).waitFor();
    await panel.getByRole('button', { name: 'Close', exact: true }).first().click();
    await page.getByText('12 of 15 assessed').waitFor();
    await expect(page.getByRole('row', { name: /Ethical procurement/ }).textContent()).resolves.toMatch(/Developing.*Mature/);

    // The years already signed off were assessed against the strategy's 14 and stay that way.
    await openAssessment(page, '2024/25');
    await page.getByText('14 of 14 assessed').waitFor();
    expect(await page.getByRole('row', { name: /Ethical procurement/ }).count()).toBe(0);
    await context.close();
  });

  it('lets the site owner reword, retire and restore it, export the framework, and import only what a preview showed and they confirmed', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, GARETH);
    await openAssessment(page, '2025/26');
    await page.getByText('Site owner tools').click();
    await page.getByRole('button', { name: 'Manage the framework' }).click();
    await page.getByRole('heading', { name: 'Manage the framework' }).waitFor();

    await page.getByRole('button', { name: 'Reword Ethical procurement' }).click();
    const form = page.getByRole('form', { name: 'Reword Ethical procurement' });
    await form.getByRole('textbox', { name: /^4\. Leader/ }).fill('We publish a modern slavery statement every year.');
    await form.getByRole('button', { name: 'Save the new wording' }).click();
    await page.getByText(/Saved the new wording of Ethical procurement/).waitFor();

    await page.getByRole('button', { name: 'Retire Ethical procurement' }).click();
    await page.getByRole('group', { name: 'Retire Ethical procurement?' }).getByRole('button', { name: 'Retire Ethical procurement' }).click();
    await page.getByText(/Retired Ethical procurement\. Years that assessed it keep it\./).waitFor();
    await expect(frameworkRow(page, /Ethical procurement/).textContent()).resolves.toContain('Retired: kept only in the years that assessed it');
    // 2025/26 assessed it, so it stays in that year.
    await page.getByText('12 of 15 assessed').waitFor();
    await page.getByRole('button', { name: 'Restore Ethical procurement' }).click();
    await page.getByText(/Restored Ethical procurement/).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the framework (JSON file)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^nps-framework-procurement-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const ethical = exported.indices.find((i: { id: string }) => i.id === 'local-ethical-procurement');
    expect(ethical).toMatchObject({ origin: 'local', startingPoint: 'ethical-procurement' });
    expect(ethical.descriptors.leader).toBe('We publish a modern slavery statement every year.');

    await page.getByRole('button', { name: 'Import a framework file' }).click();
    const file = page.getByLabel('Framework file (.json)');
    const conflicting = { ...exported, indices: exported.indices.map((i: { id: string }) => (i.id === 'developing-talent' ? { ...i, kind: 'keyArea', themeId: 'showing-leadership', description: 'd', whatItIs: 'w', whyItIsImportant: 'y' } : i)) };
    await file.setInputFiles({ name: 'conflicting.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(conflicting)) });
    const refused = page.getByRole('alert').filter({ hasText: 'conflicting.json cannot be imported, so nothing has changed' });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('it is an enabler on this site but a key area in the file');

    const regional = { ...exported, indices: exported.indices.map((i: { id: string; descriptors: Record<string, string> }) => (i.id === 'obtaining-social-value' ? { ...i, descriptors: { ...i.descriptors, mature: 'The region’s Mature wording.' } } : i)) };
    await file.setInputFiles({ name: 'regional.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(regional)) });
    const reworded = page.getByRole('region', { name: 'Would be reworded' });
    await reworded.waitFor();
    await expect(reworded.textContent()).resolves.toMatch(/Would be reworded \(1\).*Obtaining social value.*Mature descriptor/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Cancel: change nothing' }).click();
    await expect(frameworkRow(page, /Obtaining social value/).textContent()).resolves.toContain('The strategy’s');

    await page.getByRole('button', { name: 'Import a framework file' }).click();
    await page.getByLabel('Framework file (.json)').setInputFiles({ name: 'regional.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(regional)) });
    await page.getByRole('button', { name: 'Import these changes' }).click();
    await page.getByText('Imported the framework file: reworded Obtaining social value.').waitFor();
    await expect(frameworkRow(page, /Obtaining social value/).textContent()).resolves.toContain('Reworded on this site');
    await context.close();
  });
});
