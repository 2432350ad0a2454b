import { SectionColours } from '../../src/host';

/**
 * The backgrounds a SharePoint page section can have, with the colours SharePoint's theme variants give
 * a web part in each, for the preview's Teal site theme (the one its suite bar uses); "dark" stands for a
 * site with a dark theme. In a tenant these come from SPFx (web parts with supportsThemeVariants).
 */
export type SectionName = 'none' | 'neutral' | 'soft' | 'strong' | 'dark';

export const SECTIONS: Record<SectionName, { label: string; colours: SectionColours }> = {
  none: { label: 'None', colours: { background: '#ffffff', text: '#323130', subtext: '#605e5c', link: '#03787c', border: '#8a8886', error: '#a4262c', primary: '#03787c', primaryText: '#ffffff', isInverted: false } },
  neutral: { label: 'Neutral', colours: { background: '#f3f2f1', text: '#323130', subtext: '#605e5c', link: '#03787c', border: '#8a8886', error: '#a4262c', primary: '#03787c', primaryText: '#ffffff', isInverted: false } },
  soft: { label: 'Soft', colours: { background: '#f0f9fa', text: '#323130', subtext: '#605e5c', link: '#03787c', border: '#8a8886', error: '#a4262c', primary: '#03787c', primaryText: '#ffffff', isInverted: false } },
  // A strong section: the theme colour behind white text. SharePoint's own link and primary colours here
  // are the theme colour, which would vanish; the app falls back to the section's text colour.
  strong: { label: 'Strong', colours: { background: '#03787c', text: '#ffffff', subtext: '#f0f9fa', link: '#03787c', border: '#c5e9ea', error: '#a4262c', primary: '#ffffff', primaryText: '#03787c', isInverted: true } },
  dark: { label: 'Dark site theme', colours: { background: '#1b1a19', text: '#f3f2f1', subtext: '#c8c6c4', link: '#3cb6ba', border: '#979593', error: '#f1707b', primary: '#3cb6ba', primaryText: '#1b1a19', isInverted: true } },
};

export function sectionName(value: string | null): SectionName {
  return value && value in SECTIONS ? (value as SectionName) : 'none';
}
