import { actionRag, isOverdue, validateAction, ActionPlanItem } from '../../src/domain/actions';
import {
  assessmentProgress, carryForwardAssessment, emptyAssessment, missingForSubmission, validateAssessment, IndexAssessment,
} from '../../src/domain/assessment';
import { daysBetween, formatUkDate, formatUkDateTime, isIsoDate } from '../../src/domain/dates';
import { describeGap, gapToTarget, levelRank } from '../../src/domain/levels';
import { isPeriodName, nextPeriodName, periodDates, periodNameForDate } from '../../src/domain/periods';
import { applySignOff, availableSignOffActions, DecisionRecord, deriveSignOff, isPeriodLocked, SubmissionRecord } from '../../src/domain/signOff';
import { npsFramework2018 } from '../../src/framework';

describe('dates as a council reads them', () => {
  it('writes dates in full, day first', () => {
    expect(formatUkDate('2026-03-31')).toBe('31 March 2026');
    expect(formatUkDate('2026-04-01T00:00:00Z')).toBe('1 April 2026');
    expect(formatUkDate('')).toBe('');
  });

  it('writes a moment in UK time, with summer time', () => {
    expect(formatUkDateTime('2026-07-01T13:05:00Z')).toBe('1 July 2026 at 14:05');
    expect(formatUkDateTime('2026-11-25T09:30:00Z')).toBe('25 November 2026 at 09:30');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('31/03/2026')).toBe(false);
  });

  it('counts days across a clock change without drifting', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-04-10', '2026-04-01')).toBe(-9);
  });
});

describe('assessment periods are council financial years', () => {
  it('names them like 2025/26', () => {
    expect(periodNameForDate('2026-03-31')).toBe('2025/26');
    expect(periodNameForDate('2026-04-01')).toBe('2026/27');
    expect(nextPeriodName('2099/00')).toBe('2100/01');
  });

  it('runs from 1 April to 31 March', () => {
    expect(periodDates('2025/26')).toEqual({ start: '2025-04-01', end: '2026-03-31' });
  });

  it('rejects names that are not consecutive years', () => {
    expect(isPeriodName('2025/26')).toBe(true);
    expect(isPeriodName('2025/27')).toBe(false);
    expect(isPeriodName('2025-26')).toBe(false);
    expect(() => periodDates('FY25')).toThrow('"FY25" is not a financial year such as 2025/26');
  });
});

describe('levels and the gap to target', () => {
  it('ranks Minimum lowest and Innovator highest', () => {
    expect(levelRank('minimum')).toBe(1);
    expect(levelRank('innovator')).toBe(5);
  });

  it('measures the gap in levels still to climb', () => {
    expect(gapToTarget('developing', 'leader')).toBe(2);
    expect(gapToTarget('mature', 'mature')).toBe(0);
    expect(gapToTarget('leader', 'developing')).toBe(-2);
    expect(gapToTarget(undefined, 'leader')).toBeUndefined();
  });

  it('describes the gap in words', () => {
    expect(describeGap('developing', 'mature')).toBe('1 level below target');
    expect(describeGap('developing', 'innovator')).toBe('3 levels below target');
    expect(describeGap('mature', 'mature')).toBe('Target met');
    expect(describeGap('leader', 'mature')).toBe('Above target by 1 level');
    expect(describeGap('leader', undefined)).toBe('No target set');
    expect(describeGap(undefined, undefined)).toBe('Not assessed');
  });
});

describe('an index assessment', () => {
  const base = (): IndexAssessment => ({ ...emptyAssessment('2025/26', 'engaging-councillors') });

  it('is assessed only with a current level, a target and evidence', () => {
    expect(assessmentProgress(undefined)).toBe('Not started');
    expect(assessmentProgress(base())).toBe('Not started');
    expect(assessmentProgress({ ...base(), currentLevel: 'developing' })).toBe('In progress');
    expect(assessmentProgress({ ...base(), currentLevel: 'developing', targetLevel: 'mature' })).toBe('In progress');
    expect(assessmentProgress({ ...base(), currentLevel: 'developing', targetLevel: 'mature', evidence: 'Member training log' })).toBe('Assessed');
    expect(
      assessmentProgress({ ...base(), currentLevel: 'developing', targetLevel: 'mature', evidenceLinks: [{ url: 'https://council.sharepoint.com/a.docx', description: '' }] })
    ).toBe('Assessed');
  });

  it('rejects a level that is not one of the five', () => {
    const problems = validateAssessment({ ...base(), currentLevel: 'expert' as never });
    expect(problems).toEqual([{ field: 'currentLevel', message: '"expert" is not a maturity level.' }]);
  });

  it('rejects an impossible target date and one before the period', () => {
    expect(validateAssessment({ ...base(), targetLevel: 'mature', targetDate: '2026-02-30' })).toEqual([
      { field: 'targetDate', message: 'Target date: 30/02/2026 is not a real date. February 2026 has 28 days.' },
    ]);
    expect(validateAssessment({ ...base(), targetLevel: 'mature', targetDate: '2024-12-31' }, '2025-04-01')[0].message).toBe(
      'The target date is before this assessment period; choose a later date.'
    );
  });

  it('rejects text over the column limit, saying by how much', () => {
    const problems = validateAssessment({ ...base(), rationale: 'x'.repeat(5003) });
    expect(problems).toEqual([{ field: 'rationale', message: 'Rationale is 5,003 characters; the limit is 5,000. Shorten it by 3.' }]);
  });

  it('accepts only web addresses as evidence links, never script', () => {
    const problems = validateAssessment({ ...base(), evidenceLinks: [{ url: 'javascript:alert(1)', description: 'x' }] });
    expect(problems[0].message).toBe('Evidence link 1 must be a web address starting https://, such as https://council.sharepoint.com/sites/procurement/report.pdf.');
  });

  it('lists exactly what stops a period being submitted', () => {
    const framework = npsFramework2018();
    const indices = framework.indices.slice(0, 3);
    const missing = missingForSubmission(indices, [
      { ...emptyAssessment('2025/26', indices[0].id), currentLevel: 'mature', targetLevel: 'leader', evidence: 'Report to cabinet' },
      { ...emptyAssessment('2025/26', indices[1].id), currentLevel: 'mature' },
    ]);
    expect(missing).toEqual([`${indices[1].title}: no target level or evidence`, `${indices[2].title}: no current level, target level or evidence`]);
  });

  it('carries levels and targets into a new period, but asks for fresh evidence', () => {
    const next = carryForwardAssessment(
      { ...base(), id: 7, etag: '"3"', currentLevel: 'mature', targetLevel: 'leader', targetDate: '2027-03-31', rationale: 'Why', evidence: 'Old' },
      '2026/27'
    );
    expect(next).toEqual({
      periodName: '2026/27', indexId: 'engaging-councillors', currentLevel: 'mature', targetLevel: 'leader', targetDate: '2027-03-31',
      rationale: 'Why', evidence: '', evidenceLinks: [],
    });
  });
});

describe('action plan RAG status', () => {
  const today = '2026-11-25';
  const action = (status: ActionPlanItem['status'], dueDate?: string): Pick<ActionPlanItem, 'status' | 'dueDate'> => ({ status, dueDate });

  it('is red when overdue', () => {
    expect(actionRag(action('In progress', '2026-11-24'), today)).toBe('Red');
    expect(isOverdue(action('In progress', '2026-11-24'), today)).toBe(true);
  });

  it('is red when due within a fortnight and not started', () => {
    expect(actionRag(action('Not started', '2026-12-09'), today)).toBe('Red');
    expect(actionRag(action('In progress', '2026-12-09'), today)).toBe('Amber');
  });

  it('is amber within 30 days of its due date, or with no due date', () => {
    expect(actionRag(action('In progress', '2026-12-25'), today)).toBe('Amber');
    expect(actionRag(action('In progress'), today)).toBe('Amber');
  });

  it('is green when comfortably on track', () => {
    expect(actionRag(action('Not started', '2026-12-26'), today)).toBe('Green');
  });

  it('is closed once complete or cancelled, even past its date', () => {
    expect(actionRag(action('Complete', '2020-01-01'), today)).toBe('Complete');
    expect(isOverdue(action('Cancelled', '2020-01-01'), today)).toBe(false);
  });

  it('needs a title, an owner and a real due date', () => {
    const problems = validateAction({ periodName: '2025/26', indexId: 'developing-talent', title: ' ', details: '', status: 'Not started', progressNotes: '', dueDate: '2026-13-01' });
    expect(problems.map((p) => p.field)).toEqual(['title', 'owner', 'dueDate']);
    expect(problems[2].message).toBe('Due date: 01/13/2026 is not a real date. There is no month 13.');
  });

  it('refuses a due date outside 2000 to 2099, naming the range', () => {
    const base: ActionPlanItem = { periodName: '2025/26', indexId: 'developing-talent', title: 'Publish the pipeline', details: '', status: 'Not started', progressNotes: '', owner: { id: 1, displayName: 'Aisha Khan' } };
    expect(validateAction({ ...base, dueDate: '9999-12-31' })).toEqual([
      { field: 'dueDate', message: 'Due date must be between 1 January 2000 and 31 December 2099; 31 December 9999 is outside that range.' },
    ]);
    expect(validateAction({ ...base, dueDate: '0001-01-01' })[0].message).toContain('1 January 0001 is outside that range');
    expect(validateAction({ ...base, dueDate: '2099-12-31' })).toEqual([]);
    expect(validateAction({ ...base, dueDate: '2000-01-01' })).toEqual([]);
  });

  it('names an action title over the limit and by how much', () => {
    const problems = validateAction({ periodName: '2025/26', indexId: 'developing-talent', title: 'x'.repeat(300), details: '', status: 'Not started', progressNotes: '', owner: { id: 1, displayName: 'Aisha Khan' }, dueDate: '2027-01-31' });
    expect(problems).toEqual([{ field: 'title', message: 'Action is 300 characters; the limit is 255. Shorten it by 45.' }]);
  });
});

describe('sign-off', () => {
  const submission = (id: number, on: string, by: { id: number; displayName: string }, note = ''): SubmissionRecord => ({ id, periodName: '2025/26', on, by, note });
  const decision = (id: number, on: string, kind: string, by: { id: number; displayName: string }, comment = ''): DecisionRecord => ({ id, periodName: '2025/26', on, decision: kind, by, comment });
  const aisha = { id: 11, displayName: 'Aisha Khan' };
  const rachel = { id: 21, displayName: 'Rachel Greenwood' };

  it('goes Draft → Submitted → Signed off', () => {
    expect(applySignOff('Draft', 'submit', 'officer')).toEqual({ ok: true, to: 'Submitted' });
    expect(applySignOff('Submitted', 'signOff', 'approver')).toEqual({ ok: true, to: 'Signed off' });
  });

  it('lets an approver return it with a reason, and officers submit it again', () => {
    expect(applySignOff('Submitted', 'return', 'approver', '')).toEqual({ ok: false, message: 'Say why the assessment is being returned, so officers know what to change.' });
    expect(applySignOff('Submitted', 'return', 'approver', 'Evidence for SMEs is thin')).toEqual({ ok: true, to: 'Returned' });
    expect(applySignOff('Returned', 'submit', 'officer')).toEqual({ ok: true, to: 'Submitted' });
  });

  it('does not let officers or councillors sign off, and not the person who submitted', () => {
    expect(applySignOff('Submitted', 'signOff', 'officer')).toEqual({ ok: false, message: 'Only procurement approvers and site owners can sign it off.' });
    expect(applySignOff('Draft', 'submit', 'scrutiny')).toEqual({ ok: false, message: 'Only procurement officers and approvers can submit it for sign-off.' });
    expect(applySignOff('Submitted', 'signOff', { role: 'approver', userId: 21 }, '', 21)).toEqual({
      ok: false,
      message: 'You submitted this assessment, so someone else must sign it off. Ask another procurement approver.',
    });
  });

  it('treats signed off as the record: only an approver can reopen it, with a reason', () => {
    expect(applySignOff('Signed off', 'return', 'approver', 'Oops')).toEqual({ ok: false, message: 'This period is signed off, so you cannot return it.' });
    expect(availableSignOffActions('Signed off', 'owner')).toEqual(['reopen']);
    expect(availableSignOffActions('Signed off', 'officer')).toEqual([]);
    expect(applySignOff('Signed off', 'reopen', 'approver', '')).toMatchObject({ ok: false });
    expect(applySignOff('Signed off', 'reopen', 'approver', 'The SME figure was wrong')).toEqual({ ok: true, to: 'Draft' });
    expect(isPeriodLocked('Signed off')).toBe(true);
    expect(isPeriodLocked('Submitted')).toBe(true);
    expect(isPeriodLocked('Returned')).toBe(false);
  });

  it('offers each role only its own next steps', () => {
    expect(availableSignOffActions('Submitted', 'approver')).toEqual(['signOff', 'return']);
    expect(availableSignOffActions('Submitted', 'officer')).toEqual([]);
    expect(availableSignOffActions('Draft', 'officer')).toEqual(['submit']);
  });

  it('works out where a year stands from its submissions and decisions, oldest first, whatever order they are read in', () => {
    const state = deriveSignOff(
      '2025/26',
      [submission(2, '2026-05-03T09:00:00Z', aisha, 'Again'), submission(1, '2026-05-01T09:00:00Z', aisha), { id: 9, periodName: '2024/25', on: '2025-05-01T09:00:00Z', note: '', by: aisha }],
      [decision(2, '2026-05-04T09:00:00Z', 'Signed off', rachel), decision(1, '2026-05-02T09:00:00Z', 'Returned', rachel, 'Thin on SMEs')]
    );
    expect(state).toMatchObject({ status: 'Signed off', submittedBy: aisha, signedOffBy: rachel, signedOffOn: '2026-05-04T09:00:00Z', returnComment: 'Thin on SMEs', problems: [] });
    expect(state.history.map((h) => h.kind)).toEqual(['Submitted', 'Returned', 'Submitted', 'Signed off']);
  });

  it('orders a submission and a decision made in the same second (SharePoint dates entries to the second) as they must have happened', () => {
    const at = '2026-05-01T09:00:00Z';
    const tom = { id: 12, displayName: 'Tom Whitfield' };
    const state = deriveSignOff(
      '2025/26',
      [submission(1, at, aisha), submission(2, at, tom)],
      [decision(1, at, 'Returned', rachel, 'Add the SME figures'), decision(2, at, 'Signed off', rachel)]
    );
    expect(state.history.map((h) => `${h.kind} by ${h.by?.displayName}`)).toEqual([
      'Submitted by Aisha Khan',
      'Returned by Rachel Greenwood',
      'Submitted by Tom Whitfield',
      'Signed off by Rachel Greenwood',
    ]);
    expect(state).toMatchObject({ status: 'Signed off', submittedBy: tom, problems: [] });
  });

  it('keeps entries that break the rules in the history, marked not valid, and never as the status', () => {
    const state = deriveSignOff(
      '2025/26',
      [submission(1, '2026-05-01T09:00:00Z', rachel)],
      [decision(1, '2026-04-01T09:00:00Z', 'Signed off', rachel), decision(2, '2026-05-02T09:00:00Z', 'Signed off', rachel), decision(3, '2026-05-03T09:00:00Z', 'Approved!', rachel)]
    );
    expect(state.status).toBe('Submitted');
    expect(state.problems).toEqual([
      'The sign-off by Rachel Greenwood on 1 April 2026 at 10:00 is not valid: the assessment had not been submitted.',
      'The sign-off by Rachel Greenwood on 2 May 2026 at 10:00 is not valid: Rachel Greenwood also submitted it, and someone else must sign it off.',
      'Sign-off log entry 3 says "Approved!", which is not a decision (Signed off, Returned or Reopened); it does not count.',
    ]);
    expect(state.history.filter((h) => !h.valid)).toHaveLength(3);
  });
});

describe('deep links', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { encodeTarget, parseTarget, pageLink } = require('../../src/ui/deepLinks');

  it('round-trips a period and index', () => {
    expect(parseTarget(encodeTarget({ periodName: '2025/26', indexId: 'engaging-councillors' }))).toEqual({ periodName: '2025/26', indexId: 'engaging-councillors' });
    expect(pageLink('https://c.sharepoint.com/sites/p/SitePages/Assessment.aspx', { periodName: '2025/26' })).toBe('https://c.sharepoint.com/sites/p/SitePages/Assessment.aspx?period=2025%2F26');
  });

  it('ignores anything that is not a period or index id', () => {
    expect(parseTarget('?period=<script>&index=../../etc')).toEqual({ periodName: undefined, indexId: undefined });
    expect(parseTarget(undefined)).toEqual({});
  });
});
