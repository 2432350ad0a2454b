/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { emptyAssessment, IndexAssessment } from '../../src/domain/assessment';
import { currentViews, GatheredView, spreadOf, ViewInput } from '../../src/domain/views';
import { DataError, ValidationError } from '../../src/data/errors';
import { AssessmentEditor } from '../../src/ui/assessment/AssessmentEditor';
import { GiveViews } from '../../src/ui/gathering/GiveViews';
import { IndexTable } from '../../src/ui/assessment/IndexTable';
import { viewsByIndex } from '../../src/ui/gathering/gatheredViews';
import { browserDraftStore } from '../../src/ui/drafts';

const framework = npsFramework2018();
const PERIOD = '2081/82';
const INNOVATION = framework.indices.find((i) => i.id === 'enabling-innovation')!;
const COUNCILLORS = framework.indices.find((i) => i.id === 'engaging-councillors')!;
const kevin = { id: 21, displayName: 'Kevin Doyle', email: 'kevin.doyle@borsetshire.example' };
const martin = { id: 22, displayName: 'Martin Ellis', email: 'martin.ellis@borsetshire.example' };

let nextId = 1;
const view = (by: typeof kevin, level: GatheredView['level'], created: string, extra: Partial<GatheredView> = {}): GatheredView => ({
  id: nextId++,
  periodName: PERIOD,
  indexId: INNOVATION.id,
  level,
  comment: `${by.displayName}'s comment`,
  givenBy: by,
  created,
  ...extra,
});

beforeEach(() => window.localStorage.clear());

describe('Give your views', () => {
  function show(props: Partial<React.ComponentProps<typeof GiveViews>> = {}) {
    const onGive = jest.fn(async (_: ViewInput) => undefined);
    const onGiven = jest.fn();
    const utils = render(
      <GiveViews
        framework={framework}
        periodName={PERIOD}
        indexIds={[INNOVATION.id, COUNCILLORS.id]}
        myViews={[]}
        canGive
        drafts={browserDraftStore(window.localStorage)}
        draftPrefix="site:2081/82"
        onGive={onGive}
        onGiven={onGiven}
        {...props}
      />
    );
    return { ...utils, onGive, onGiven };
  }

  it('shows each index asked about with its descriptors, and gives a level and comment', async () => {
    const { onGive, onGiven } = show();
    expect(screen.getByRole('heading', { name: `Your views on ${PERIOD}` })).toBeInTheDocument();
    expect(screen.getByText('0 of 2 given')).toBeInTheDocument();
    const region = screen.getByRole('region', { name: /^Enabling innovation/ });
    // The strategy's descriptor is read with each level.
    const matureWords = INNOVATION.descriptors.mature.replace(/^- /gm, '').split('\n')[0].slice(0, 30);
    expect(within(region).getByRole('radio', { name: /^3\. Mature/ })).toHaveAccessibleDescription(expect.stringContaining(matureWords));
    fireEvent.click(within(region).getByRole('radio', { name: /^2\. Developing/ }));
    fireEvent.change(within(region).getByRole('textbox', { name: /Your comment/ }), { target: { value: 'Not in highways tenders yet.' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Give your view' }));
    await screen.findByText('Your view on Enabling innovation is saved: Developing.');
    expect(onGive).toHaveBeenCalledWith({ periodName: PERIOD, indexId: INNOVATION.id, level: 'developing', comment: 'Not in highways tenders yet.' });
    expect(onGiven).toHaveBeenCalled();
  });

  it('asks for a level before sending anything', () => {
    const { onGive } = show();
    const region = screen.getByRole('region', { name: /^Enabling innovation/ });
    fireEvent.click(within(region).getByRole('button', { name: 'Give your view' }));
    expect(within(region).getByRole('alert')).toHaveTextContent('Choose the level that best describes the council today.');
    expect(onGive).not.toHaveBeenCalled();
  });

  it('keeps what was typed when SharePoint refuses, and after a reload', async () => {
    const onGive = jest.fn(async () => {
      throw new DataError('throttled', 'SharePoint is busy (429). Try again in a minute.', 429);
    });
    const first = show({ onGive });
    const region = screen.getByRole('region', { name: /^Enabling innovation/ });
    fireEvent.click(within(region).getByRole('radio', { name: /^4\. Leader/ }));
    fireEvent.change(within(region).getByRole('textbox', { name: /Your comment/ }), { target: { value: '<script>alert(1)</script> kept' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Give your view' }));
    expect(await within(region).findByText('SharePoint is busy (429). Try again in a minute.')).toBeInTheDocument();
    expect(within(region).getByRole('textbox', { name: /Your comment/ })).toHaveValue('<script>alert(1)</script> kept');
    first.unmount();
    show();
    const again = screen.getByRole('region', { name: /^Enabling innovation/ });
    expect(within(again).getByRole('textbox', { name: /Your comment/ })).toHaveValue('<script>alert(1)</script> kept');
    expect(within(again).getByRole('radio', { name: /^4\. Leader/ })).toBeChecked();
  });

  it('shows the message SharePoint validation gives for a field, and sends nothing more', async () => {
    const onGive = jest.fn(async () => {
      throw new ValidationError([{ field: 'comment', message: 'Comment is 5,001 characters; the limit is 5,000.' }]);
    });
    show({ onGive });
    const region = screen.getByRole('region', { name: /^Enabling innovation/ });
    fireEvent.click(within(region).getByRole('radio', { name: /^1\. Minimum/ }));
    fireEvent.click(within(region).getByRole('button', { name: 'Give your view' }));
    expect(await within(region).findByText('Comment is 5,001 characters; the limit is 5,000.')).toBeInTheDocument();
  });

  it('shows a given view as the person gave it (markup as text), offers to change it, and is read-only once the year is submitted', () => {
    const mine = view(kevin, 'minimum', '2081-11-20T10:00:00Z', { comment: '<img src=x onerror=alert(1)>' });
    const { container, unmount } = show({ myViews: [mine] });
    expect(screen.getByText('1 of 2 given')).toBeInTheDocument();
    const region = screen.getByRole('region', { name: /^Enabling innovation/ });
    expect(region).toHaveTextContent('Your view: Minimum, given 20 November 2081 at 10:00.');
    expect(region).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    expect(within(region).getByRole('button', { name: 'Change your view on Enabling innovation' })).toBeInTheDocument();
    unmount();
    show({ myViews: [mine], canGive: false, closedNote: '2081/82 was submitted for sign-off on 1 December 2081 at 09:00, so views on it can no longer be given or changed.' });
    expect(screen.getByText(/can no longer be given or changed/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Give your view|Change your view/ })).toBeNull();
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });
});

describe('the lead officer agrees the level from the spread', () => {
  function editor(views: GatheredView[], overrides: Partial<React.ComponentProps<typeof AssessmentEditor>> = {}) {
    const onSave = jest.fn(async (a: IndexAssessment) => ({ ...a, id: a.id ?? 1, etag: '"2"', modified: '2081-11-25T10:00:00Z' }));
    const { current, late } = currentViews(views, { submittedAt: undefined });
    render(
      <AssessmentEditor
        framework={framework}
        index={INNOVATION}
        saved={emptyAssessment(PERIOD, INNOVATION.id)}
        periodStart="2081-04-01"
        readOnly={false}
        drafts={browserDraftStore(window.localStorage)}
        draftKey="test:gather"
        onSave={onSave}
        onSaved={() => undefined}
        onClose={() => undefined}
        gathered={{ spread: spreadOf(INNOVATION.id, current.filter((v) => v.indexId === INNOVATION.id)), late }}
        {...overrides}
      />
    );
    return { onSave };
  }

  it('shows how many chose each level, who and why, and flags views two levels apart', () => {
    editor([view(kevin, 'developing', '2081-11-20T10:00:00Z'), view(martin, 'leader', '2081-11-21T10:00:00Z')]);
    expect(document.querySelector('.nps-spread-warning')).toHaveTextContent('Views differ by two levels or more: from Developing to Leader.');
    const table = screen.getByRole('table', { name: /How many colleagues chose each level for Enabling innovation/ });
    expect(within(table).getByRole('row', { name: /2\. Developing/ })).toHaveTextContent(/1Kevin Doyle/);
    expect(within(table).getByRole('row', { name: /4\. Leader/ })).toHaveTextContent(/1Martin Ellis/);
    expect(within(table).getByRole('row', { name: /3\. Mature/ })).toHaveTextContent(/^3\. Mature0/);
    expect(screen.getByText("Kevin Doyle's comment")).toBeInTheDocument();
  });

  it('does not flag views one level apart', () => {
    editor([view(kevin, 'developing', '2081-11-20T10:00:00Z'), view(martin, 'mature', '2081-11-21T10:00:00Z')]);
    expect(screen.queryByText(/Views differ by two levels or more/)).toBeNull();
  });

  it('agrees a level with a moderation note, and will not save the level without one', async () => {
    const { onSave } = editor([view(kevin, 'developing', '2081-11-20T10:00:00Z'), view(martin, 'leader', '2081-11-21T10:00:00Z')]);
    fireEvent.click(screen.getByRole('button', { name: 'Agree Mature for Enabling innovation' }));
    expect(screen.getByRole('radio', { name: /^3\. Mature/ })).toBeChecked();
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Moderation note/ })).toHaveFocus());
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText("Add a moderation note: say why the council's level is Mature, given 2 colleagues' views.", { selector: 'li' })).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('textbox', { name: /Moderation note/ }), { target: { value: 'Agreed at the workshop.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/^Saved /);
    expect(onSave.mock.calls[0][0]).toMatchObject({ currentLevel: 'mature', moderationNote: 'Agreed at the workshop.' });
  });

  it('keeps the others’ views from an officer who was asked for theirs until they give it', () => {
    editor([view(kevin, 'developing', '2081-11-20T10:00:00Z')], {
      gathered: { spread: spreadOf(INNOVATION.id, []), late: [], hiddenUntilGiven: true },
    });
    expect(screen.getByText(/You were asked for your own view on Enabling innovation/)).toBeInTheDocument();
    expect(screen.queryByText('Kevin Doyle')).toBeNull();
    expect(screen.queryByRole('table', { name: /How many colleagues chose/ })).toBeNull();
  });

  it('lets the lead officer enter a view given on paper, marked as such', async () => {
    const onEnterPaper = jest.fn(async (_: ViewInput) => undefined);
    editor([], { gathered: { spread: spreadOf(INNOVATION.id, []), late: [], onEnterPaper } });
    fireEvent.click(screen.getByRole('button', { name: 'Enter a view given on paper' }));
    fireEvent.click(screen.getByRole('button', { name: 'Enter this view' }));
    expect(await screen.findByText('Say whose view this is, as written on the paper form.')).toBeInTheDocument();
    fireEvent.change(screen.getByRole('textbox', { name: /Whose view/ }), { target: { value: 'Priya Shah (Adult Social Care)' } });
    const paper = screen.getByRole('group', { name: 'The level ticked on the form' });
    fireEvent.click(within(paper).getByRole('radio', { name: /^1\. Minimum/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Enter this view' }));
    await waitFor(() => expect(onEnterPaper).toHaveBeenCalledWith({ periodName: PERIOD, indexId: INNOVATION.id, level: 'minimum', comment: '', givenFor: 'Priya Shah (Adult Social Care)' }));
    expect(await screen.findByText('Entered the view Priya Shah (Adult Social Care) gave on paper, marked as entered by you.')).toBeInTheDocument();
  });
});

describe('the index table', () => {
  it("says how many colleagues' views each index has and where they are two or more levels apart", () => {
    const views = [view(kevin, 'developing', '2081-11-20T10:00:00Z'), view(martin, 'leader', '2081-11-21T10:00:00Z'), view(kevin, 'mature', '2081-11-20T11:00:00Z', { indexId: COUNCILLORS.id })];
    const workspace = { views, invitations: [], user: { id: 7, displayName: 'Aisha Khan', loginName: 'i:0#.f|membership|aisha.khan@borsetshire.example', isSiteAdmin: false, groups: [], managesSite: false }, period: undefined, framework };
    render(<IndexTable framework={framework} assessments={[]} canEdit onOpen={() => undefined} views={viewsByIndex(workspace)} />);
    expect(screen.getByRole('row', { name: /^Enabling innovation/ })).toHaveTextContent("2 colleagues' views, two or more levels apart");
    expect(screen.getByRole('row', { name: /^Engaging councillors/ })).toHaveTextContent("1 colleague's view");
    expect(screen.getByRole('row', { name: /^Engaging councillors/ })).not.toHaveTextContent('levels apart');
    expect(screen.getByRole('row', { name: /^Developing talent/ })).not.toHaveTextContent("colleague");
  });
});
