import { SPFI } from '@pnp/sp';
import { EvidenceLink, IndexAssessment, validateAssessment } from '../../domain/assessment';
import { isLevelId, LEVEL_TITLES } from '../../domain/levels';
import { LevelId, LEVEL_IDS } from '../../framework/types';
import { toDataError, ValidationError } from '../errors';
import { col, dateOnlyFromSp, dateOnlyToSp, etagOf, personFromSp, personSelect } from '../fieldValues';
import { eq } from '../odata';
import { ListRepository, SpItem } from './listRepository';

const PERIOD = col('assessments', 'NpsPeriodName');
const INDEX = col('assessments', 'NpsIndexId');
const CURRENT = col('assessments', 'NpsCurrentLevel');
const TARGET = col('assessments', 'NpsTargetLevel');
const TARGET_DATE = col('assessments', 'NpsTargetDate');
const RATIONALE = col('assessments', 'NpsRationale');
const EVIDENCE = col('assessments', 'NpsEvidence');
const LINKS = col('assessments', 'NpsEvidenceLinks');
const ASSESSED_BY = col('assessments', 'NpsLastAssessedBy');

function levelFromChoice(choice: string | null | undefined): LevelId | undefined {
  return LEVEL_IDS.find((id) => LEVEL_TITLES[id] === choice);
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
  protected readonly select = ['Id', 'Title', 'Modified', PERIOD, INDEX, CURRENT, TARGET, TARGET_DATE, RATIONALE, EVIDENCE, LINKS, ...personSelect(ASSESSED_BY)];
  protected readonly expand = [ASSESSED_BY];

  constructor(sp: SPFI) {
    super(sp, 'assessments');
  }

  protected fromItem(item: SpItem): IndexAssessment {
    return {
      id: item.Id,
      periodName: item[PERIOD],
      indexId: item[INDEX],
      currentLevel: levelFromChoice(item[CURRENT]),
      targetLevel: levelFromChoice(item[TARGET]),
      targetDate: dateOnlyFromSp(item[TARGET_DATE]),
      rationale: item[RATIONALE] ?? '',
      evidence: item[EVIDENCE] ?? '',
      evidenceLinks: linksFromText(item[LINKS]),
      lastAssessedBy: personFromSp(item[ASSESSED_BY]),
      modified: item.Modified,
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI): Promise<IndexAssessment[]> {
    return this.readAll({ filter: eq(PERIOD, periodName) }, via);
  }

  /**
   * Saves one index's assessment for a period. `assessorId` is the signed-in person's site user id.
   * Throws ValidationError (nothing sent) or ConflictError (someone saved first; carries their copy).
   */
  public async save(assessment: IndexAssessment, assessorId: number, periodStart?: string): Promise<IndexAssessment> {
    const problems = validateAssessment(assessment, periodStart);
    if (problems.length) throw new ValidationError(problems);
    const fields: Record<string, unknown> = {
      Title: `${assessment.periodName} ${assessment.indexId}`,
      [PERIOD]: assessment.periodName,
      [INDEX]: assessment.indexId,
      [CURRENT]: isLevelId(assessment.currentLevel) ? LEVEL_TITLES[assessment.currentLevel] : null,
      [TARGET]: isLevelId(assessment.targetLevel) ? LEVEL_TITLES[assessment.targetLevel] : null,
      [TARGET_DATE]: dateOnlyToSp(assessment.targetDate || undefined),
      [RATIONALE]: assessment.rationale,
      [EVIDENCE]: assessment.evidence,
      [LINKS]: assessment.evidenceLinks.length ? JSON.stringify(assessment.evidenceLinks) : '',
      [`${ASSESSED_BY}Id`]: assessorId,
    };
    const saved = await this.write(fields, assessment.id, assessment.etag);
    return this.getById(saved.id);
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
  if (name.length > 128) return `"${name.slice(0, 40)}…" has a name longer than 128 characters. Rename the file and attach it again.`;
  return undefined;
}
