import { readFileSync } from 'fs';
import { join } from 'path';
import { actionHealth, ActionWithCreated, changeSinceSignOff } from '../../src/domain/actionHealth';
import { IndexAssessment } from '../../src/domain/assessment';
import { rankGapsByTheme } from '../../src/domain/gapRanking';
import { buildTrends, buildYearTrends, indicesOfEveryYear, previousSignedOffPeriod, TrendInput, TrendPeriod } from '../../src/domain/trends';
import {
  DASHBOARD_SECTIONS,
  dashboardSettings,
  defaultPeriodName,
  frameworkForTheme,
  isInTheme,
  SECTION_PROPERTIES,
  themeChoices,
} from '../../src/domain/dashboardSettings';
import { Framework, LevelId, MaturityIndex } from '../../src/framework/types';

/** A key area or enabler with only what these rules read. */
function index(id: string, kind: 'keyArea' | 'enabler', themeId: string | null, order: number, title = id): MaturityIndex {
  return {
    id, kind, themeId, title, order, description: '', whatItIs: '', whyItIsImportant: '',
    descriptors: { minimum: '', developing: '', mature: '', leader: '', innovator: '' },
  };
}

function framework(indices: MaturityIndex[], themes = [{ id: 'leadership', title: 'Showing leadership', order: 1 }, { id: 'commercial', title: 'Behaving commercially', order: 2 }]): Framework {
  return { id: 'test', version: '1.0.0', title: 'Test framework', source: '', targetGuidance: '', levels: [], themes, indices };
}

function assessment(periodName: string, indexId: string, currentLevel?: LevelId, targetLevel?: LevelId, targetDate?: string): IndexAssessment {
  return { periodName, indexId, currentLevel, targetLevel, targetDate, rationale: '', evidence: 'Seen', evidenceLinks: [] };
}

function action(indexId: string, fields: Partial<ActionWithCreated> = {}): ActionWithCreated {
  return {
    periodName: '2025/26', indexId, title: `Action for ${indexId}`, details: '', status: 'In progress', progressNotes: '',
    owner: { id: 7, displayName: 'Priya Shah' }, dueDate: '2026-09-30', ...fields,
  };
}

const signedOff = (name: string): TrendPeriod => ({ name, status: 'Signed off' });
const draft = (name: string): TrendPeriod => ({ name, status: 'Draft' });

describe('trends: each key area and enabler year by year', () => {
  function trends(overrides: Partial<TrendInput>): ReturnType<typeof buildTrends> {
    return buildTrends({
      indices: [],
      periods: [],
      assessmentsByPeriod: {},
      indexIdsByPeriod: {},
      selectedPeriodName: '2025/26',
      ...overrides,
    });
  }

  it('shows an index added in 2025/26 as not in the framework for 2023/24', () => {
    const table = trends({
      indices: [index('social-value', 'keyArea', 'leadership', 1), index('ai-readiness', 'enabler', null, 1)],
      periods: [signedOff('2023/24'), signedOff('2024/25'), draft('2025/26')],
      indexIdsByPeriod: {
        '2023/24': new Set(['social-value']),
        '2024/25': new Set(['social-value']),
        '2025/26': new Set(['social-value', 'ai-readiness']),
      },
      assessmentsByPeriod: {
        '2023/24': [assessment('2023/24', 'social-value', 'developing')],
        '2024/25': [assessment('2024/25', 'social-value', 'mature')],
        '2025/26': [assessment('2025/26', 'social-value', 'mature'), assessment('2025/26', 'ai-readiness', 'minimum')],
      },
    });
    const added = table.rows.find((r) => r.indexId === 'ai-readiness');
    expect(added?.cells.map((c) => c.label)).toEqual(['Not in the framework', 'Not in the framework', 'Minimum']);
    expect(added?.cells[0]).toEqual({ periodName: '2023/24', kind: 'not in framework', label: 'Not in the framework' });
    expect(added?.movement).toBe('no previous');
    expect(added?.movementText).toBe('Not in the framework in 2024/25');
  });

  it('shows an index that was in the framework but has no level as not assessed, not as missing from the framework', () => {
    const table = trends({
      indices: [index('contracts', 'keyArea', 'commercial', 1), index('risk', 'keyArea', 'commercial', 2)],
      periods: [signedOff('2024/25'), draft('2025/26')],
      indexIdsByPeriod: { '2024/25': new Set(['contracts', 'risk']), '2025/26': new Set(['contracts', 'risk']) },
      assessmentsByPeriod: {
        // One with an item but no level yet, one with no item at all.
        '2024/25': [assessment('2024/25', 'contracts')],
        '2025/26': [assessment('2025/26', 'contracts', 'mature'), assessment('2025/26', 'risk', 'mature')],
      },
    });
    expect(table.rows.map((r) => r.cells[0])).toEqual([
      { periodName: '2024/25', kind: 'not assessed', label: 'Not assessed' },
      { periodName: '2024/25', kind: 'not assessed', label: 'Not assessed' },
    ]);
    expect(table.rows[0].movement).toBe('no previous');
    expect(table.rows[0].movementText).toBe('Not assessed in 2024/25');
  });

  it('calls out a drop from Mature to Developing since the last signed-off year as down', () => {
    const table = trends({
      indices: [index('contracts', 'keyArea', 'commercial', 1, 'Managing contracts and relationships')],
      periods: [signedOff('2024/25'), draft('2025/26')],
      assessmentsByPeriod: {
        '2024/25': [assessment('2024/25', 'contracts', 'mature')],
        '2025/26': [assessment('2025/26', 'contracts', 'developing')],
      },
    });
    expect(table.rows[0]).toMatchObject({
      title: 'Managing contracts and relationships',
      movement: 'down',
      comparedWith: '2024/25',
      previousLevel: 'mature',
      selectedLevel: 'developing',
      movementText: 'Down from Mature in 2024/25',
    });
  });

  it('calls a rise up and no change unchanged', () => {
    const table = trends({
      indices: [index('talent', 'enabler', null, 1), index('digital', 'enabler', null, 2)],
      periods: [signedOff('2024/25'), draft('2025/26')],
      assessmentsByPeriod: {
        '2024/25': [assessment('2024/25', 'talent', 'developing'), assessment('2024/25', 'digital', 'leader')],
        '2025/26': [assessment('2025/26', 'talent', 'leader'), assessment('2025/26', 'digital', 'leader')],
      },
    });
    expect(table.rows.map((r) => [r.movement, r.movementText])).toEqual([
      ['up', 'Up from Developing in 2024/25'],
      ['unchanged', 'Unchanged since 2024/25'],
    ]);
  });

  it('compares with the newest signed-off year, passing over a year that was reopened or never signed off', () => {
    const table = trends({
      indices: [index('councillors', 'keyArea', 'leadership', 1)],
      periods: [signedOff('2022/23'), signedOff('2023/24'), { name: '2024/25', status: 'Draft' }, { name: '2025/26', status: 'Submitted' }],
      assessmentsByPeriod: {
        '2022/23': [assessment('2022/23', 'councillors', 'minimum')],
        '2023/24': [assessment('2023/24', 'councillors', 'leader')],
        // Reopened after sign-off, so Draft again: not the council's record.
        '2024/25': [assessment('2024/25', 'councillors', 'innovator')],
        '2025/26': [assessment('2025/26', 'councillors', 'mature')],
      },
    });
    expect(table.comparedWith).toBe('2023/24');
    expect(table.rows[0].movement).toBe('down');
    expect(table.rows[0].movementText).toBe('Down from Leader in 2023/24');
  });

  it('has no previous year to compare with before the first sign-off, and never compares with a later year', () => {
    const table = trends({
      indices: [index('councillors', 'keyArea', 'leadership', 1)],
      periods: [draft('2024/25'), signedOff('2025/26')],
      assessmentsByPeriod: {
        '2024/25': [assessment('2024/25', 'councillors', 'developing')],
        '2025/26': [assessment('2025/26', 'councillors', 'mature')],
      },
      selectedPeriodName: '2024/25',
    });
    expect(table.comparedWith).toBeUndefined();
    expect(table.rows[0].movement).toBe('no previous');
    expect(table.rows[0].movementText).toBe('No signed-off year before 2024/25 to compare with');
  });

  it('says the selected year is not assessed rather than inventing a movement', () => {
    const table = trends({
      indices: [index('councillors', 'keyArea', 'leadership', 1)],
      periods: [signedOff('2024/25'), draft('2025/26')],
      assessmentsByPeriod: { '2024/25': [assessment('2024/25', 'councillors', 'mature')], '2025/26': [] },
    });
    expect(table.rows[0].movement).toBe('not assessed');
    expect(table.rows[0].movementText).toBe('Not assessed in 2025/26');
  });

  it('matches indices by id, so a title reworded in a later framework is still one row', () => {
    const table = trends({
      indices: [index('smes', 'keyArea', 'leadership', 1, 'Engaging local SMEs and micro-businesses'), index('smes', 'keyArea', 'leadership', 1, 'Engaging local SMEs')],
      periods: [signedOff('2024/25'), draft('2025/26')],
      assessmentsByPeriod: {
        '2024/25': [assessment('2024/25', 'smes', 'developing')],
        '2025/26': [assessment('2025/26', 'smes', 'mature')],
      },
    });
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0].title).toBe('Engaging local SMEs and micro-businesses');
    expect(table.rows[0].cells.map((c) => c.label)).toEqual(['Developing', 'Mature']);
  });

  it('shows the years oldest first, marking which are signed off, whatever order they arrive in', () => {
    const table = trends({
      indices: [index('talent', 'enabler', null, 1)],
      periods: [draft('2025/26'), signedOff('2023/24'), { name: '2024/25', status: 'Returned' }],
    });
    expect(table.periods).toEqual([
      { name: '2023/24', status: 'Signed off', signedOff: true },
      { name: '2024/25', status: 'Returned', signedOff: false },
      { name: '2025/26', status: 'Draft', signedOff: false },
    ]);
    expect(table.rows[0].cells.map((c) => c.periodName)).toEqual(['2023/24', '2024/25', '2025/26']);
  });

  it('shows a blank as not assessed when it is not known which indices a year had', () => {
    const table = trends({
      indices: [index('talent', 'enabler', null, 1)],
      periods: [signedOff('2024/25')],
      selectedPeriodName: '2024/25',
    });
    expect(table.rows[0].cells[0].kind).toBe('not assessed');
  });

  it('treats an index someone assessed that year as part of it, even if the framework list says otherwise', () => {
    const table = trends({
      indices: [index('talent', 'enabler', null, 1)],
      periods: [signedOff('2024/25')],
      indexIdsByPeriod: { '2024/25': new Set<string>() },
      assessmentsByPeriod: { '2024/25': [assessment('2024/25', 'talent', 'mature')] },
      selectedPeriodName: '2024/25',
    });
    expect(table.rows[0].cells[0].label).toBe('Mature');
  });

  it('treats a level the framework does not know as not assessed', () => {
    const stray = { ...assessment('2025/26', 'talent'), currentLevel: 'expert' as LevelId };
    const table = trends({
      indices: [index('talent', 'enabler', null, 1)],
      periods: [draft('2025/26')],
      assessmentsByPeriod: { '2025/26': [stray] },
    });
    expect(table.rows[0].cells[0].kind).toBe('not assessed');
  });

  it('finds the newest signed-off year before a given year', () => {
    const periods = [signedOff('2022/23'), signedOff('2023/24'), draft('2024/25'), signedOff('2025/26')];
    expect(previousSignedOffPeriod(periods, '2025/26')?.name).toBe('2023/24');
    expect(previousSignedOffPeriod(periods, '2023/24')?.name).toBe('2022/23');
    expect(previousSignedOffPeriod(periods, '2022/23')).toBeUndefined();
  });
});

describe('gaps to target ranked by theme', () => {
  const today = '2025-11-20';

  it('puts the index furthest below target first within each theme', () => {
    const fw = framework([
      index('councillors', 'keyArea', 'leadership', 1),
      index('managers', 'keyArea', 'leadership', 2),
      index('partners', 'keyArea', 'leadership', 3),
      index('suppliers', 'keyArea', 'leadership', 4),
    ]);
    const groups = rankGapsByTheme(fw, '2025/26', [
      assessment('2025/26', 'councillors', 'mature', 'leader'),
      assessment('2025/26', 'managers', 'minimum', 'leader'),
      assessment('2025/26', 'partners', 'developing', 'leader'),
      assessment('2025/26', 'suppliers', 'developing', 'leader'),
    ], today);
    expect(groups[0].gaps.map((g) => [g.indexId, g.gap])).toEqual([
      ['managers', 3],
      ['partners', 2],
      ['suppliers', 2],
      ['councillors', 1],
    ]);
    expect(groups[0].gaps[0].gapText).toBe('3 levels below target');
  });

  it('groups key areas by theme in the strategy’s order, with enablers as their own group last', () => {
    const fw = framework(
      [
        index('talent', 'enabler', null, 1),
        index('contracts', 'keyArea', 'commercial', 2),
        index('councillors', 'keyArea', 'leadership', 1),
      ],
      [
        { id: 'commercial', title: 'Behaving commercially', order: 2 },
        { id: 'leadership', title: 'Showing leadership', order: 1 },
        { id: 'community', title: 'Achieving community benefits', order: 3 },
      ]
    );
    const groups = rankGapsByTheme(fw, '2025/26', [], today);
    expect(groups.map((g) => [g.id, g.title, g.kind])).toEqual([
      ['leadership', 'Showing leadership', 'theme'],
      ['commercial', 'Behaving commercially', 'theme'],
      ['enablers', 'Enablers', 'enablers'],
    ]);
  });

  it('shows a met or exceeded target as met, after those still below target', () => {
    const fw = framework([
      index('councillors', 'keyArea', 'leadership', 1),
      index('managers', 'keyArea', 'leadership', 2),
      index('partners', 'keyArea', 'leadership', 3),
    ]);
    const groups = rankGapsByTheme(fw, '2025/26', [
      assessment('2025/26', 'councillors', 'leader', 'mature'),
      assessment('2025/26', 'managers', 'mature', 'mature'),
      assessment('2025/26', 'partners', 'developing', 'mature'),
    ], today);
    expect(groups[0].gaps.map((g) => [g.indexId, g.standing, g.gapText])).toEqual([
      ['partners', 'Below target', '1 level below target'],
      ['councillors', 'Target met', 'Above target by 1 level'],
      ['managers', 'Target met', 'Target met'],
    ]);
  });

  it('lists not assessed and no-target indices after the shortfalls, and counts them in the theme summary', () => {
    const fw = framework([
      index('councillors', 'keyArea', 'leadership', 1),
      index('managers', 'keyArea', 'leadership', 2),
      index('partners', 'keyArea', 'leadership', 3),
      index('suppliers', 'keyArea', 'leadership', 4),
      index('sixth', 'keyArea', 'leadership', 5),
    ]);
    const groups = rankGapsByTheme(fw, '2025/26', [
      assessment('2025/26', 'councillors', 'mature', 'mature'),
      assessment('2025/26', 'managers', 'developing'),
      assessment('2025/26', 'partners', 'minimum', 'leader'),
      assessment('2025/26', 'sixth', 'developing', 'mature'),
    ], today);
    expect(groups[0].gaps.map((g) => [g.indexId, g.standing])).toEqual([
      ['partners', 'Below target'],
      ['sixth', 'Below target'],
      ['managers', 'No target set'],
      ['suppliers', 'Not assessed'],
      ['councillors', 'Target met'],
    ]);
    expect(groups[0].summary).toEqual({ atOrAboveTarget: 1, belowTarget: 2, notAssessed: 1, noTarget: 1, largestGap: 3, dueThisYear: 0 });
  });

  it('gives each theme its own summary, with no largest gap where nothing is below target', () => {
    const fw = framework([
      index('councillors', 'keyArea', 'leadership', 1),
      index('contracts', 'keyArea', 'commercial', 2),
      index('talent', 'enabler', null, 1),
    ]);
    const groups = rankGapsByTheme(fw, '2025/26', [
      assessment('2025/26', 'councillors', 'leader', 'leader'),
      assessment('2025/26', 'contracts', 'minimum', 'mature'),
    ], today);
    expect(groups.map((g) => [g.id, g.summary.largestGap, g.summary.atOrAboveTarget, g.summary.notAssessed])).toEqual([
      ['leadership', undefined, 1, 0],
      ['commercial', 2, 0, 0],
      ['enablers', undefined, 0, 1],
    ]);
  });

  it('flags a target due by the end of the selected year (31 March), and not one due the year after', () => {
    const fw = framework([
      index('councillors', 'keyArea', 'leadership', 1),
      index('managers', 'keyArea', 'leadership', 2),
      index('partners', 'keyArea', 'leadership', 3),
    ]);
    const list = [
      assessment('2025/26', 'councillors', 'developing', 'mature', '2026-03-31'),
      assessment('2025/26', 'managers', 'developing', 'mature', '2026-04-01'),
      assessment('2025/26', 'partners', 'developing', 'mature'),
    ];
    const due = (day: string): Array<[string, boolean]> => rankGapsByTheme(fw, '2025/26', list, day)[0].gaps.map((g): [string, boolean] => [g.indexId, g.dueThisYear]);
    expect(due(today)).toEqual([['councillors', true], ['managers', false], ['partners', false]]);
    // The year end decides, not today: the answer is the same whenever the dashboard is opened.
    expect(due('2026-03-30')).toEqual(due('2025-04-02'));
    expect(rankGapsByTheme(fw, '2025/26', list, today)[0].summary.dueThisYear).toBe(1);
  });

  it('never flags a met target as due, and writes the target with its date as a council would', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1)]);
    const [gap] = rankGapsByTheme(fw, '2025/26', [assessment('2025/26', 'councillors', 'mature', 'mature', '2026-01-31')], today)[0].gaps;
    expect(gap.dueThisYear).toBe(false);
    expect(gap.targetText).toBe('Mature by 31 January 2026');
  });

  it('flags a target whose date has passed without being met', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1)]);
    const [gap] = rankGapsByTheme(fw, '2025/26', [assessment('2025/26', 'councillors', 'developing', 'leader', '2025-09-30')], today)[0].gaps;
    expect(gap).toMatchObject({ targetDatePassed: true, dueThisYear: true, targetText: 'Leader by 30 September 2025' });
  });

  it('counts only the selected year’s assessments', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1)]);
    const groups = rankGapsByTheme(fw, '2025/26', [assessment('2024/25', 'councillors', 'minimum', 'leader')], today);
    expect(groups[0].gaps[0].standing).toBe('Not assessed');
  });

  it('still shows a key area whose theme the framework does not list', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1), index('stray', 'keyArea', 'retired-theme', 2)]);
    const groups = rankGapsByTheme(fw, '2025/26', [], today);
    expect(groups.map((g) => [g.id, g.title, g.gaps.map((x) => x.indexId)])).toEqual([
      ['leadership', 'Showing leadership', ['councillors']],
      ['other', 'Other key areas', ['stray']],
    ]);
  });
});

describe('action plan health by key area and enabler', () => {
  const today = '2025-11-20';

  it('counts each index’s actions by RAG status', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1)]);
    const health = actionHealth({
      framework: fw,
      today,
      actions: [
        action('councillors', { dueDate: '2025-11-01' }), // overdue: red
        action('councillors', { dueDate: undefined }), // no date: amber
        action('councillors', { dueDate: '2025-12-10' }), // within 30 days: amber
        action('councillors', { dueDate: '2026-06-30' }), // on track: green
        action('councillors', { status: 'Complete', dueDate: '2025-01-01' }),
        action('councillors', { status: 'Cancelled' }),
      ],
    });
    expect(health.indices[0].rag).toEqual({ Red: 1, Amber: 2, Green: 1, Complete: 2 });
    expect(health.indices[0].total).toBe(6);
  });

  it('lists overdue actions with their owner and due date, the longest overdue first', () => {
    const fw = framework([index('contracts', 'keyArea', 'commercial', 1)]);
    const health = actionHealth({
      framework: fw,
      today,
      actions: [
        action('contracts', { title: 'Review the top 20 contracts', dueDate: '2025-10-31', owner: { id: 3, displayName: 'Tom Evans' } }),
        action('contracts', { title: 'Appoint contract managers', dueDate: '2025-06-30', owner: undefined }),
        action('contracts', { title: 'Finished late', dueDate: '2025-05-01', status: 'Complete' }),
      ],
    });
    expect(health.indices[0].overdue.map((o) => [o.title, o.ownerName, o.dueText, o.daysOverdue])).toEqual([
      ['Appoint contract managers', 'No owner', '30 June 2025', 143],
      ['Review the top 20 contracts', 'Tom Evans', '31 October 2025', 20],
    ]);
    expect(health.indices[0].overdue[1].owner).toEqual({ id: 3, displayName: 'Tom Evans' });
  });

  it('lists an action with no owner, and one with no due date', () => {
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const noOwner = action('talent', { title: 'Set up apprenticeships', owner: undefined });
    const noDate = action('talent', { title: 'Map skills', dueDate: undefined });
    const health = actionHealth({ framework: fw, today, actions: [noOwner, noDate, action('talent')] });
    expect(health.indices[0].withoutOwner).toEqual([noOwner]);
    expect(health.indices[0].withoutDueDate).toEqual([noDate]);
  });

  it('does not chase an owner or date for a completed or cancelled action', () => {
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const health = actionHealth({
      framework: fw,
      today,
      actions: [action('talent', { status: 'Complete', owner: undefined, dueDate: undefined }), action('talent', { status: 'Cancelled', owner: undefined })],
    });
    expect(health.indices[0].withoutOwner).toEqual([]);
    expect(health.indices[0].withoutDueDate).toEqual([]);
  });

  it('shows what changed since the last sign-off: new, carried forward and updated actions, newest first', () => {
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const since = '2025-05-12T10:00:00Z';
    const health = actionHealth({
      framework: fw,
      today,
      lastSignedOffOn: since,
      actions: [
        action('talent', { title: 'Untouched', created: '2025-02-01T09:00:00Z', modified: '2025-03-01T09:00:00Z' }),
        action('talent', { title: 'Updated', created: '2025-02-01T09:00:00Z', modified: '2025-07-01T09:00:00Z' }),
        action('talent', { title: 'New', created: '2025-09-01T09:00:00Z', modified: '2025-09-01T09:00:00Z' }),
        action('talent', { title: 'Carried', carriedFromId: 12, created: '2025-05-13T08:00:00Z', modified: '2025-05-13T08:00:00Z' }),
      ],
    });
    expect(health.indices[0].changedSinceSignOff.map((c) => [c.title, c.change, c.on])).toEqual([
      ['New', 'New', '2025-09-01T09:00:00Z'],
      ['Updated', 'Updated', '2025-07-01T09:00:00Z'],
      ['Carried', 'Carried forward', '2025-05-13T08:00:00Z'],
    ]);
    expect(health.since).toBe(since);
  });

  it('says "new or updated" when it is not known when an action was created', () => {
    const changed = changeSinceSignOff(action('talent', { modified: '2025-06-01T09:00:00Z' }), '2025-05-12T10:00:00Z');
    expect(changed?.change).toBe('New or updated');
    expect(changeSinceSignOff(action('talent', { modified: '2025-05-01T09:00:00Z' }), '2025-05-12T10:00:00Z')).toBeUndefined();
    // Neither created nor modified: nothing to go on, so not reported as changed.
    expect(changeSinceSignOff(action('talent'), '2025-05-12T10:00:00Z')).toBeUndefined();
  });

  it('reports nothing as changed when there is no earlier signed-off year', () => {
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const health = actionHealth({ framework: fw, today, actions: [action('talent', { created: '2025-09-01T09:00:00Z', modified: '2025-09-01T09:00:00Z' })] });
    expect(health.indices[0].changedSinceSignOff).toEqual([]);
    expect(health.since).toBeUndefined();
  });

  it('compares times as moments, so the same second written two ways is not a change', () => {
    const since = '2025-05-12T10:00:00Z';
    expect(changeSinceSignOff(action('talent', { modified: '2025-05-12T10:00:00.000Z' }), since)).toBeUndefined();
    // 10:30 in British Summer Time is 09:30 UTC, before the sign-off.
    expect(changeSinceSignOff(action('talent', { modified: '2025-05-12T10:30:00+01:00' }), since)).toBeUndefined();
    expect(changeSinceSignOff(action('talent', { modified: '2025-05-12T11:30:00+01:00' }), since)?.change).toBe('New or updated');
  });

  it('measures changes from when the previous signed-off year was signed off', () => {
    const periods = [
      { name: '2023/24', status: 'Signed off' as const, signedOffOn: '2024-05-10T12:00:00Z' },
      { name: '2024/25', status: 'Signed off' as const, signedOffOn: '2025-05-12T10:00:00Z' },
      { name: '2025/26', status: 'Draft' as const },
    ];
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const health = actionHealth({
      framework: fw,
      today,
      lastSignedOffOn: previousSignedOffPeriod(periods, '2025/26')?.signedOffOn,
      actions: [action('talent', { title: 'Before', created: '2025-01-10T09:00:00Z', modified: '2025-01-10T09:00:00Z' })],
    });
    expect(health.since).toBe('2025-05-12T10:00:00Z');
    expect(health.indices[0].changedSinceSignOff).toEqual([]);
  });

  it('lists every key area by theme, then the enablers, even those with no actions', () => {
    const fw = framework([
      index('talent', 'enabler', null, 1),
      index('contracts', 'keyArea', 'commercial', 3),
      index('councillors', 'keyArea', 'leadership', 1),
      index('managers', 'keyArea', 'leadership', 2),
    ]);
    const health = actionHealth({ framework: fw, today, actions: [action('contracts')] });
    expect(health.indices.map((h) => [h.indexId, h.total])).toEqual([
      ['councillors', 0],
      ['managers', 0],
      ['contracts', 1],
      ['talent', 0],
    ]);
    expect(health.indices[0].rag).toEqual({ Red: 0, Amber: 0, Green: 0, Complete: 0 });
  });

  it('still shows actions against an index this year’s framework does not have', () => {
    const fw = framework([index('talent', 'enabler', null, 1)]);
    const health = actionHealth({ framework: fw, today, actions: [action('retired-area', { owner: undefined })] });
    expect(health.indices.map((h) => [h.indexId, h.inFramework, h.total, h.withoutOwner.length])).toEqual([
      ['talent', true, 0, 0],
      ['retired-area', false, 1, 1],
    ]);
  });

  it('adds up the whole plan for the headlines', () => {
    const fw = framework([index('councillors', 'keyArea', 'leadership', 1), index('talent', 'enabler', null, 1)]);
    const health = actionHealth({
      framework: fw,
      today,
      lastSignedOffOn: '2025-05-12T10:00:00Z',
      actions: [
        action('councillors', { dueDate: '2025-10-01', owner: undefined, modified: '2025-06-01T09:00:00Z' }),
        action('talent', { dueDate: undefined }),
        action('talent', { status: 'Complete' }),
      ],
    });
    expect(health.totals).toEqual({
      total: 3,
      rag: { Red: 1, Amber: 1, Green: 0, Complete: 1 },
      overdue: 1,
      withoutOwner: 1,
      withoutDueDate: 1,
      changedSinceSignOff: 1,
    });
  });
});

describe('trends from what the dashboard loads', () => {
  const recorded = (name: string, indices: MaturityIndex[]) => ({ ...signedOff(name), frameworkSnapshot: JSON.stringify(framework(indices)) });

  it('adds a key area a signed-off year had and today\'s framework has dropped, marking the years it was not in', () => {
    const today = framework([index('smes', 'keyArea', 'leadership', 1)]);
    const periods = [recorded('2023/24', [index('smes', 'keyArea', 'leadership', 1), index('green', 'keyArea', 'leadership', 2, 'Green procurement')]), draft('2024/25')];
    const table = buildYearTrends({
      framework: today,
      periods,
      allAssessments: [assessment('2023/24', 'green', 'mature'), assessment('2023/24', 'smes', 'minimum'), assessment('2024/25', 'smes', 'developing')],
      selectedPeriodName: '2024/25',
    });
    expect(table.rows.map((r) => [r.title, r.cells.map((c) => c.label)])).toEqual([
      ['smes', ['Minimum', 'Developing']],
      // Not in the draft year's framework: today's has dropped it.
      ['Green procurement', ['Mature', 'Not in the framework']],
    ]);
    expect(table.rows[0].movementText).toBe('Up from Minimum in 2023/24');
  });

  it('keeps only the rows a filter accepts, retired ones included', () => {
    const today = framework([index('smes', 'keyArea', 'leadership', 1), index('deals', 'keyArea', 'commercial', 1), index('talent', 'enabler', null, 1)]);
    const periods = [recorded('2023/24', [...today.indices, index('old-lead', 'keyArea', 'leadership', 3), index('old-deals', 'keyArea', 'commercial', 3)])];
    const table = buildYearTrends({ framework: today, periods, allAssessments: [], selectedPeriodName: '2023/24', include: (i) => isInTheme(i, 'leadership') });
    expect(table.rows.map((r) => r.indexId)).toEqual(['smes', 'old-lead']);
  });

  it('passes over a sign-off record that cannot be read', () => {
    const today = framework([index('smes', 'keyArea', 'leadership', 1)]);
    expect(indicesOfEveryYear(today, [{ ...signedOff('2023/24'), frameworkSnapshot: '{not json' }, { ...signedOff('2024/25'), frameworkSnapshot: 'null' }]).map((i) => i.id)).toEqual(['smes']);
  });
});

describe('the dashboard web part\'s settings', () => {
  it('shows every section, opens on the latest signed-off year and shows every theme when nothing is set (a web part added before the settings)', () => {
    const settings = dashboardSettings({});
    expect(settings.defaultPeriod).toBe('latestSignedOff');
    expect(DASHBOARD_SECTIONS.filter((s) => !settings.sections[s])).toEqual([]);
    expect(settings.themeId).toBeUndefined();
    expect(settings.councilName).toBeUndefined();
    expect(dashboardSettings(undefined)).toEqual(settings);
  });

  it('hides exactly the sections whose box was unticked', () => {
    const settings = dashboardSettings({ [SECTION_PROPERTIES.chart]: false, [SECTION_PROPERTIES.overdue]: false, [SECTION_PROPERTIES.trends]: true });
    expect(DASHBOARD_SECTIONS.filter((s) => !settings.sections[s])).toEqual(['chart', 'overdue']);
  });

  it('takes the latest year when set so, and the default for anything it does not know', () => {
    expect(dashboardSettings({ defaultPeriod: 'latest' }).defaultPeriod).toBe('latest');
    expect(dashboardSettings({ defaultPeriod: 'newest' }).defaultPeriod).toBe('latestSignedOff');
    expect(dashboardSettings({ defaultPeriod: 3 }).defaultPeriod).toBe('latestSignedOff');
  });

  it('reads "All themes" (an empty choice) as no theme, and trims the council\'s name', () => {
    expect(dashboardSettings({ themeId: '' }).themeId).toBeUndefined();
    expect(dashboardSettings({ themeId: 'leadership' }).themeId).toBe('leadership');
    expect(dashboardSettings({ councilName: '  Anytown Borough Council ' }).councilName).toBe('Anytown Borough Council');
    expect(dashboardSettings({ councilName: '   ' }).councilName).toBeUndefined();
  });

  it('offers every theme, in the framework\'s order, after the choice of all of them', () => {
    const themes = [{ id: 'commercial', title: 'Behaving commercially', order: 2 }, { id: 'leadership', title: 'Showing leadership', order: 1 }];
    expect(themeChoices(themes, 'All themes')).toEqual([
      { key: '', text: 'All themes' },
      { key: 'leadership', text: 'Showing leadership' },
      { key: 'commercial', text: 'Behaving commercially' },
    ]);
  });
});

describe('the year the dashboard opens on', () => {
  it('is the newest signed-off year, not a newer draft, whatever order the years come in', () => {
    expect(defaultPeriodName([draft('2025/26'), signedOff('2023/24'), signedOff('2024/25')], 'latestSignedOff')).toBe('2024/25');
  });

  it('passes over a year that was reopened (draft again) or returned', () => {
    expect(defaultPeriodName([draft('2025/26'), { name: '2024/25', status: 'Returned' }, signedOff('2022/23')], 'latestSignedOff')).toBe('2022/23');
  });

  it('is the newest year when set to the latest year, or when nothing has been signed off yet', () => {
    const periods = [signedOff('2023/24'), draft('2025/26'), { name: '2024/25', status: 'Submitted' } as TrendPeriod];
    expect(defaultPeriodName(periods, 'latest')).toBe('2025/26');
    expect(defaultPeriodName([draft('2024/25'), draft('2025/26')], 'latestSignedOff')).toBe('2025/26');
    expect(defaultPeriodName([], 'latestSignedOff')).toBeUndefined();
  });
});

describe('one theme on the dashboard', () => {
  const whole = framework([index('smes', 'keyArea', 'leadership', 1), index('deals', 'keyArea', 'commercial', 1), index('talent', 'enabler', null, 1), index('stray', 'keyArea', null, 9)]);

  it('keeps that theme and its key areas only: no enablers, no other theme', () => {
    const view = frameworkForTheme(whole, 'commercial');
    expect(view.theme?.title).toBe('Behaving commercially');
    expect(view.framework.themes.map((t) => t.id)).toEqual(['commercial']);
    expect(view.framework.indices.map((i) => i.id)).toEqual(['deals']);
    expect(view.missingThemeId).toBeUndefined();
    // The rest of the framework is as it was.
    expect(view.framework.title).toBe(whole.title);
  });

  it('shows everything, and says so, when the chosen theme is not in the year\'s framework', () => {
    const view = frameworkForTheme(whole, 'ethical-procurement');
    expect(view.framework).toBe(whole);
    expect(view.theme).toBeUndefined();
    expect(view.missingThemeId).toBe('ethical-procurement');
  });

  it('shows everything when no theme is chosen', () => {
    expect(frameworkForTheme(whole, undefined)).toEqual({ framework: whole });
    expect(whole.indices.every((i) => isInTheme(i, undefined))).toBe(true);
  });
});

describe('the dashboard rules stay plain domain code', () => {
  it.each(['trends.ts', 'gapRanking.ts', 'actionHealth.ts', 'dashboardSettings.ts'])('%s imports nothing from React, PnPjs or SPFx', (file) => {
    const source = readFileSync(join(__dirname, '..', '..', 'src', 'domain', file), 'utf8');
    const imports = source.match(/from '[^']+'/g) ?? [];
    expect(imports.filter((i) => /react|@pnp|@microsoft/.test(i))).toEqual([]);
  });
});
