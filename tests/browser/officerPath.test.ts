import { Page } from 'playwright-core';
import { axeViolations, pageAs, previewForThisFile } from './preview';

const AISHA = 'aisha.khan@borsetshire.example';
const KEVIN = 'kevin.doyle@borsetshire.example';
const HELEN = 'helen.marsh@borsetshire.example';

const running = previewForThisFile();

async function openAssessment(page: Page): Promise<void> {
  await page.goto(`${running.preview.origin}/#/assessment`);
  await page.getByRole('heading', { name: 'Procurement maturity assessment' }).waitFor();
  await page.getByText(/of 14 assessed/).waitFor();
}

/** Fluent's Panel moves focus into itself once its opening animation ends; typing before that is lost. */
async function panelReady(page: Page, heading: string): Promise<void> {
  await page.waitForFunction((h) => !!document.activeElement?.closest('.ms-Panel-main')?.textContent?.includes(h), heading);
}

async function assess(page: Page, indexTitle: string, level: string, target: string, evidence: string): Promise<void> {
  await page.getByRole('button', { name: `Assess ${indexTitle}` }).click();
  await panelReady(page, indexTitle);
  const panel = page.getByRole('dialog');
  await panel.getByRole('radio', { name: new RegExp(`^\\d\\. ${level}`) }).check();
  await panel.getByRole('combobox', { name: /Target level/ }).click();
  await page.getByRole('option', { name: new RegExp(target) }).click();
  await panel.getByRole('textbox', { name: /^Evidence/ }).fill(evidence);
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await panel.getByText(/^Saved /).waitFor();
  await panel.getByRole('button', { name: 'Close', exact: true }).first().click();
}

describe('a procurement officer in the Teams tab', () => {
  // Runs first: the path below submits the period, after which nothing can be edited.
  it('reaches and assesses an index with the keyboard alone', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    await page.goto(`${running.preview.origin}/#/assessment?period=2025/26`);
    await page.getByRole('heading', { name: 'Procurement maturity assessment' }).waitFor();
    const button = page.getByRole('button', { name: 'Assess Engaging councillors' });
    await button.waitFor();
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await page.locator('.ms-Panel-main').waitFor();
    const first = dialog.getByRole('radio').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio').nth(1).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await page.locator('.ms-Panel-main').waitFor({ state: 'detached' });
    await context.close();
  });

  it('assesses an index, adds an action and submits the period for sign-off', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    await openAssessment(page);
    await page.getByText('11 of 14 assessed').waitFor();

    await assess(page, 'Enabling innovation', 'Developing', 'Mature', 'Innovation considered on the assistive technology contract.');
    await page.getByText('12 of 14 assessed').waitFor();
    const row = page.getByRole('row', { name: /Enabling innovation/ });
    await expect(row.textContent()).resolves.toMatch(/Developing.*Mature.*1 level below target.*Assessed.*Aisha Khan/);

    // Evidence files attach to the saved assessment and open from it.
    await page.getByRole('button', { name: 'Assess Enabling innovation' }).click();
    await panelReady(page, 'Enabling innovation');
    await page.getByLabel('Attach files').setInputFiles({ name: 'innovation-log.txt', mimeType: 'text/plain', buffer: Buffer.from('Supplier day notes') });
    const file = page.getByRole('dialog').getByRole('link', { name: 'innovation-log.txt' });
    await file.waitFor();
    const body = await page.evaluate(async (href) => (await fetch(href)).text(), (await file.getAttribute('href'))!);
    expect(body).toBe('Supplier day notes');
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).first().click();

    await page.getByRole('button', { name: 'Add an action' }).click();
    await panelReady(page, 'New action');
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: 'Action' }).fill('Hold a supplier innovation day');
    const owner = form.getByRole('combobox', { name: 'Owner' });
    await owner.click();
    await owner.pressSequentially('Megan', { delay: 30 });
    await page.getByRole('option', { name: /Megan O'Brien/ }).click();
    // The choice becomes the owner once SharePoint has the person (ensureUser): wait for it, as a person would.
    await form.locator('.ms-PickerPersona-container', { hasText: "Megan O'Brien" }).waitFor();
    await form.getByRole('combobox', { name: /Due date/ }).fill('31/03/2027');
    await form.getByRole('combobox', { name: /Due date/ }).press('Tab');
    await form.getByRole('button', { name: 'Save action' }).click();
    await page.getByText('Saved the action "Hold a supplier innovation day".').waitFor();
    await expect(page.getByRole('row', { name: /Hold a supplier innovation day/ }).textContent()).resolves.toMatch(/Megan O'Brien.*31 March 2027.*Not started/);

    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'cannot be submitted yet' });
    await expect(missing.textContent()).resolves.toMatch(/Exploiting digital technology: no current level.*Embedding change: no current level, target level or evidence/);

    await assess(page, 'Exploiting digital technology', 'Developing', 'Mature', 'P2P system live; paper trails remain in two services.');
    await assess(page, 'Embedding change', 'Developing', 'Mature', 'Change programme reported quarterly to CMT.');
    await page.getByText('14 of 14 assessed').waitFor();
    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    await page.getByText(/submitted for sign-off by Aisha Khan/).waitFor();
    expect(await page.getByRole('button', { name: 'Assess Engaging councillors' }).count()).toBe(0);

    // What was saved is SharePoint's record now: it reads back the same after a reload.
    await page.reload();
    await page.getByText(/submitted for sign-off by Aisha Khan/).waitFor();
    await page.getByText('14 of 14 assessed').waitFor();
    await context.close();
  });

});

describe('accessibility and hosts', () => {
  it.each(['default', 'dark', 'contrast'])('the Assessment tab passes axe (WCAG 2.2 AA rules) in the %s Teams theme', async (theme) => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    await page.addInitScript((t) => localStorage.setItem('previewTheme', t), theme);
    await openAssessment(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /Engaging councillors$/ }).click();
    await page.locator('.ms-Panel-main').waitFor();
    await page.getByRole('radio').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it.each([
    ['dashboard', 'Procurement maturity dashboard'],
    ['scrutiny', 'Procurement maturity: scrutiny review'],
  ])('the %s page passes axe', async (view, heading) => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, HELEN);
    await page.goto(`${running.preview.origin}/#/${view}`);
    // The web part is a region of the page with its own heading under the page's h1.
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    await page.getByRole('combobox', { name: /^(Assessment period|Signed-off assessment)$/ }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('fits Teams mobile at 320 px without sideways scrolling', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA, { width: 320, height: 700 });
    await openAssessment(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('a SharePoint page holding all three web parts has one main landmark, one h1 and passes axe', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, HELEN);
    await page.goto(`${running.preview.origin}/#/page`);
    for (const heading of ['Procurement maturity assessment', 'Procurement maturity dashboard', 'Procurement maturity: scrutiny review']) {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      expect(await page.getByRole('region', { name: heading }).count()).toBe(1);
    }
    await page.getByRole('combobox', { name: 'Assessment period' }).first().waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('works offline: every request the preview makes stays on this machine', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(running.preview.origin) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    await openAssessment(page);
    // Icons (the editor panel's close button, at least) come from the locally served icon font.
    await page.getByRole('button', { name: /Engaging councillors$/ }).click();
    await page.locator('.ms-Panel-main').waitFor();
    await page.waitForFunction(() => [...(document.fonts as unknown as Iterable<FontFace>)].some((f) => f.family.includes('FabricMDL2Icons') && f.status === 'loaded'));
    await page.goto(`${running.preview.origin}/#/dashboard`);
    await page.getByRole('heading', { name: 'Procurement maturity dashboard' }).waitFor();
    await page.getByRole('table', { name: /Current level and target/ }).waitFor();
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it('runs the personal app on the root site: it reads the tenant property there and the lists on the procurement site', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, AISHA);
    const api: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.includes('/_api/')) api.push(`${r.method()} ${decodeURIComponent(path)}`);
    });
    await openAssessment(page);
    // One batch on the root site for the tenant properties, then the view's batch on the procurement site.
    expect(api.filter((r) => r.startsWith('POST /_api/$batch'))).toHaveLength(1);
    expect(api).toContain('POST /sites/procurement/_api/$batch');
    expect(api.filter((r) => r.startsWith('GET /_api/'))).toEqual([]);
    await context.close();
  });

  it('shows a read-only person no edit controls and says why', async () => {
    const { context, page } = await pageAs(running.browser, running.preview.origin, KEVIN);
    await page.goto(`${running.preview.origin}/#/assessment`);
    await page.getByText(/You have read-only access/).waitFor();
    expect(await page.getByRole('button', { name: /^Assess / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add an action' }).count()).toBe(0);
    await context.close();
  });
});
