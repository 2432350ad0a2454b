import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { ActionPlanItem, actionRag, Rag } from '../domain/actions';
import { IndexAssessment, levelTitle } from '../domain/assessment';
import { formatUkDate, formatUkDateTime, IsoDate } from '../domain/dates';
import { describeGap, levelRank } from '../domain/levels';
import { AssessmentPeriod } from '../domain/periods';
import { awaitingResponseCount, ScrutinyChallenge } from '../domain/scrutiny';
import { describeCounts, ViewSpread, viewsSummary } from '../domain/views';
import { descriptorBlocks } from '../framework/descriptorText';
import { enablers, keyAreasOfTheme } from '../framework/queries';
import { Framework, LevelId, MaturityIndex } from '../framework/types';

/**
 * The committee pack: a Word document of a signed-off assessment for overview and scrutiny committee
 * papers. Built in the browser with the docx library, which loads only when someone makes a pack (this
 * module is a lazy chunk). Real headings (Title, Heading 1 to 4) and real tables with header rows, so
 * Word's navigation pane and screen readers can find their way; each chart is an image with alternative
 * text, followed by a table with the same figures. Everything people typed goes in as text, never markup.
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface CommitteePackInput {
  councilName: string;
  period: AssessmentPeriod;
  /** The framework the year is shown with (the one recorded at sign-off, when there is one). */
  framework: Framework;
  frameworkAsSignedOff: boolean;
  assessments: IndexAssessment[];
  actions: ActionPlanItem[];
  /** With their answers joined on. */
  challenges: ScrutinyChallenge[];
  /** For the actions' RAG and the "prepared on" line. */
  today: IsoDate;
  preparedBy: string;
  /**
   * Draws a chart (SVG) as a PNG, in the browser. Without it, or when it cannot, the chart goes in as
   * SVG with a plain placeholder for Word versions that cannot show SVG.
   */
  renderPng?: (svg: string, width: number, height: number) => Promise<Uint8Array | undefined>;
  /**
   * Colleagues' views gathered before the level was agreed, for the indices views were gathered on.
   * Without it the pack says nothing about views.
   */
  views?: Record<string, IndexViews>;
}

/** The views gathered on one index (from spreadOf), the level the lead officer agreed and why. */
export interface IndexViews {
  spread: ViewSpread;
  agreedLevel?: LevelId;
  /** Defaults to the assessment's own moderation note. */
  moderationNote?: string;
}

/** "2024/25" → "Procurement maturity 2024-25 committee pack.docx": the same name each time, so a remake is a new version. */
export function committeePackFileName(periodName: string): string {
  return `Procurement maturity ${periodName.replace(/\//g, '-')} committee pack.docx`;
}

// ---- text -----------------------------------------------------------------------------------------

/** Characters XML cannot hold (control characters people paste in) are left out; the rest is text. */
export function plain(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(value ?? '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

/** Text that may run over several lines: one run with line breaks. */
export function multiline(text: string, options: { bold?: boolean } = {}): TextRun[] {
  return plain(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ text: line, bold: options.bold, break: i > 0 ? 1 : undefined }));
}

function para(children: Array<TextRun | ExternalHyperlink | ImageRun>, options: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ children, heading: options.heading, keepNext: options.keepNext });
}

const OUTLINE_LEVEL: Partial<Record<string, number>> = { [HeadingLevel.HEADING_1]: 0, [HeadingLevel.HEADING_2]: 1, [HeadingLevel.HEADING_3]: 2, [HeadingLevel.HEADING_4]: 3 };

/** A heading with its outline level, which Word's navigation pane and screen readers' heading lists read. */
export function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ heading: level, outlineLevel: OUTLINE_LEVEL[level], children: [new TextRun(plain(text))], keepNext: true });
}

/** "Label: value" with the label in bold. */
function labelled(label: string, value: string): Paragraph {
  return para([new TextRun({ text: `${label}: `, bold: true }), ...multiline(value)]);
}

/** Only web links become links; anything else people typed (javascript:, a path) stays text. */
function link(url: string, text: string): TextRun | ExternalHyperlink {
  return /^https?:\/\//i.test(url.trim()) ? new ExternalHyperlink({ link: url.trim(), children: [new TextRun({ text: plain(text), style: 'Hyperlink' })] }) : new TextRun(plain(text));
}

// ---- tables ---------------------------------------------------------------------------------------

const RAG_SHADING: Record<Rag, string> = { Red: 'F4CCCC', Amber: 'FCE5CD', Green: 'D9EAD3', Complete: 'EDEDED' };

interface Cell {
  text: string;
  shading?: string;
  children?: Paragraph[];
}

/** A table whose first row is a header row Word repeats on each page and screen readers announce. */
function table(headers: string[], rows: Array<Array<string | Cell>>): Table {
  const cell = (value: string | Cell, header = false): TableCell => {
    const c: Cell = typeof value === 'string' ? { text: value } : value;
    return new TableCell({
      children: c.children ?? [para(multiline(c.text, { bold: header }))],
      shading: c.shading ? { type: ShadingType.CLEAR, color: 'auto', fill: c.shading } : header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DEEAF6' } : undefined,
    });
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v)) }))],
  });
}

// ---- the chart ------------------------------------------------------------------------------------

export interface ChartRow {
  title: string;
  current?: number;
  target?: number;
}

function svgText(value: string): string {
  return plain(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Current level (a bar) against target (a marker) for each row, as a self-contained SVG with a key:
 * dark text on white, so it prints and reads the same wherever it is placed.
 */
export function chartSvg(rows: ChartRow[], levels: string[]): { svg: string; width: number; height: number } {
  const rowHeight = 28;
  const labelWidth = 250;
  const step = 70;
  const width = labelWidth + step * levels.length + 40;
  const top = 30;
  const height = top + rows.length * rowHeight + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Arial, sans-serif">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  levels.forEach((level, i) => {
    const x = labelWidth + step * (i + 1);
    parts.push(`<line x1="${x}" x2="${x}" y1="${top - 8}" y2="${top + rows.length * rowHeight}" stroke="#c8c6c4"/>`);
    parts.push(`<text x="${x}" y="${top - 12}" text-anchor="middle" font-size="11" fill="#201f1e">${svgText(level)}</text>`);
  });
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const title = row.title.length > 40 ? `${row.title.slice(0, 39)}…` : row.title;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="11" fill="#201f1e">${svgText(title)}</text>`);
    if (row.current) parts.push(`<rect x="${labelWidth}" y="${y + 5}" width="${step * row.current}" height="14" fill="#0f6cbd"/>`);
    if (row.target) {
      const x = labelWidth + step * row.target;
      parts.push(`<line x1="${x}" x2="${x}" y1="${y + 1}" y2="${y + 23}" stroke="#a4262c" stroke-width="3"/>`);
      parts.push(`<path d="M ${x - 5} ${y} l 10 0 l -5 6 z" fill="#a4262c"/>`);
    }
  });
  const keyY = top + rows.length * rowHeight + 22;
  parts.push(`<rect x="${labelWidth}" y="${keyY - 10}" width="14" height="10" fill="#0f6cbd"/>`);
  parts.push(`<text x="${labelWidth + 20}" y="${keyY}" font-size="11" fill="#201f1e">Current level</text>`);
  parts.push(`<line x1="${labelWidth + 130}" x2="${labelWidth + 130}" y1="${keyY - 12}" y2="${keyY + 2}" stroke="#a4262c" stroke-width="3"/>`);
  parts.push(`<text x="${labelWidth + 138}" y="${keyY}" font-size="11" fill="#201f1e">Target</text>`);
  parts.push('</svg>');
  return { svg: parts.join(''), width, height };
}

/** A 1 × 1 white PNG: what Word versions that cannot draw SVG show when the chart could not be drawn as a PNG. */
const PLACEHOLDER_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=';

/** UTF-8 bytes of text, without TextEncoder (which not every runtime the pack is tested in has). */
function utf8(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      bytes.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(escaped.charCodeAt(i));
  }
  return new Uint8Array(bytes);
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Draws an SVG onto a canvas and returns it as PNG bytes, in a browser. Returns undefined where there is
 * no canvas to draw on (a test's jsdom) or the drawing fails, and the caller falls back to the SVG.
 */
export async function renderSvgToPng(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array | undefined> {
  // jsdom has neither a real canvas nor createImageBitmap; every browser SharePoint supports has both.
  if (typeof document === 'undefined' || typeof createImageBitmap !== 'function') return undefined;
  try {
    const image = new Image();
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn.'));
      setTimeout(() => reject(new Error('The chart took too long to draw.')), 5000);
    });
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
  } catch {
    return undefined;
  }
}

async function chartImage(input: CommitteePackInput, rows: ChartRow[], groupTitle: string, name: string): Promise<Paragraph> {
  const { svg, width, height } = chartSvg(
    rows,
    input.framework.levels.map((l) => l.title)
  );
  const png = input.renderPng ? await input.renderPng(svg, width, height).catch(() => undefined) : undefined;
  const below = rows.filter((r) => r.current && r.target && r.current < r.target).length;
  const met = rows.filter((r) => r.current && r.target && r.current >= r.target).length;
  const description =
    `Bar chart of the current maturity level against the target for each of the ${rows.length} ${groupTitle} in ${input.period.name}: ` +
    `${below} below target, ${met} at or above target, ${rows.length - below - met} without both levels set. The table after the chart gives the same figures.`;
  // Word page width: keep the chart within the text column (about 6.3 inches at 96 pixels to the inch).
  const shownWidth = Math.min(600, width);
  const shownHeight = Math.round((height * shownWidth) / width);
  const altText = { name, title: `Current level against target: ${groupTitle}, ${input.period.name}`, description };
  const image = png
    ? new ImageRun({ type: 'png', data: png, transformation: { width: shownWidth, height: shownHeight }, altText })
    : new ImageRun({
        type: 'svg',
        data: utf8(svg),
        fallback: { type: 'png', data: base64Bytes(PLACEHOLDER_PNG) },
        transformation: { width: shownWidth, height: shownHeight },
        altText,
      });
  return new Paragraph({ children: [image], alignment: AlignmentType.LEFT });
}

// ---- the pack -------------------------------------------------------------------------------------

interface Group {
  title: string;
  /** How the group reads inside a sentence ("key areas of Theme: Leadership", "enablers"). */
  phrase: string;
  indices: MaturityIndex[];
}

function groupsOf(framework: Framework): Group[] {
  const groups: Group[] = [...framework.themes]
    .sort((a, b) => a.order - b.order)
    .map((t) => ({ title: `Theme: ${t.title}`, phrase: `key areas of the theme ${t.title}`, indices: keyAreasOfTheme(framework, t.id) }));
  groups.push({ title: 'Enablers', phrase: 'enablers', indices: enablers(framework) });
  return groups.filter((g) => g.indices.length > 0);
}

function cover(input: CommitteePackInput): Paragraph[] {
  const { period, framework } = input;
  const challenges = input.challenges;
  const closed = challenges.filter((c) => c.status === 'Closed').length;
  const answered = challenges.filter((c) => c.status === 'Answered').length;
  const lines: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(`Procurement maturity self-assessment ${plain(period.name)}`)] }),
    para([new TextRun({ text: plain(input.councilName), bold: true, size: 32 })]),
    para([new TextRun({ text: 'Committee pack for overview and scrutiny', size: 28 })]),
    labelled('Council', input.councilName),
    labelled('Period', `${formatUkDate(period.startDate)} to ${formatUkDate(period.endDate)} (financial year ${period.name})`),
    labelled('Status', period.status),
  ];
  if (period.submittedBy || period.submittedOn) lines.push(labelled('Submitted for sign-off', `by ${period.submittedBy?.displayName ?? 'an officer'} on ${formatUkDateTime(period.submittedOn)}`));
  lines.push(
    labelled(
      'Sign-off',
      period.status === 'Signed off'
        ? `signed off by ${period.signedOffBy?.displayName ?? 'a senior manager'} on ${formatUkDateTime(period.signedOffOn)}`
        : `not signed off (the assessment is ${period.status.toLowerCase()}); this pack is not the council's record`
    ),
    labelled('Framework', `${framework.title}, version ${framework.version}`),
    labelled(
      'Scrutiny challenges',
      challenges.length === 0
        ? 'none raised'
        : `${challenges.length} raised: ${awaitingResponseCount(challenges)} awaiting a response, ${answered} answered, ${closed} closed`
    ),
    labelled('Pack prepared', `by ${input.preparedBy} on ${formatUkDate(input.today)}`),
    new Paragraph({ children: [new PageBreak()] })
  );
  return lines;
}

async function summary(input: CommitteePackInput, groups: Group[], byIndex: Map<string, IndexAssessment>): Promise<Array<Paragraph | Table>> {
  const out: Array<Paragraph | Table> = [
    heading('Summary: current level against target', HeadingLevel.HEADING_1),
    para([
      new TextRun(
        `Where the council stands on each key area and enabler of the ${plain(input.framework.title)} in ${plain(input.period.name)}, against the level it aims for. ` +
          'Each chart shows the current level as a bar and the target as a marker; the table after it gives the same figures.'
      ),
    ]),
  ];
  let n = 0;
  for (const group of groups) {
    n += 1;
    const rows = group.indices.map((index) => {
      const a = byIndex.get(index.id);
      return { index, a, chart: { title: index.title, current: a?.currentLevel ? levelRank(a.currentLevel) : undefined, target: a?.targetLevel ? levelRank(a.targetLevel) : undefined } };
    });
    out.push(heading(group.title, HeadingLevel.HEADING_2));
    out.push(await chartImage(input, rows.map((r) => r.chart), group.phrase, `Chart ${n}: ${group.title}`));
    out.push(para([new TextRun({ text: `Table ${n}: current level and target, ${group.title}, ${plain(input.period.name)}`, italics: true })], { keepNext: true }));
    out.push(
      table(
        [group.title === 'Enablers' ? 'Enabler' : 'Key area', 'Current level', 'Target level', 'Target date', 'Gap'],
        rows.map(({ index, a }) => [index.title, levelTitle(a?.currentLevel), levelTitle(a?.targetLevel), a?.targetDate ? formatUkDate(a.targetDate) : 'None set', describeGap(a?.currentLevel, a?.targetLevel)])
      )
    );
  }
  return out;
}

/** Only the indices views were gathered on, in the pack's order, with what was gathered on each. */
function indicesWithViews(input: CommitteePackInput, groups: Group[]): Array<{ index: MaturityIndex; views: IndexViews }> {
  const views = input.views ?? {};
  return groups.flatMap((g) => g.indices).filter((i) => Object.prototype.hasOwnProperty.call(views, i.id)).map((index) => ({ index, views: views[index.id] }));
}

function viewsGathered(input: CommitteePackInput, groups: Group[]): Array<Paragraph | Table> {
  if (!input.views) return [];
  const rows = indicesWithViews(input, groups);
  const out: Array<Paragraph | Table> = [new Paragraph({ children: [new PageBreak()] }), heading('Views gathered before the level was agreed', HeadingLevel.HEADING_1)];
  if (rows.length === 0) {
    out.push(para([new TextRun(`No colleagues' views were gathered on the ${plain(input.period.name)} assessment.`)]));
    return out;
  }
  const differing = rows.filter((r) => r.views.spread.differsByTwoOrMore).length;
  out.push(
    para([
      new TextRun(
        `Before the lead officer agreed each level, colleagues gave their own views on ${rows.length} of the key areas and enablers. ` +
          `Each person's latest view counts. Views differed by two levels or more on ${differing} of them.`
      ),
    ])
  );
  out.push(para([new TextRun({ text: `Table: views gathered, ${plain(input.period.name)}`, italics: true })], { keepNext: true }));
  out.push(
    table(
      ['Key area or enabler', 'Views', 'Spread by level', 'Agreed level', 'Differ by two levels or more'],
      rows.map(({ index, views }) => [
        index.title,
        String(views.spread.total),
        views.spread.total > 0 ? describeCounts(views.spread) : 'None',
        views.agreedLevel ? levelTitle(views.agreedLevel) : 'Not agreed yet',
        views.spread.differsByTwoOrMore ? 'Yes' : 'No',
      ])
    )
  );
  return out;
}

function descriptorParagraphs(label: string, text: string): Paragraph[] {
  const blocks = descriptorBlocks(plain(text));
  if (blocks.length === 0) return [labelled(label, 'not recorded')];
  const out: Paragraph[] = [para([new TextRun({ text: `${label}:`, bold: true })], { keepNext: true })];
  for (const block of blocks) {
    if (block.kind === 'paragraph') out.push(para([new TextRun(block.text)]));
    else for (const item of block.items) out.push(new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } }));
  }
  return out;
}

function detail(input: CommitteePackInput, groups: Group[], byIndex: Map<string, IndexAssessment>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [new Paragraph({ children: [new PageBreak()] }), heading('Key areas and enablers in detail', HeadingLevel.HEADING_1)];
  for (const group of groups) {
    out.push(heading(group.title, HeadingLevel.HEADING_2));
    for (const index of group.indices) {
      const a = byIndex.get(index.id);
      out.push(heading(index.title, HeadingLevel.HEADING_3));
      out.push(labelled('Current level', levelTitle(a?.currentLevel)));
      if (a?.currentLevel) out.push(...descriptorParagraphs(`What ${levelTitle(a.currentLevel)} means here`, index.descriptors[a.currentLevel] ?? ''));
      out.push(labelled('Target', a?.targetLevel ? `${levelTitle(a.targetLevel)}${a.targetDate ? ` by ${formatUkDate(a.targetDate)}` : ''}` : 'Not set'));
      out.push(labelled('Gap', describeGap(a?.currentLevel, a?.targetLevel)));
      const views = input.views && Object.prototype.hasOwnProperty.call(input.views, index.id) ? input.views[index.id] : undefined;
      if (views) {
        out.push(labelled('Views gathered', viewsSummary(views.spread, views.agreedLevel)));
        const note = views.moderationNote?.trim() ? views.moderationNote : a?.moderationNote;
        out.push(labelled('Moderation note', note?.trim() ? note : 'None recorded'));
      }
      out.push(labelled('Rationale', a?.rationale?.trim() ? a.rationale : 'None recorded'));
      out.push(labelled('Evidence', a?.evidence?.trim() ? a.evidence : 'None recorded'));
      for (const l of a?.evidenceLinks ?? []) out.push(para([new TextRun({ text: 'Evidence link: ', bold: true }), link(l.url, l.description || l.url)]));
      for (const problem of a?.problems ?? []) out.push(labelled('Note', problem));
      const actions = input.actions.filter((x) => x.indexId === index.id);
      out.push(heading(`Actions: ${index.title}`, HeadingLevel.HEADING_4));
      if (actions.length === 0) out.push(para([new TextRun('No actions are recorded for this one.')]));
      else {
        out.push(
          table(
            ['Action', 'Owner', 'Due', 'Status', 'RAG'],
            actions.map((x) => {
              const rag = actionRag(x, input.today);
              return [
                { text: x.details?.trim() ? `${x.title}\n${x.details}` : x.title },
                x.owner?.displayName ?? 'No owner',
                x.dueDate ? formatUkDate(x.dueDate) : 'No due date',
                x.status,
                { text: rag === 'Complete' ? 'Closed (no RAG)' : rag, shading: RAG_SHADING[rag] },
              ];
            })
          )
        );
      }
    }
  }
  return out;
}

function challengeLog(input: CommitteePackInput): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [new Paragraph({ children: [new PageBreak()] }), heading('Challenge log', HeadingLevel.HEADING_1)];
  const order = new Map(input.framework.indices.map((i, n) => [i.id, n] as [string, number]));
  const titleOf = (indexId: string): string => input.framework.indices.find((i) => i.id === indexId)?.title ?? (indexId ? `${indexId} (not in the framework)` : 'The assessment as a whole');
  const challenges = [...input.challenges].sort(
    (a, b) => (order.get(a.indexId) ?? -1) - (order.get(b.indexId) ?? -1) || (a.raisedOn ?? '').localeCompare(b.raisedOn ?? '') || (a.id ?? 0) - (b.id ?? 0)
  );
  if (challenges.length === 0) {
    out.push(para([new TextRun(`No scrutiny challenges have been raised on the ${plain(input.period.name)} assessment.`)]));
    return out;
  }
  out.push(
    para([
      new TextRun(
        `Challenges overview and scrutiny councillors raised on the ${plain(input.period.name)} assessment, with officers' responses. ` +
          `${awaitingResponseCount(challenges)} of ${challenges.length} await a response.`
      ),
    ])
  );
  out.push(
    table(
      ['No.', 'Key area or enabler', 'Challenge', 'Status', 'Response'],
      challenges.map((c, i) => {
        const raised = `${c.raisedBy?.displayName ?? 'A councillor'}, ${formatUkDateTime(c.raisedOn)}`;
        const notes = [c.problem, c.textChanged].filter(Boolean).join(' ');
        const closedBy = [...(c.statusHistory ?? [])].reverse().find((e) => e.valid);
        const status = c.status === 'Closed' && closedBy ? `Closed by ${closedBy.by?.displayName ?? 'the councillor'} on ${formatUkDate(closedBy.on.slice(0, 10))}` : c.status === 'Open' ? 'Awaiting a response' : c.status;
        return [
          String(i + 1),
          titleOf(c.indexId),
          { text: '', children: [para([new TextRun({ text: `${raised}: `, bold: true }), ...multiline(c.text)]), ...(notes ? [labelled('Note', notes)] : [])] },
          status,
          c.response
            ? { text: '', children: [para([new TextRun({ text: `${c.respondedBy?.displayName ?? 'An officer'}, ${formatUkDateTime(c.respondedOn)}: `, bold: true }), ...multiline(c.response)])] }
            : 'No response yet',
        ];
      })
    )
  );
  return out;
}

function frameworkSource(input: CommitteePackInput): Paragraph[] {
  const { framework } = input;
  return [
    heading("The framework's source", HeadingLevel.HEADING_1),
    labelled('Framework', `${framework.title}, version ${framework.version}`),
    labelled('Source', framework.source),
    labelled('Maturity levels', framework.levels.map((l) => l.title).join(', ')),
    para([
      new TextRun(
        input.frameworkAsSignedOff
          ? 'The key areas, enablers and level descriptors are shown as they stood when the assessment was signed off.'
          : "The key areas, enablers and level descriptors are shown as they stand on the council's site today."
      ),
    ]),
  ];
}

/** The pack as .docx bytes. */
export async function buildCommitteePack(input: CommitteePackInput): Promise<Uint8Array> {
  const groups = groupsOf(input.framework);
  const byIndex = new Map(input.assessments.map((a) => [a.indexId, a] as [string, IndexAssessment]));
  const doc = new Document({
    title: `Procurement maturity self-assessment ${plain(input.period.name)}: committee pack`,
    subject: `${plain(input.councilName)}: overview and scrutiny`,
    creator: plain(input.preparedBy),
    description: `The ${plain(input.period.name)} procurement maturity self-assessment, its action plans and the scrutiny challenge log.`,
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } } } },
    sections: [
      {
        children: [...cover(input), ...(await summary(input, groups, byIndex)), ...viewsGathered(input, groups), ...detail(input, groups, byIndex), ...challengeLog(input), ...frameworkSource(input)],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
