import { contrast, Palette, paletteFor } from '../../src/ui/palette';
import { SectionColours } from '../../src/host';
import { sectionColours } from '../../src/webparts/spfxHost';

/** Text must reach 4.5:1 on the background; graphics that carry meaning 3:1 (WCAG 1.4.3, 1.4.11). */
function shortfalls(p: Palette): string[] {
  const text: Array<keyof Palette> = ['text', 'subtext', 'link', 'error'];
  const graphics: Array<keyof Palette> = ['border', 'info', 'success', 'warning', 'primary', 'chartCurrent', 'chartTarget', 'focus'];
  const out: string[] = [];
  for (const k of text) if (contrast(p[k] as string, p.background) < 4.5) out.push(`${k} ${p[k]} on ${p.background}`);
  for (const k of graphics) if (contrast(p[k] as string, p.background) < 3) out.push(`${k} ${p[k]} on ${p.background}`);
  if (contrast(p.primaryText, p.primary) < 4.5) out.push(`button text ${p.primaryText} on ${p.primary}`);
  return out;
}

// What SharePoint's theme variants give a web part on each kind of section (a blue site theme, and others).
const SECTIONS: Record<string, SectionColours> = {
  white: { background: '#ffffff', text: '#323130', link: '#0078d4', primary: '#0078d4', primaryText: '#ffffff' },
  neutral: { background: '#f3f2f1', text: '#323130', link: '#0078d4', primary: '#0078d4', primaryText: '#ffffff' },
  soft: { background: '#eff6fc', text: '#323130', link: '#0078d4', primary: '#0078d4', primaryText: '#ffffff' },
  strongBlue: { background: '#0078d4', text: '#ffffff', link: '#0078d4', primary: '#0078d4', primaryText: '#ffffff', isInverted: true },
  strongOrange: { background: '#ca5010', text: '#ffffff', link: '#ffffff', error: '#a4262c', isInverted: true },
  strongYellowWithDarkText: { background: '#fce100', text: '#323130', link: '#0078d4', primary: '#fce100' },
  darkSite: { background: '#1b1a19', text: '#f3f2f1', link: '#2899f5', primary: '#2899f5', primaryText: '#000000', isInverted: true },
  darkWithBadChoices: { background: '#201f1e', text: '#3b3a39', subtext: '#252423', link: '#004578', error: '#a4262c', primary: '#201f1e' },
};

describe('colours on every background (theme variants and Teams themes)', () => {
  it.each(Object.entries(SECTIONS))('keeps AA contrast on a %s section', (_, section) => {
    const p = paletteFor('default', section);
    expect(p.background).toBe(section.background);
    expect(shortfalls(p)).toEqual([]);
  });

  it.each(['default', 'dark', 'contrast'] as const)('keeps AA contrast in the %s Teams theme', (theme) => {
    expect(shortfalls(paletteFor(theme))).toEqual([]);
  });

  it('uses the site theme colours where they read well, and the section text where they would vanish', () => {
    const white = paletteFor('default', SECTIONS.white);
    expect(white.link).toBe('#0078d4');
    expect(white.primary).toBe('#0078d4');
    // The site's blue is a little short of 4.5:1 for link text on a soft section, though fine for a button.
    const soft = paletteFor('default', SECTIONS.soft);
    expect(contrast('#0078d4', '#eff6fc')).toBeLessThan(4.5);
    expect(soft.link).not.toBe('#0078d4');
    expect(soft.primary).toBe('#0078d4');
    // On a strong blue section the site's blue link and button would disappear into the background.
    const strong = paletteFor('default', SECTIONS.strongBlue);
    expect(strong.link).toBe('#ffffff');
    expect(strong.primary).toBe('#ffffff');
    expect(strong.primaryText).not.toBe('#ffffff');
    expect(strong.isInverted).toBe(true);
  });

  it('replaces unreadable text colours on a dark section, and works out that it is dark when not told', () => {
    const p = paletteFor('default', SECTIONS.darkWithBadChoices);
    expect(p.isInverted).toBe(true);
    expect(p.text).not.toBe('#3b3a39');
    expect(p.error).not.toBe('#a4262c');
  });

  it('falls back to the Teams theme when a section colour is not a #rrggbb value', () => {
    expect(paletteFor('dark', { background: 'transparent', text: 'inherit' }).background).toBe('#1f1f1f');
  });
});

describe("SPFx's section theme", () => {
  it('takes the colours a view needs from the semantic colours of the section theme', () => {
    const theme = {
      isInverted: true,
      palette: { themePrimary: '#03787c' },
      semanticColors: { bodyBackground: '#03787c', bodyText: '#ffffff', bodySubtext: '#f0f9fa', link: '#ffffff', inputBorder: '#c5e9ea', errorText: '#ffffff', primaryButtonBackground: '#ffffff', primaryButtonText: '#03787c' },
    };
    expect(sectionColours(theme as never)).toEqual({ background: '#03787c', text: '#ffffff', subtext: '#f0f9fa', link: '#ffffff', border: '#c5e9ea', error: '#ffffff', primary: '#ffffff', primaryText: '#03787c', isInverted: true });
    expect(sectionColours(undefined)).toBeUndefined();
  });
});
