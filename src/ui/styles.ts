import { mergeStyles } from '@fluentui/react/lib/Styling';

/**
 * The app's layout rules, as Fluent CSS-in-JS so they load the same way in a SharePoint page, a Teams
 * tab and the local preview, scoped under the root class so they never leak into the host page.
 * Colours come from `currentColor` and Fluent's theme where possible, so dark and high-contrast
 * themes keep their contrast; status colours are checked for 4.5:1 against white text.
 */
export const appRootClass = mergeStyles({
  fontFamily: '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif',
  fontSize: 14,
  lineHeight: '1.45',
  maxWidth: 1200,
  padding: '8px 16px 32px',
  boxSizing: 'border-box',
  overflowWrap: 'anywhere',
  selectors: {
    // The web part's title is an h2 under the page's own h1; its sections h3, and so on.
    h2: { fontSize: 24, fontWeight: 600, margin: '8px 0 12px' },
    h3: { fontSize: 20, fontWeight: 600, margin: '24px 0 8px' },
    h4: { fontSize: 16, fontWeight: 600, margin: '16px 0 6px' },
    '.nps-table': { borderCollapse: 'collapse', width: '100%', margin: '12px 0 20px' },
    '.nps-table caption': { textAlign: 'left', fontWeight: 600, fontSize: 16, padding: '4px 0' },
    '.nps-table th, .nps-table td': { borderBottom: '1px solid #8a8886', padding: '6px 8px', textAlign: 'left', verticalAlign: 'top' },
    '.nps-table thead th': { fontWeight: 600 },
    '.nps-sub': { display: 'block', fontSize: 12 },
    '.nps-table .ms-Button': { whiteSpace: 'nowrap' },
    '.nps-badge': { display: 'inline-block', color: '#ffffff', borderRadius: 2, padding: '1px 8px', fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap' },
    '.nps-gap--behind': { fontWeight: 600 },
    '.nps-overdue-text': { fontWeight: 700 },
    '.nps-actions': { display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', margin: '12px 0' },
    '.nps-visually-hidden': { position: 'absolute', width: 1, height: 1, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
    '.nps-level-choice': { border: '1px solid #8a8886', borderRadius: 2, padding: '8px 12px', margin: '12px 0' },
    '.nps-level-choice legend': { fontWeight: 600, padding: '0 4px' },
    '.nps-level-option': { padding: '6px 4px', borderBottom: '1px solid #edebe9' },
    '.nps-level-option--chosen': { outline: '2px solid currentColor', outlineOffset: '-2px' },
    '.nps-level-option input': { width: 20, height: 20, margin: '0 8px 0 0', verticalAlign: 'middle' },
    '.nps-level-option label': { cursor: 'pointer' },
    '.nps-level-option__text': { margin: '2px 0 0 28px' },
    '.nps-error, .nps-error-summary': { color: '#a4262c', fontWeight: 600 },
    '.nps-error-summary': { border: '2px solid #a4262c', padding: '8px 12px', margin: '12px 0' },
    '.nps-pre': { whiteSpace: 'pre-wrap' },
    '.nps-link-row': { display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: 8, alignItems: 'end' },
    '.nps-links, .nps-files': { border: '1px solid #8a8886', borderRadius: 2, padding: '8px 12px', margin: '12px 0' },
    '.nps-meta, .nps-status': { fontSize: 12 },
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
    '.nps-key--current': { background: '#0f6cbd' },
    '.nps-key--target': { background: '#a4262c', width: 4 },
    '.nps-conflict': { border: '2px solid #8a4b00', padding: '8px 12px', margin: '12px 0' },
    '.nps-inline-choice': { border: 0, padding: 0, margin: 0, display: 'flex', gap: 12, flexWrap: 'wrap' },
    '.nps-inline-choice label': { whiteSpace: 'nowrap' },
    '.nps-response': { marginLeft: 16, paddingLeft: 8, borderLeft: '3px solid #8a8886' },
    // Below 640 px (Teams mobile, narrow columns) tables become one card per row.
    '@media (max-width: 640px)': {
      selectors: {
        '.nps-table--stack thead': { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' },
        '.nps-table--stack tr': { display: 'block', borderBottom: '1px solid #8a8886', padding: '6px 0' },
        '.nps-table--stack th, .nps-table--stack td': { display: 'block', border: 0, padding: '2px 0' },
        '.nps-table--stack td[data-label]::before': { content: 'attr(data-label) ": "', fontWeight: 600 },
        '.nps-link-row': { gridTemplateColumns: '1fr' },
      },
    },
  },
});
