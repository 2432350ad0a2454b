import { mergeStyles } from '@fluentui/react/lib/Styling';

/**
 * The dashboard printed (or saved as PDF) as a report for a committee or a management team: black on
 * white, no controls, a line naming the year and the date it was printed, tables that break between
 * rows and a chart that stays on one page. Applied to the dashboard's root; nothing here changes the
 * screen except hiding the print-only line.
 */

/** Marks something that only the printed report shows (the line with the year and the date printed). */
export const PRINT_ONLY = 'nps-print-only';
/** Marks something the printed report leaves out (the workbook download, its progress and messages). */
export const SCREEN_ONLY = 'nps-screen-only';

/** What a printout cannot use: buttons, pickers and menus, spinners, the download and its progress. */
const CONTROLS = [
  'button',
  '[role="button"]',
  'select',
  'input',
  'textarea',
  'progress',
  '.ms-Button',
  '.ms-Dropdown-container',
  '.ms-Dropdown',
  '.ms-TextField',
  '.ms-Spinner',
  '.nps-loading',
  '.nps-period-picker',
  `.${SCREEN_ONLY}`,
].join(', ');

export const dashboardPrintClass = mergeStyles({
  selectors: {
    [`.${PRINT_ONLY}`]: { display: 'none' },
    '@media print': {
      // The host page's theme (dark Teams, a coloured SharePoint section) must not print: black on white.
      backgroundColor: '#ffffff !important',
      color: '#000000 !important',
      selectors: {
        '*': { color: '#000000 !important', backgroundColor: 'transparent !important', boxShadow: 'none !important', textShadow: 'none !important' },
        [CONTROLS]: { display: 'none !important' },
        [`.${PRINT_ONLY}`]: { display: 'block !important', margin: '0 0 12px', fontWeight: 600 },
        // A link prints as its words, like the rest of the text.
        a: { textDecoration: 'none !important' },
        // Rows are never cut across two pages, and a table's header repeats on each page it runs onto.
        tr: { breakInside: 'avoid', pageBreakInside: 'avoid' },
        'th, td': { borderColor: '#000000 !important' },
        thead: { display: 'table-header-group' },
        'h2, h3, h4, caption': { breakAfter: 'avoid', pageBreakAfter: 'avoid' },
        // The chart and its key stay whole, on one page.
        '.nps-chart': { breakInside: 'avoid', pageBreakInside: 'avoid' },
        '.nps-chart__svg': { maxWidth: '100% !important' },
        // The key's swatches are the one colour kept (they match the chart's bars and markers).
        '.nps-key--current': { backgroundColor: '#0f6cbd !important', WebkitPrintColorAdjust: 'exact', printColorAdjust: 'exact' },
        '.nps-key--target': { backgroundColor: '#a4262c !important', WebkitPrintColorAdjust: 'exact', printColorAdjust: 'exact' },
        // Badges (RAG) keep their words and lose their fill: a box reads on a black-and-white printer.
        '.nps-badge': { border: '1px solid #000000', color: '#000000 !important', backgroundColor: '#ffffff !important' },
        // Tables a narrow screen shows as one card per row print as tables, whatever the paper's width.
        // (Two classes, to outweigh the narrow-screen rules whichever style sheet comes first.)
        '.nps-table.nps-table--stack thead': { display: 'table-header-group', position: 'static', width: 'auto', height: 'auto', overflow: 'visible', clip: 'auto' },
        '.nps-table.nps-table--stack tr': { display: 'table-row', padding: 0 },
        '.nps-table.nps-table--stack th, .nps-table.nps-table--stack td': { display: 'table-cell', borderBottom: '1px solid #000000', padding: '4px 6px' },
        '.nps-table.nps-table--stack td[data-label]::before': { content: 'none' },
      },
    },
  },
});
