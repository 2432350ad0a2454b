import { HostTheme, SectionColours } from '../host';

/**
 * The colours the app draws with, worked out from where it is shown: a Teams theme, or the SharePoint
 * section the web part sits in (a theme variant: neutral, soft, strong or a dark site theme). Every text
 * colour is checked for 4.5:1 against the background and every graphic (chart bars, borders that carry
 * meaning, focus rings) for 3:1 (WCAG 1.4.3 and 1.4.11). A colour that would fall short, say a site's
 * link colour on a strong section, is replaced by the section's own text colour, which the theme makes
 * readable there.
 */
export interface Palette {
  background: string;
  text: string;
  /** Secondary text: notes, captions. */
  subtext: string;
  link: string;
  /** Borders and rules between rows. */
  border: string;
  /** Errors and "below target". */
  error: string;
  /** Status stripes of messages. */
  info: string;
  success: string;
  warning: string;
  /** Primary buttons. */
  primary: string;
  primaryText: string;
  /** Chart: the current level bar and the target marker. */
  chartCurrent: string;
  chartTarget: string;
  /** Chart grid lines: decoration only, never the only carrier of meaning. */
  gridLine: string;
  focus: string;
  /** Dark background: Fluent components use their inverted styles. */
  isInverted: boolean;
}

const WHITE = '#ffffff';
const BLACK = '#000000';

function channels(hex: string): [number, number, number] | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const h = m[1].length === 3 ? m[1].replace(/./g, (c) => c + c) : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance of a #rrggbb colour; undefined for anything else (named colours, rgba). */
export function luminance(hex: string): number | undefined {
  const rgb = channels(hex);
  if (!rgb) return undefined;
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21); 1 when either cannot be read. */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === undefined || lb === undefined) return 1;
  const [hi, lo] = la > lb ? [la, lb] : [lb, la];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the background. */
export function onBackground(background: string): string {
  return contrast(WHITE, background) >= contrast(BLACK, background) ? WHITE : BLACK;
}

/** The first candidate with at least `ratio` contrast against the background; else black or white. */
function readable(background: string, ratio: number, ...candidates: Array<string | undefined>): string {
  for (const c of candidates) if (c && contrast(c, background) >= ratio) return c.toLowerCase();
  return onBackground(background);
}

function isHex(value: string | undefined): value is string {
  return !!value && channels(value) !== undefined;
}

/** Light backgrounds: Fluent's own status colours. Dark: their lighter counterparts. */
const LIGHT = { text: '#323130', subtext: '#605e5c', link: '#0f6cbd', border: '#8a8886', error: '#a4262c', info: '#0f6cbd', success: '#107c10', warning: '#8a4b00', primary: '#0f6cbd', target: '#a4262c', grid: '#c8c6c4' };
const DARK = { text: '#ffffff', subtext: '#d6d6d6', link: '#85b8ff', border: '#a19f9d', error: '#ff9b9b', info: '#85b8ff', success: '#92c353', warning: '#fce100', primary: '#7f85f5', target: '#ff9b9b', grid: '#605e5c' };

type Preferred = Partial<Record<keyof typeof LIGHT | 'primaryText', string>>;

function build(background: string, preferred: Preferred, isInverted: boolean): Palette {
  const base = isInverted ? DARK : LIGHT;
  const pick = (key: keyof Preferred): string | undefined => (isHex(preferred[key]) ? preferred[key] : undefined);
  const text = readable(background, 4.5, pick('text'), base.text);
  const primary = readable(background, 3, pick('primary'), base.primary, text);
  return {
    background: background.toLowerCase(),
    text,
    subtext: readable(background, 4.5, pick('subtext'), base.subtext, text),
    link: readable(background, 4.5, pick('link'), base.link, text),
    border: readable(background, 3, pick('border'), base.border, text),
    error: readable(background, 4.5, pick('error'), base.error, text),
    info: readable(background, 3, base.info, text),
    success: readable(background, 3, base.success, text),
    warning: readable(background, 3, base.warning, text),
    primary,
    // Button text against the button's own colour.
    primaryText: readable(primary, 4.5, isHex(preferred.primaryText) ? preferred.primaryText : undefined),
    chartCurrent: readable(background, 3, pick('primary'), base.primary, text),
    chartTarget: readable(background, 3, base.target, text),
    // Decoration: kept faint, and never below 1.5:1 so it is still seen.
    gridLine: contrast(base.grid, background) >= 1.5 ? base.grid : readable(background, 1.5, base.border, text),
    focus: readable(background, 3, text),
    isInverted,
  };
}

/** Teams themes: default (light), dark, and high contrast (black, white and yellow only). */
function teamsPalette(theme: HostTheme): Palette {
  if (theme === 'dark') return build('#1f1f1f', {}, true);
  if (theme === 'contrast') {
    const p = build(BLACK, { text: WHITE, subtext: WHITE, link: '#ffff00', border: WHITE, error: '#ffff00', primary: '#ffff00' }, true);
    return { ...p, info: WHITE, success: WHITE, warning: '#ffff00', chartCurrent: WHITE, chartTarget: '#ffff00', gridLine: WHITE, focus: '#ffff00' };
  }
  return build(WHITE, {}, false);
}

/**
 * The palette for a host: on a SharePoint page, from the section's theme (what SPFx gives a web part that
 * supports theme variants); in Teams and the preview, from the Teams theme.
 */
export function paletteFor(theme: HostTheme, section?: SectionColours): Palette {
  if (!section || !isHex(section.background)) return teamsPalette(theme);
  const dark = section.isInverted ?? (luminance(section.background) ?? 1) < 0.2;
  return build(
    section.background,
    { text: section.text, subtext: section.subtext, link: section.link, border: section.border, error: section.error, primary: section.primary, primaryText: section.primaryText },
    dark
  );
}

/** The palette as CSS custom properties on the app's root; styles.ts reads them with var(). */
export function paletteVariables(p: Palette): Record<string, string> {
  return {
    '--nps-bg': p.background,
    '--nps-text': p.text,
    '--nps-subtext': p.subtext,
    '--nps-link': p.link,
    '--nps-border': p.border,
    '--nps-error': p.error,
    '--nps-info': p.info,
    '--nps-success': p.success,
    '--nps-warning': p.warning,
    '--nps-primary': p.primary,
    '--nps-primary-text': p.primaryText,
    '--nps-chart-current': p.chartCurrent,
    '--nps-chart-target': p.chartTarget,
    '--nps-grid': p.gridLine,
    '--nps-focus': p.focus,
  };
}
