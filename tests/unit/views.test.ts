/**
 * Gathering colleagues' views (issue 13): which views count, the spread the lead officer moderates,
 * what a person may see before giving their own view, and the checks on a view and an invitation.
 */
import {
  currentViews,
  describeViewer,
  GatheredView,
  hiddenUntilGiven,
  indicesAskedOf,
  spreadOf,
  validateInvitation,
  validateView,
  viewerKey,
  ViewInput,
  ViewInvitation,
  viewsSummary,
} from '../../src/domain/views';
import { LevelId } from '../../src/framework/types';

const asha = { id: 11, displayName: 'Asha Patel' };
const ben = { id: 12, displayName: 'Ben Okafor' };
const cara = { id: 13, displayName: 'Cara Jones' };
const lead = { id: 7, displayName: 'Jane Lead' };

let nextId = 1;
function view(by: typeof asha, level: LevelId | undefined, created: string, extra: Partial<GatheredView> = {}): GatheredView {
  return { id: nextId++, periodName: '2025/26', indexId: 'ka-1', level, comment: '', givenBy: by, created, ...extra };
}

describe('whose view it is', () => {
  it('keys a view by who created it, and a paper view by the name written on it, ignoring case and spacing', () => {
    expect(viewerKey(view(asha, 'mature', '2026-01-01T10:00:00Z'))).toBe('user:11');
    expect(viewerKey(view(lead, 'mature', '2026-01-01T10:00:00Z', { givenFor: '  Tom   REID ' }))).toBe(viewerKey(view(lead, 'mature', '2026-01-02T10:00:00Z', { givenFor: 'Tom Reid' })));
    expect(viewerKey(view(lead, 'mature', '2026-01-01T10:00:00Z', { givenFor: 'Tom Reid' }))).toBe('paper:tom reid');
    expect(viewerKey(view(lead, 'mature', '2026-01-01T10:00:00Z', { givenFor: '   ' }))).toBe('user:7');
  });

  it('names a paper view with who entered it', () => {
    expect(describeViewer(view(asha, 'mature', '2026-01-01T10:00:00Z'))).toBe('Asha Patel');
    expect(describeViewer(view(lead, 'mature', '2026-01-01T10:00:00Z', { givenFor: 'Tom Reid' }))).toBe('Tom Reid (on paper, entered by Jane Lead)');
  });
});

describe('which views count', () => {
  it("counts each person's latest view on each index, by SharePoint's Created and then id", () => {
    const first = view(asha, 'developing', '2026-01-05T09:00:00Z');
    const second = view(asha, 'mature', '2026-01-06T09:00:00Z');
    const sameTimeLowerId = view(ben, 'leader', '2026-01-06T09:00:00Z');
    const sameTimeHigherId = view(ben, 'mature', '2026-01-06T09:00:00Z');
    const otherIndex = view(asha, 'minimum', '2026-01-01T09:00:00Z', { indexId: 'ka-2' });
    const result = currentViews([second, sameTimeHigherId, first, otherIndex, sameTimeLowerId]);
    expect(result.current.map((v) => v.id).sort()).toEqual([second.id, sameTimeHigherId.id, otherIndex.id].sort());
    expect(result.superseded).toBe(2);
    expect(result.late).toEqual([]);
  });

  it('names a view given after the year was submitted as late, and it never counts nor replaces an earlier one', () => {
    const onTime = view(asha, 'developing', '2026-04-10T08:00:00Z');
    const late = view(asha, 'innovator', '2026-04-10T09:00:01Z');
    const result = currentViews([onTime, late], { submittedAt: '2026-04-10T09:00:00Z' });
    expect(result.current).toEqual([onTime]);
    expect(result.late).toEqual([late]);
    expect(result.superseded).toBe(0);
  });

  it('keys paper views by the name on the form, so two colleagues entered by the same lead are two views', () => {
    const tom = view(lead, 'minimum', '2026-01-05T09:00:00Z', { givenFor: 'Tom Reid' });
    const tomAgain = view(lead, 'developing', '2026-01-06T09:00:00Z', { givenFor: 'tom reid' });
    const priya = view(lead, 'leader', '2026-01-05T10:00:00Z', { givenFor: 'Priya Shah' });
    const leadsOwn = view(lead, 'mature', '2026-01-05T11:00:00Z');
    const result = currentViews([tom, tomAgain, priya, leadsOwn], { moderatorIds: new Set([lead.id]) });
    expect(result.current.map((v) => v.id).sort()).toEqual([tomAgain.id, priya.id, leadsOwn.id].sort());
    expect(result.superseded).toBe(1);
  });

  it("counts a colleague's view marked as given on paper as their own, with a note saying so", () => {
    const marked = view(asha, 'mature', '2026-01-05T09:00:00Z', { givenFor: 'Tom Reid' });
    const own = view(asha, 'developing', '2026-01-04T09:00:00Z');
    const { current, superseded } = currentViews([own, marked], { moderatorIds: new Set([lead.id]) });
    expect(current).toHaveLength(1);
    expect(current[0].id).toBe(marked.id);
    expect(current[0].givenFor).toBeUndefined();
    expect(describeViewer(current[0])).toBe('Asha Patel');
    expect(current[0].problems![0]).toMatch(/^Marked as given on paper by Tom Reid, but only a lead officer or approver enters views given on paper, so it counts as Asha Patel's own view\.$/);
    expect(superseded).toBe(1);
  });

  it('does not count an item with problems or without a level, and names it as not counted', () => {
    const noLevel = view(asha, undefined, '2026-01-05T09:00:00Z', { problems: ['"Excellent" is not one of the levels.'] });
    const flagged = view(ben, 'mature', '2026-01-05T09:00:00Z', { problems: ['Something is wrong with it.'] });
    const fine = view(cara, 'mature', '2026-01-05T09:00:00Z');
    const result = currentViews([noLevel, flagged, fine]);
    expect(result.current).toEqual([fine]);
    expect(result.notCounted).toEqual([noLevel, flagged]);
  });
});

describe('the spread of views on an index', () => {
  const views = [
    view(asha, 'developing', '2026-01-01T09:00:00Z'),
    view(ben, 'mature', '2026-01-01T09:00:00Z'),
    view(cara, 'developing', '2026-01-01T09:00:00Z'),
    view(lead, 'mature', '2026-01-01T09:00:00Z', { givenFor: 'Tom Reid' }),
    view(lead, 'mature', '2026-01-01T09:00:00Z'),
    view(asha, 'innovator', '2026-01-01T09:00:00Z', { indexId: 'ka-2' }),
  ];

  it('counts how many chose each level, with all five levels present', () => {
    const spread = spreadOf('ka-1', views);
    expect(spread.total).toBe(5);
    expect(spread.counts).toEqual({ minimum: 0, developing: 2, mature: 3, leader: 0, innovator: 0 });
    expect(spread.lowest).toBe('developing');
    expect(spread.highest).toBe('mature');
    expect(spread.median).toBe('mature');
    expect(spread.views.map(describeViewer)).toEqual(['Asha Patel', 'Cara Jones', 'Ben Okafor', 'Jane Lead', 'Tom Reid (on paper, entered by Jane Lead)']);
  });

  it('flags views two levels apart, and not views one level apart', () => {
    expect(spreadOf('ka-1', views).differsByTwoOrMore).toBe(false);
    const twoApart = [view(asha, 'developing', '2026-01-01T09:00:00Z'), view(ben, 'leader', '2026-01-01T09:00:00Z')];
    expect(spreadOf('ka-1', twoApart).differsByTwoOrMore).toBe(true);
    const oneApart = [view(asha, 'developing', '2026-01-01T09:00:00Z'), view(ben, 'mature', '2026-01-01T09:00:00Z')];
    expect(spreadOf('ka-1', oneApart).differsByTwoOrMore).toBe(false);
    expect(spreadOf('ka-1', [view(asha, 'minimum', '2026-01-01T09:00:00Z'), view(ben, 'innovator', '2026-01-01T09:00:00Z')]).differsByTwoOrMore).toBe(true);
  });

  it('takes the lower middle level as the median of an even number of views', () => {
    const even = [view(asha, 'developing', '2026-01-01T09:00:00Z'), view(ben, 'leader', '2026-01-01T09:00:00Z')];
    expect(spreadOf('ka-1', even).median).toBe('developing');
  });

  it('has nothing to show for an index nobody gave a view on', () => {
    const spread = spreadOf('ka-9', views);
    expect(spread).toMatchObject({ total: 0, lowest: undefined, highest: undefined, median: undefined, differsByTwoOrMore: false, views: [] });
    expect(Object.values(spread.counts)).toEqual([0, 0, 0, 0, 0]);
  });

  it('sums the views up in one line for the committee pack', () => {
    expect(viewsSummary(spreadOf('ka-1', views), 'mature')).toBe('5 views: Developing 2, Mature 3. Agreed: Mature.');
    expect(viewsSummary(spreadOf('ka-2', views))).toBe('1 view: Innovator 1.');
    expect(viewsSummary(spreadOf('ka-9', views))).toBe('No views gathered.');
    const twoApart = [view(asha, 'developing', '2026-01-01T09:00:00Z'), view(ben, 'leader', '2026-01-01T09:00:00Z')];
    expect(viewsSummary(spreadOf('ka-1', twoApart), 'mature')).toBe('2 views: Developing 1, Leader 1. They differ by two levels or more. Agreed: Mature.');
  });
});

describe("others' views are hidden until a person has given their own", () => {
  const others = [view(ben, 'leader', '2026-01-01T09:00:00Z'), view(lead, 'minimum', '2026-01-01T09:00:00Z', { givenFor: 'Tom Reid' })];

  it('shows nobody else’s view before the person has given theirs', () => {
    expect(hiddenUntilGiven(others, asha)).toEqual([]);
  });

  it('shows the others once the person has given their own on that index, and only on that index', () => {
    const mine = view(asha, 'mature', '2026-01-02T09:00:00Z');
    const elsewhere = view(ben, 'leader', '2026-01-01T09:00:00Z', { indexId: 'ka-2' });
    expect(hiddenUntilGiven([...others, mine, elsewhere], asha)).toEqual([...others, mine]);
  });

  it('does not count a paper view the lead entered as the lead having given their own', () => {
    const entered = view(lead, 'mature', '2026-01-02T09:00:00Z', { givenFor: 'Priya Shah' });
    expect(hiddenUntilGiven([view(ben, 'leader', '2026-01-01T09:00:00Z'), entered], lead)).toEqual([]);
  });

  it('does not count an item without a level as given', () => {
    const broken = view(asha, undefined, '2026-01-02T09:00:00Z', { problems: ['No level.'] });
    expect(hiddenUntilGiven([...others, broken], asha)).toEqual([broken]);
  });
});

describe('checking a view before it is saved', () => {
  const input = (extra: Partial<ViewInput> = {}): ViewInput => ({ periodName: '2025/26', indexId: 'ka-1', level: 'mature', comment: 'We publish a pipeline.', ...extra });

  it('accepts a view on an index the person was asked about', () => {
    expect(validateView(input(), ['ka-1', 'ka-2'])).toEqual([]);
  });

  it('asks for one of the five levels when none or another is chosen', () => {
    const message = 'Choose a level: Minimum, Developing, Mature, Leader or Innovator.';
    expect(validateView(input({ level: undefined }), ['ka-1'])).toEqual([{ field: 'level', message }]);
    expect(validateView(input({ level: 'excellent' as LevelId }), ['ka-1'])).toEqual([
      { field: 'level', message: '"excellent" is not one of the five levels: choose Minimum, Developing, Mature, Leader or Innovator.' },
    ]);
  });

  it('says how long an over-long comment is and by how much to shorten it', () => {
    expect(validateView(input({ comment: 'x'.repeat(5012) }), ['ka-1'])).toEqual([{ field: 'comment', message: 'Comment is 5,012 characters; the limit is 5,000. Shorten it by 12.' }]);
    expect(validateView(input({ comment: 'x'.repeat(5000) }), ['ka-1'])).toEqual([]);
  });

  it('refuses a view on an index the person was not asked about', () => {
    expect(validateView(input({ indexId: 'ka-3' }), ['ka-1', 'ka-2'])).toEqual([
      { field: 'indexId', message: 'You were not asked for a view on this key area or enabler. Choose one of those you were asked about.' },
    ]);
  });

  it("needs the colleague's name on a paper view, within 255 characters", () => {
    expect(validateView(input({ givenFor: '  ' }), ['ka-1'])).toEqual([{ field: 'givenFor', message: 'Type the name of the colleague who gave this view on paper.' }]);
    expect(validateView(input({ givenFor: 'T'.repeat(256) }), ['ka-1'])).toEqual([{ field: 'givenFor', message: "The colleague's name is 256 characters; the limit is 255. Shorten it by 1." }]);
  });
});

describe('checking an invitation before anyone is asked', () => {
  const person = { loginName: 'i:0#.f|membership|asha@council.gov.uk', displayName: 'Asha Patel', email: 'asha@council.gov.uk' };
  const all = ['ka-1', 'ka-2', 'en-1'];

  it('accepts people and indices of the framework, or no indices for all', () => {
    expect(validateInvitation({ periodName: '2025/26', people: [person], indexIds: ['ka-1'], message: 'Please' }, all)).toEqual([]);
    expect(validateInvitation({ periodName: '2025/26', people: [person], indexIds: [], message: '' }, all)).toEqual([]);
  });

  it('asks for at least one person', () => {
    expect(validateInvitation({ periodName: '2025/26', people: [], indexIds: [], message: '' }, all)).toEqual([{ field: 'people', message: 'Choose at least one person to ask for their view.' }]);
  });

  it('refuses indices that are not in the framework, naming them', () => {
    expect(validateInvitation({ periodName: '2025/26', people: [person], indexIds: ['ka-1', 'ka-9'], message: '' }, all)).toEqual([
      { field: 'indexIds', message: "This key area or enabler is not in the year's framework: ka-9. Choose again." },
    ]);
  });

  it('says how long an over-long message is', () => {
    expect(validateInvitation({ periodName: '2025/26', people: [person], indexIds: [], message: 'm'.repeat(2001) }, all)).toEqual([
      { field: 'message', message: 'The message is 2,001 characters; the limit is 2,000. Shorten it by 1.' },
    ]);
  });
});

describe('the indices a person was asked about', () => {
  const invitation = (login: string, indexIds: string[]): ViewInvitation => ({ id: nextId++, periodName: '2025/26', inviteeLogin: login, inviteeName: '', indexIds, message: '', invitedOn: '2026-01-01T09:00:00Z' });
  const all = ['ka-1', 'ka-2', 'ka-3', 'en-1'];

  it('joins every invitation to the person, in the framework order, comparing logins without case', () => {
    const invitations = [invitation('i:0#.f|membership|Asha@Council.gov.uk', ['en-1', 'ka-2']), invitation('i:0#.f|membership|asha@council.gov.uk', ['ka-1']), invitation('i:0#.f|membership|ben@council.gov.uk', ['ka-3'])];
    expect(indicesAskedOf(invitations, 'i:0#.f|membership|ASHA@council.gov.uk', all)).toEqual(['ka-1', 'ka-2', 'en-1']);
  });

  it('treats an invitation naming no index as asking about all, and finds an invitation made to an e-mail address', () => {
    expect(indicesAskedOf([invitation('asha@council.gov.uk', [])], 'i:0#.f|membership|asha@council.gov.uk', all)).toEqual(all);
  });

  it('asks nothing of someone not invited', () => {
    expect(indicesAskedOf([invitation('i:0#.f|membership|ben@council.gov.uk', [])], 'i:0#.f|membership|asha@council.gov.uk', all)).toEqual([]);
  });
});
