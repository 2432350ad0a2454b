import { keyframes, mergeStyles } from '@fluentui/react/lib/Styling';

/**
 * The app's layout rules, as Fluent CSS-in-JS so they load the same way in a SharePoint page, a Teams
 * tab and the local preview, scoped under the root class so they never leak into the host page.
 * Colours come from the palette (ui/palette.ts, as CSS custom properties set by ThemedRoot), worked out
 * for the Teams theme or the SharePoint section and checked for contrast there; badge colours are fixed
 * and checked for 4.5:1 against their white text, so they read on any background.
 */
const spin = keyframes({ from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } });

export const appRootClass = mergeStyles({
  fontFamily: '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif',
  fontSize: 14,
  lineHeight: '1.45',
  maxWidth: 1200,
  padding: '8px 16px 32px',
  boxSizing: 'border-box',
  overflowWrap: 'anywhere',
  // The palette (ui/palette.ts) arrives as CSS custom properties on this root; the fallbacks are the light theme.
  color: 'var(--nps-text, #323130)',
  background: 'var(--nps-bg, #ffffff)',
  selectors: {
    a: { color: 'var(--nps-link, #0f6cbd)' },
    'a:focus-visible, button:focus-visible, select:focus-visible, textarea:focus-visible, input:focus-visible, [tabindex]:focus-visible': {
      outline: '2px solid var(--nps-focus, #323130)',
      outlineOffset: '2px',
    },
    // The web part's title is an h2 under the page's own h1; its sections h3, and so on.
    h2: { fontSize: 24, fontWeight: 600, margin: '8px 0 12px' },
    h3: { fontSize: 20, fontWeight: 600, margin: '24px 0 8px' },
    h4: { fontSize: 16, fontWeight: 600, margin: '16px 0 6px' },
    '.nps-table': { borderCollapse: 'collapse', width: '100%', margin: '12px 0 20px' },
    // Colleagues' views (issue 13): the warning is said in words, the border only repeats it.
    '.nps-spread-warning': { borderLeft: '4px solid var(--nps-warning, #8a4b00)', padding: '4px 8px', margin: '8px 0' },
    '.nps-view-index': { borderTop: '1px solid var(--nps-border, #8a8886)', paddingTop: 8, marginTop: 16 },
    // Disclosure summaries are targets too (WCAG 2.2 target size): at least 24 pixels tall.
    'details > summary': { minHeight: 24, lineHeight: '24px', cursor: 'pointer' },
    '.nps-check': { display: 'flex', alignItems: 'center', gap: 8, minHeight: 28 },
    // WCAG 2.2 target size: each box is at least 24 by 24 pixels.
    '.nps-check input[type="checkbox"]': { width: 24, height: 24, margin: 0, flex: 'none' },
    '.nps-table caption': { textAlign: 'left', fontWeight: 600, fontSize: 16, padding: '4px 0' },
    '.nps-table th, .nps-table td': { borderBottom: '1px solid var(--nps-border, #8a8886)', padding: '6px 8px', textAlign: 'left', verticalAlign: 'top' },
    // Column headings are short words: never broken inside a word ("Amber" is not "Ambe r").
    '.nps-table thead th': { fontWeight: 600, overflowWrap: 'normal' },
    '.nps-sub': { display: 'block', fontSize: 12 },
    '.nps-table .ms-Button': { whiteSpace: 'nowrap' },
    '.nps-badge': { display: 'inline-block', color: '#ffffff', borderRadius: 2, padding: '1px 8px', fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap' },
    '.nps-gap--behind': { fontWeight: 600 },
    '.nps-overdue-text': { fontWeight: 700 },
    '.nps-actions': { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '12px 0' },
    '.nps-visually-hidden': { position: 'absolute', width: 1, height: 1, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
    '.nps-level-choice': { border: '1px solid var(--nps-border, #8a8886)', borderRadius: 2, padding: '8px 12px', margin: '12px 0' },
    '.nps-level-choice legend': { fontWeight: 600, padding: '0 4px' },
    '.nps-level-option': { padding: '6px 4px', borderBottom: '1px solid var(--nps-grid, #c8c6c4)' },
    '.nps-level-option--chosen': { outline: '2px solid currentColor', outlineOffset: '-2px' },
    '.nps-level-option input': { width: 20, height: 20, margin: '0 8px 0 0', verticalAlign: 'middle' },
    '.nps-level-option label': { cursor: 'pointer' },
    '.nps-level-option__text': { margin: '2px 0 0 28px' },
    '.nps-error, .nps-error-summary': { color: 'var(--nps-error, #a4262c)', fontWeight: 600 },
    '.nps-error-summary': { border: '2px solid var(--nps-error, #a4262c)', padding: '8px 12px', margin: '12px 0' },
    '.nps-pre': { whiteSpace: 'pre-wrap' },
    '.nps-link-row': { display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: 8, alignItems: 'end' },
    '.nps-links, .nps-files': { border: '1px solid var(--nps-border, #8a8886)', borderRadius: 2, padding: '8px 12px', margin: '12px 0' },
    '.nps-meta, .nps-status': { fontSize: 12 },
    // Native controls for what every view shows on first load (Fluent's come with the editors, loaded later).
    '.nps-button': {
      font: 'inherit',
      fontWeight: 600,
      minHeight: 32,
      padding: '4px 16px',
      borderRadius: 2,
      cursor: 'pointer',
      border: '1px solid var(--nps-border, #8a8886)',
      color: 'var(--nps-text, #323130)',
      background: 'var(--nps-bg, #ffffff)',
    },
    '.nps-button--primary': { border: '1px solid var(--nps-primary, #0f6cbd)', color: 'var(--nps-primary-text, #ffffff)', background: 'var(--nps-primary, #0f6cbd)' },
    '.nps-button:disabled': { cursor: 'default', opacity: 0.6 },
    // Busy but still focused (a download being prepared): keyboard focus stays on the button.
    '.nps-button[aria-disabled="true"]': { cursor: 'progress', opacity: 0.75 },
    '.nps-button:hover:not(:disabled)': { textDecoration: 'underline' },
    '.nps-select, .nps-textarea, .nps-input': { font: 'inherit', color: 'var(--nps-text, #323130)', background: 'var(--nps-bg, #ffffff)', border: '1px solid var(--nps-border, #8a8886)', borderRadius: 2, padding: '4px 8px', minHeight: 32, maxWidth: '100%' },
    '.nps-textarea': { display: 'block', width: '100%', boxSizing: 'border-box', minHeight: 80, resize: 'vertical' },
    '.nps-field': { margin: '8px 0' },
    '.nps-field label, .nps-field__label': { display: 'block', fontWeight: 600, padding: '4px 0' },
    '.nps-field__note': { display: 'block', fontSize: 12, color: 'var(--nps-subtext, #605e5c)' },
    '.nps-notice': { borderLeft: '6px solid var(--nps-info, #0f6cbd)', border: '1px solid var(--nps-border, #8a8886)', borderLeftWidth: 6, padding: '8px 12px', margin: '8px 0', display: 'flex', gap: 12, alignItems: 'flex-start' },
    '.nps-notice__body': { flex: 1, minWidth: 0 },
    '.nps-notice__body > p:first-child': { marginTop: 0 },
    '.nps-notice__body > :last-child': { marginBottom: 0 },
    '.nps-notice--info': { borderLeftColor: 'var(--nps-info, #0f6cbd)' },
    '.nps-notice--success': { borderLeftColor: 'var(--nps-success, #107c10)' },
    '.nps-notice--warning': { borderLeftColor: 'var(--nps-warning, #8a4b00)' },
    '.nps-notice--severe, .nps-notice--error': { borderLeftColor: 'var(--nps-error, #a4262c)' },
    '.nps-notice__kind': { fontWeight: 700 },
    '.nps-spinner': { display: 'inline-block', width: 20, height: 20, border: '3px solid var(--nps-grid, #c8c6c4)', borderTopColor: 'var(--nps-primary, #0f6cbd)', borderRadius: '50%', verticalAlign: 'middle', marginRight: 8, animation: `${spin} 1s linear infinite` },
    '.nps-loading': { margin: '16px 0' },
    '@media (prefers-reduced-motion: reduce)': { selectors: { '.nps-spinner': { animation: 'none' } } },
    '.nps-period-picker': { maxWidth: 320 },
    '.nps-progress': { margin: '12px 0 4px' },
    progress: { width: '100%', maxWidth: 480, height: 16 },
    '.nps-levels div': { margin: '4px 0' },
    '.nps-levels dt': { fontWeight: 600 },
    '.nps-levels dd': { margin: '0 0 0 16px' },
    '.nps-facts': { display: 'flex', flexWrap: 'wrap', gap: 24, margin: '4px 0' },
    '.nps-facts dt': { fontSize: 12 },
    '.nps-facts dd': { margin: 0, fontWeight: 600 },
    '.nps-chart__svg': { width: '100%', maxWidth: 720, height: 'auto' },
    '.nps-key': { display: 'inline-block', width: 14, height: 10, margin: '0 4px 0 12px' },
    '.nps-key--current': { background: 'var(--nps-chart-current, #0f6cbd)' },
    '.nps-key--target': { background: 'var(--nps-chart-target, #a4262c)', width: 4 },
    '.nps-chart__bar': { fill: 'var(--nps-chart-current, #0f6cbd)' },
    '.nps-chart__target': { fill: 'var(--nps-chart-target, #a4262c)', stroke: 'var(--nps-chart-target, #a4262c)' },
    '.nps-chart__grid': { stroke: 'var(--nps-grid, #c8c6c4)' },
    '.nps-conflict': { border: '2px solid var(--nps-warning, #8a4b00)', padding: '8px 12px', margin: '12px 0' },
    '.nps-inline-choice': { border: 0, padding: 0, margin: 0, display: 'flex', gap: 12, flexWrap: 'wrap' },
    '.nps-inline-choice label': { whiteSpace: 'nowrap' },
    '.nps-switch': { display: 'inline-flex', alignItems: 'center', gap: 6, fontWeight: 600, minHeight: 32 },
    '.nps-switch input': { width: 20, height: 20, margin: 0, accentColor: 'var(--nps-primary, #0f6cbd)' },
    '.nps-response': { marginLeft: 16, paddingLeft: 8, borderLeft: '3px solid var(--nps-border, #8a8886)' },
    // Below 640 px (Teams mobile, narrow columns) tables become one card per row.
    '@media (max-width: 640px)': {
      selectors: {
        '.nps-table--stack thead': { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' },
        '.nps-table--stack tr': { display: 'block', borderBottom: '1px solid var(--nps-border, #8a8886)', padding: '6px 0' },
        '.nps-table--stack th, .nps-table--stack td': { display: 'block', border: 0, padding: '2px 0' },
        '.nps-table--stack td[data-label]::before': { content: 'attr(data-label) ": "', fontWeight: 600 },
        '.nps-link-row': { gridTemplateColumns: '1fr' },
      },
    },
  },
});
