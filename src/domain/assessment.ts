import { LevelId, MaturityIndex } from '../framework/types';
import { IsoDate } from './dates';
import { gapToTarget, isLevelId, LEVEL_TITLES } from './levels';
import { LIMITS } from './limits';
import { FieldProblem, checkLength, dateProblem, evidenceLinkProblems } from './validation';
import { Person } from './actions';

export interface EvidenceLink {
  url: string;
  description: string;
}

/** Where the council stands on one key area or enabler in one period, and where it aims to be. */
export interface IndexAssessment {
  id?: number;
  periodName: string;
  indexId: string;
  currentLevel?: LevelId;
  targetLevel?: LevelId;
  targetDate?: IsoDate;
  rationale: string;
  evidence: string;
  evidenceLinks: EvidenceLink[];
  /** Why the lead officer agreed the current level from colleagues' views (issue 13); empty when no views were moderated. */
  moderationNote?: string;
  /** SharePoint's Modified By: who last saved it. */
  lastAssessedBy?: Person;
  /** SharePoint's Created By and Created. */
  createdBy?: Person;
  created?: string;
  modified?: string;
  /** True when SharePoint holds it read-only for officers (item permissions set at sign-off). */
  locked?: boolean;
  /** What is wrong with the item as the list holds it; an item with problems is shown flagged and read-only. */
  problems?: string[];
  etag?: string;
}

/** What SharePoint or the app records about an assessment, as opposed to what a person writes in it. */
type AssessmentRecordKey = 'id' | 'periodName' | 'indexId' | 'lastAssessedBy' | 'createdBy' | 'created' | 'modified' | 'locked' | 'problems' | 'etag';

/** The parts of an assessment a person writes. A field added to IndexAssessment lands here by itself. */
export type AssessmentContentKey = Exclude<keyof IndexAssessment, AssessmentRecordKey>;

export interface ContentField {
  label: string;
  kind: 'level' | 'date' | 'text' | 'links';
  /** Kept when next year's assessment starts from this one; evidence is asked for afresh. */
  carriedForward: boolean;
}

/**
 * The one description of what a person writes in an assessment. It drives the editor's change
 * detection, the conflict view and carry-forward, and the repository maps each entry to its column
 * (typed, so a field added here and not there, or a column added to the list and not mapped, fails to
 * compile).
 */
export const ASSESSMENT_CONTENT: Record<AssessmentContentKey, ContentField> = {
  currentLevel: { label: 'Current level', kind: 'level', carriedForward: true },
  targetLevel: { label: 'Target level', kind: 'level', carriedForward: true },
  targetDate: { label: 'Target date', kind: 'date', carriedForward: true },
  rationale: { label: 'Rationale', kind: 'text', carriedForward: true },
  evidence: { label: 'Evidence', kind: 'text', carriedForward: false },
  evidenceLinks: { label: 'Evidence links', kind: 'links', carriedForward: true },
  moderationNote: { label: 'Moderation note', kind: 'text', carriedForward: false },
};

export const ASSESSMENT_CONTENT_KEYS = Object.keys(ASSESSMENT_CONTENT) as AssessmentContentKey[];

/** The empty value of each kind, so "no target date" and "" compare equal. */
function normalised(a: IndexAssessment, key: AssessmentContentKey): unknown {
  const value = a[key];
  if (ASSESSMENT_CONTENT[key].kind === 'links') return value ?? [];
  if (ASSESSMENT_CONTENT[key].kind === 'text') return value ?? '';
  return value || undefined;
}

export function sameAssessmentContent(a: IndexAssessment, b: IndexAssessment, key?: AssessmentContentKey): boolean {
  const keys = key ? [key] : ASSESSMENT_CONTENT_KEYS;
  return keys.every((k) => JSON.stringify(normalised(a, k) ?? null) === JSON.stringify(normalised(b, k) ?? null));
}

export type AssessmentProgress = 'Not started' | 'In progress' | 'Assessed';

export function emptyAssessment(periodName: string, indexId: string): IndexAssessment {
  return { periodName, indexId, rationale: '', evidence: '', evidenceLinks: [] };
}

function hasEvidence(a: IndexAssessment): boolean {
  return a.evidence.trim() !== '' || a.evidenceLinks.length > 0;
}

/** Assessed means ready to submit: a current level, a target and the evidence behind the level. */
export function assessmentProgress(a: IndexAssessment | undefined): AssessmentProgress {
  if (!a) return 'Not started';
  const complete = !!a.currentLevel && !!a.targetLevel && hasEvidence(a);
  if (complete) return 'Assessed';
  const started = !!a.currentLevel || !!a.targetLevel || !!a.targetDate || hasEvidence(a) || a.rationale.trim() !== '';
  return started ? 'In progress' : 'Not started';
}

export function assessmentGap(a: IndexAssessment | undefined): number | undefined {
  return a ? gapToTarget(a.currentLevel, a.targetLevel) : undefined;
}

/** Checks one assessment before it is saved. A draft may be incomplete; what it holds must be valid. */
export function validateAssessment(a: IndexAssessment, periodStart?: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (a.currentLevel !== undefined && !isLevelId(a.currentLevel)) {
    problems.push({ field: 'currentLevel', message: `"${String(a.currentLevel)}" is not a maturity level.` });
  }
  if (a.targetLevel !== undefined && !isLevelId(a.targetLevel)) {
    problems.push({ field: 'targetLevel', message: `"${String(a.targetLevel)}" is not a maturity level.` });
  }
  if (a.targetDate !== undefined && a.targetDate !== '') {
    const dateIssue = dateProblem('Target date', a.targetDate);
    if (dateIssue) problems.push({ field: 'targetDate', message: dateIssue });
    else if (periodStart && a.targetDate < periodStart) {
      // A target reached before the period began is not something to aim for.
      problems.push({ field: 'targetDate', message: 'The target date is before this assessment period; choose a later date.' });
    }
  }
  if (a.targetDate && !a.targetLevel) {
    problems.push({ field: 'targetLevel', message: 'Choose the target level the target date is for.' });
  }
  checkLength(problems, 'rationale', 'Rationale', a.rationale, LIMITS.rationale);
  checkLength(problems, 'moderationNote', 'Moderation note', a.moderationNote ?? '', LIMITS.moderationNote);
  checkLength(problems, 'evidence', 'Evidence', a.evidence, LIMITS.evidence);
  problems.push(...evidenceLinkProblems(a.evidenceLinks));
  return problems;
}

/** What stops a period from being submitted, one line per gap, naming the index. */
export function missingForSubmission(indices: MaturityIndex[], assessments: IndexAssessment[]): string[] {
  const byIndex = new Map(assessments.map((a) => [a.indexId, a] as [string, IndexAssessment]));
  const missing: string[] = [];
  for (const index of indices) {
    const a = byIndex.get(index.id);
    const gaps: string[] = [];
    if (!a || !a.currentLevel) gaps.push('current level');
    if (!a || !a.targetLevel) gaps.push('target level');
    if (!a || !hasEvidence(a)) gaps.push('evidence');
    if (gaps.length > 0) missing.push(`${index.title}: no ${joinWithAnd(gaps)}`);
  }
  return missing;
}

function joinWithAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * The starting point of a new period: last period's levels, targets and rationale carried forward so
 * officers update rather than retype; evidence must be refreshed for the new year.
 */
export function carryForwardAssessment(previous: IndexAssessment, newPeriodName: string): IndexAssessment {
  const next = emptyAssessment(newPeriodName, previous.indexId);
  for (const key of ASSESSMENT_CONTENT_KEYS) {
    if (!ASSESSMENT_CONTENT[key].carriedForward) continue;
    const value = previous[key];
    (next as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? value.map((v) => ({ ...v })) : value;
  }
  return next;
}

export function levelTitle(level: LevelId | undefined): string {
  return level ? LEVEL_TITLES[level] : 'Not set';
}
