import { Page } from 'playwright-core';
import { axeViolations, pageAs, previewForThisFile } from './preview';

/*
 * SharePoint sections with a dark or coloured background: the web parts take the section's theme variant
 * (supportsThemeVariants), so text, links, buttons and the chart stay readable there (axe checks contrast
 * on what is actually drawn).
 */
const HELEN = 'helen.marsh@borsetshire.example';

const running = previewForThisFile();

async function openOn(section: string, view: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await pageAs(running.browser, running.preview.origin, HELEN);
  await page.addInitScript((s) => localStorage.setItem('previewSection', s), section);
  await page.goto(`${running.preview.origin}/#/${view}`);
  await page.getByRole('heading', { name: 'Procurement maturity dashboard', level: 2 }).waitFor();
  await page.getByRole('table', { name: /^Current level and target/ }).waitFor();
  return { page, close: () => context.close() };
}

/** The background and text colour the dashboard region is drawn with. */
async function drawnColours(page: Page): Promise<{ background: string; text: string }> {
  return page.evaluate(() => {
    const region = document.querySelector('[data-theme]') as HTMLElement;
    const style = getComputedStyle(region);
    return { background: style.backgroundColor, text: style.color };
  });
}

describe('web parts on SharePoint sections', () => {
  it.each([
    ['dark', 'rgb(27, 26, 25)', 'rgb(243, 242, 241)'],
    ['strong', 'rgb(3, 120, 124)', 'rgb(255, 255, 255)'],
    ['neutral', 'rgb(243, 242, 241)', 'rgb(50, 49, 48)'],
  ])('the dashboard on a %s section takes the section colours and passes axe', async (section, background, text) => {
    const { page, close } = await openOn(section, 'dashboard');
    expect(await drawnColours(page)).toEqual({ background, text });
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  it('follows a change of section background made while the page is open', async () => {
    const { page, close } = await openOn('none', 'dashboard');
    expect((await drawnColours(page)).background).toBe('rgb(255, 255, 255)');
    await page.getByRole('combobox', { name: 'Section background' }).selectOption('dark');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('[data-theme]') as HTMLElement).backgroundColor === 'rgb(27, 26, 25)');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  it('a page holding all three web parts on a dark section has one main landmark and passes axe', async () => {
    const { page, close } = await openOn('dark', 'page');
    for (const heading of ['Procurement maturity assessment', 'Procurement maturity: scrutiny review']) {
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
    }
    await page.getByText(/of 14 assessed/).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});
