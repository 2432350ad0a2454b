import { SPFI } from '@pnp/sp';
import { ASSESSMENT_CONTENT, ASSESSMENT_CONTENT_KEYS, AssessmentContentKey, EvidenceLink, IndexAssessment, validateAssessment } from '../../domain/assessment';
import { ColumnOf } from '../schema';
import { isLevelId, LEVEL_TITLES } from '../../domain/levels';
import { LevelId, LEVEL_IDS } from '../../framework/types';
import { ConflictError, DataError, toDataError, ValidationError } from '../errors';
import { col, dateOnlyFromSp, dateOnlyToSp, etagOf, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { eq } from '../odata';
import { truncateCharacters } from '../../domain/validation';
import { ItemProblem, ItemProblemError, ListRepository, SpItem } from './listRepository';

const PERIOD = col('assessments', 'NpsPeriodName');
const INDEX = col('assessments', 'NpsIndexId');
const KEY = col('assessments', 'NpsAssessmentKey');

/**
 * Where each field a person writes is kept: typed against the one description of an assessment and
 * the list's columns, so a field or a column added on one side and not the other fails to compile.
 */
const CONTENT_COLUMNS = {
  currentLevel: 'NpsCurrentLevel',
  targetLevel: 'NpsTargetLevel',
  targetDate: 'NpsTargetDate',
  rationale: 'NpsRationale',
  evidence: 'NpsEvidence',
  evidenceLinks: 'NpsEvidenceLinks',
  moderationNote: 'NpsModerationNote',
} as const satisfies Record<AssessmentContentKey, ColumnOf<'assessments'>>;

type MappedColumn = (typeof CONTENT_COLUMNS)[AssessmentContentKey] | typeof PERIOD | typeof INDEX | typeof KEY;
/** Compiles only while every column of the list is read and written here. */
const EVERY_COLUMN_MAPPED: [Exclude<ColumnOf<'assessments'>, MappedColumn>] extends [never] ? true : never = true;
void EVERY_COLUMN_MAPPED;

const CURRENT = CONTENT_COLUMNS.currentLevel;
const TARGET = CONTENT_COLUMNS.targetLevel;

/** A person's value as the column holds it, by the kind of field. */
function toColumn(key: AssessmentContentKey, a: IndexAssessment): unknown {
  const value = a[key];
  switch (ASSESSMENT_CONTENT[key].kind) {
    case 'level':
      return isLevelId(value) ? LEVEL_TITLES[value] : null;
    case 'date':
      return dateOnlyToSp((value as string) || undefined);
    case 'links':
      return (value as EvidenceLink[]).length ? JSON.stringify(value) : '';
    default:
      return value;
  }
}

function fromColumn(key: AssessmentContentKey, raw: unknown): unknown {
  switch (ASSESSMENT_CONTENT[key].kind) {
    case 'level':
      return levelFromChoice(raw as string);
    case 'date':
      return dateOnlyFromSp(raw as string);
    case 'links':
      return linksFromText(raw as string);
    default:
      return raw ?? '';
  }
}

/** The unique key that makes SharePoint hold one assessment per period and index. */
export function assessmentKey(periodName: string, indexId: string): string {
  return `${periodName}|${indexId}`;
}

function levelFromChoice(choice: string | null | undefined): LevelId | undefined {
  return LEVEL_IDS.find((id) => LEVEL_TITLES[id] === choice);
}

/** A level typed into the list that is not one of the five is flagged, never shown as "Not set". */
function levelProblem(label: string, choice: unknown): string | undefined {
  if (choice === null || choice === undefined || choice === '') return undefined;
  return levelFromChoice(String(choice)) ? undefined : `${label} "${String(choice)}" is not one of the five maturity levels.`;
}

function linksFromText(text: string | null | undefined): EvidenceLink[] {
  if (!text) return [];
  try {
    const parsed = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.filter((l) => l && typeof l.url === 'string').map((l) => ({ url: l.url, description: String(l.description ?? '') }))
      : [];
  } catch {
    // Links typed straight into the list, one per line, still count as evidence.
    return text.split(/\s+/).filter((u) => /^https?:\/\//.test(u)).map((url) => ({ url, description: '' }));
  }
}

/** One item per period and index: where the council stands, where it aims to be, and why. */
export class AssessmentRepository extends ListRepository<IndexAssessment> {
  protected readonly select = ['Id', 'Title', 'HasUniqueRoleAssignments', KEY, PERIOD, INDEX, ...Object.values(CONTENT_COLUMNS), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'assessments');
  }

  protected fromItem(item: SpItem): IndexAssessment {
    const periodName = typeof item[PERIOD] === 'string' ? item[PERIOD] : '';
    const indexId = typeof item[INDEX] === 'string' ? item[INDEX] : '';
    if (!periodName || !indexId) throw new ItemProblemError('It names no period or no key area or enabler, so it is left out.', periodName ? INDEX : PERIOD);
    const problems = [levelProblem('Current level', item[CURRENT]), levelProblem('Target level', item[TARGET])].filter((p): p is string => !!p);
    if (item[KEY] !== assessmentKey(periodName, indexId)) {
      // Typed into the list by hand: SharePoint's one-per-period-and-index rule does not cover it.
      problems.push(`Its "Period and index" key is "${String(item[KEY] ?? '')}", not "${assessmentKey(periodName, indexId)}", so SharePoint cannot keep it unique; it may be a duplicate.`);
    }
    const content = {} as Record<AssessmentContentKey, unknown>;
    for (const key of ASSESSMENT_CONTENT_KEYS) content[key] = fromColumn(key, item[CONTENT_COLUMNS[key]]);
    return {
      ...(content as Pick<IndexAssessment, AssessmentContentKey>),
      id: item.Id,
      periodName,
      indexId,
      lastAssessedBy: personFromSp(item.Editor),
      createdBy: personFromSp(item.Author),
      created: item.Created,
      modified: item.Modified,
      locked: item.HasUniqueRoleAssignments === true,
      problems,
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<IndexAssessment[]> {
    return this.readAll({ filter: eq(PERIOD, periodName) }, via, problems);
  }

  /**
   * Every year's levels and targets (a council has 14 or so assessments a year), for trends and gaps
   * across years: only those columns, not the rationale, evidence and people, which the selected year's
   * own read (forPeriod) brings in full. The texts come back empty here.
   */
  public all(via?: SPFI, problems?: ItemProblem[]): Promise<IndexAssessment[]> {
    return this.readAll({ select: ['Id', 'Title', KEY, PERIOD, INDEX, CURRENT, TARGET, CONTENT_COLUMNS.targetDate, 'Modified'] }, via, problems);
  }

  public async byKey(periodName: string, indexId: string): Promise<IndexAssessment | undefined> {
    const [found] = await this.readAll({ filter: eq(KEY, assessmentKey(periodName, indexId)) });
    return found;
  }

  /**
   * Saves one index's assessment for a period. Who assessed it is SharePoint's Modified By.
   * Throws ValidationError (nothing sent) or ConflictError (someone saved first, or added the same
   * period and index first; carries their copy).
   */
  public async save(assessment: IndexAssessment, periodStart?: string): Promise<IndexAssessment> {
    const problems = validateAssessment(assessment, periodStart);
    if (problems.length) throw new ValidationError(problems);
    const fields: Record<string, unknown> = {
      Title: truncateCharacters(`${assessment.periodName} ${assessment.indexId}`, 255),
      [KEY]: assessmentKey(assessment.periodName, assessment.indexId),
      [PERIOD]: assessment.periodName,
      [INDEX]: assessment.indexId,
    };
    for (const key of ASSESSMENT_CONTENT_KEYS) fields[CONTENT_COLUMNS[key]] = toColumn(key, assessment);
    try {
      const saved = await this.write(fields, assessment.id, assessment.etag);
      return await this.getById(saved.id);
    } catch (e) {
      if (e instanceof DataError && e.kind === 'duplicate') {
        // Two people saved the first assessment of this index at once: SharePoint kept theirs.
        const theirs = await this.byKey(assessment.periodName, assessment.indexId);
        if (theirs) throw new ConflictError(theirs);
      }
      throw e;
    }
  }

  public async attachments(id: number): Promise<EvidenceFile[]> {
    try {
      const files: Array<{ FileName: string; ServerRelativeUrl: string }> = await this.items().getById(id).attachmentFiles();
      return files.map((f) => ({ name: f.FileName, url: f.ServerRelativeUrl }));
    } catch (e) {
      throw toDataError(e, this.listTitle);
    }
  }

  /** Attaches an evidence file to a saved assessment. Names SharePoint cannot store are refused first. */
  public async attach(id: number, name: string, content: Blob | ArrayBuffer): Promise<EvidenceFile[]> {
    const problem = attachmentNameProblem(name);
    if (problem) throw new ValidationError([{ field: 'attachments', message: problem }]);
    try {
      await this.items().getById(id).attachmentFiles.add(name, content);
    } catch (e) {
      throw toDataError(e, this.listTitle);
    }
    return this.attachments(id);
  }

  public async detach(id: number, name: string): Promise<EvidenceFile[]> {
    try {
      await this.items().getById(id).attachmentFiles.getByName(name).delete();
    } catch (e) {
      throw toDataError(e, this.listTitle);
    }
    return this.attachments(id);
  }
}

export interface EvidenceFile {
  name: string;
  url: string;
}

/** SharePoint refuses these characters in file names, and names over 128 characters. */
export function attachmentNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'The file has no name.';
  if (/["*:<>?/\\|#%]/.test(name)) return `"${name}" has a character SharePoint cannot store in a file name (" * : < > ? / \\ | # %). Rename the file and attach it again.`;
  if (name.length > 128) return `"${truncateCharacters(name, 41, { ellipsis: '…' })}" has a name longer than 128 characters. Rename the file and attach it again.`;
  return undefined;
}
