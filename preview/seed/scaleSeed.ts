import { DataServices } from '../../src/data/services';
import { currentPeriod, takeSignOffStep } from '../../src/data/periodWorkflow';
import { Framework, LevelId } from '../../src/framework/types';
import { ActionStatus, Person } from '../../src/domain/actions';
import { periodNameForYear } from '../../src/domain/periods';
import { DirectoryPerson } from '../server/directory';

/**
 * `npm start -- --reset --scale`: a long-established council, for the benchmark and for trying the views
 * with a lot in them. Twelve financial years, every key area and enabler assessed in each, the eleven
 * past years signed off, 600 actions and 300 scrutiny challenges (most answered). Written like the
 * normal demo, through the product's repositories as the people who would write it, and dated.
 */
export const SCALE = { firstYear: 2014, periods: 12, actions: 600, challenges: 300 } as const;

const LEVELS: LevelId[] = ['minimum', 'developing', 'mature', 'leader', 'innovator'];

/** What the normal demo says of each index (its three latest years and its target), which the scaled site grows into. */
export interface IndexStory {
  levels: [LevelId, LevelId, LevelId];
  target: LevelId;
  by: string;
  rationale: string;
  evidence: string;
}

export interface ScaleSeedContext {
  /** Data services as a person, dated at an ISO time (undefined: now). */
  as: (person: DirectoryPerson, at?: string) => DataServices;
  framework: Framework;
  story: Record<string, IndexStory>;
  officers: DirectoryPerson[];
  officerUsers: Person[];
  headOfProcurement: DirectoryPerson;
  councillors: DirectoryPerson[];
  log: (line: string) => void;
}

const ACTION_TITLES = [
  (t: string) => `Review how the council approaches ${t} against the strategy's descriptors`,
  (t: string) => `Report progress on ${t} to the Corporate Management Team`,
  (t: string) => `Benchmark ${t} with the other councils in the regional procurement hub`,
  (t: string) => `Train category managers in ${t}`,
  (t: string) => `Gather evidence of ${t} from the year's larger contracts`,
  (t: string) => `Update the procurement strategy's section on ${t}`,
];

const CHALLENGE_TEXTS = [
  (t: string, p: string) => `What evidence supports the level given for ${t} in ${p}?`,
  (t: string, p: string) => `Why has ${t} not moved closer to its target since the last assessment before ${p}?`,
  (t: string, p: string) => `How do residents and local businesses see the difference made by ${t} in ${p}?`,
  (t: string, p: string) => `Which contracts in ${p} show ${t} working in practice, and which do not?`,
  (t: string, p: string) => `What would it cost to reach the target for ${t}, and is that planned for in ${p}?`,
];

const RESPONSES = [
  'The evidence is in the annual procurement review held in the procurement team site; a summary goes to the committee with the next report.',
  'Progress was slower than planned because two posts were vacant for most of the year; both are now filled and the action plan has been refreshed.',
  'Three contracts are cited in the evidence; officers will bring case studies of each to the committee.',
  'A costed plan will come to the committee with the next assessment.',
];

/** Runs work over items with a few requests in flight at once (the service answers them in turn). */
async function inLanes<T>(items: T[], lanes: number, work: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

const LANES = 4;
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The level of an index in year y (0 = 2014/15): the normal demo's levels for the three latest years,
 * and before them a slow climb from the minimum, as a council that took the strategy up over time.
 */
function levelIn(story: IndexStory, y: number, periods: number, indexNo: number): LevelId {
  const fromEnd = periods - 1 - y;
  if (fromEnd <= 2) return story.levels[2 - fromEnd];
  const oldest = LEVELS.indexOf(story.levels[0]);
  const steps = Math.floor((fromEnd - 2 + (indexNo % 3)) / 4);
  return LEVELS[Math.max(0, oldest - steps)];
}

export async function seedAtScale(ctx: ScaleSeedContext): Promise<void> {
  const { as, framework, story, officers, officerUsers, headOfProcurement, councillors, log } = ctx;
  const team = [...officers, headOfProcurement];
  const years = Array.from({ length: SCALE.periods }, (_, y) => ({ y, name: periodNameForYear(SCALE.firstYear + y), end: SCALE.firstYear + y + 1 }));
  const latest = years.length - 1;
  // Past years were assessed in April after the year ended and signed off in May; the latest is now.
  const at = (y: number, monthDay: string): string | undefined => (y < latest ? `${years[y].end}-${monthDay}Z` : undefined);

  for (const { y, name } of years) await as(officers[0], at(y, '04-07T09:30:00')).periods.create(name, framework);

  const assessments = years.flatMap(({ y, name, end }) =>
    framework.indices.map((index, i) => ({ y, name, end, index, i, s: story[index.id] }))
  );
  await inLanes(assessments, LANES, ({ y, name, end, index, i, s }) => {
    const last = y === latest;
    return as(team[(i + y) % team.length], at(y, `04-${pad(10 + i)}T11:00:00`)).assessments.save({
      periodName: name,
      indexId: index.id,
      currentLevel: levelIn(s, y, years.length, i),
      targetLevel: s.target,
      // The target date is never before the year it is set in: two years on, or the demo's own for the latest year.
      targetDate: last ? s.by : `${end + 1}-03-31`,
      rationale: last && s.rationale ? s.rationale : `Assessed at the ${name} self-assessment workshop with the category managers.`,
      evidence: last && s.evidence ? s.evidence : `${name} annual procurement review and the self-assessment workshop notes, held in the procurement team site.`,
      evidenceLinks: [],
    });
  });
  log(`  ${years.length} years, ${assessments.length} assessments`);

  const head = headOfProcurement;
  for (const { y, name } of years.slice(0, latest)) {
    const officer = as(officers[0], at(y, '05-02T10:15:00'));
    const period = await currentPeriod(officer, name);
    const yearAssessments = await officer.assessments.forPeriod(name);
    const submitter = officerUsers[0];
    const submitted = await takeSignOffStep(officer, { period, framework, assessments: yearAssessments }, { action: 'submit' }, { role: 'officer', userId: submitter.id, displayName: submitter.displayName });
    const approver = as(head, at(y, '05-20T14:30:00'));
    const headUser = await approver.site.currentUser();
    await takeSignOffStep(approver, { period: submitted.period, framework, assessments: yearAssessments }, { action: 'signOff' }, { role: 'approver', userId: headUser.id, displayName: headUser.displayName });
  }
  log(`  ${latest} years signed off (${years[0].name} to ${years[latest - 1].name}), ${years[latest].name} in draft`);

  // Actions: about fifty a year, spread over every index; those of earlier years mostly done.
  const actions = Array.from({ length: SCALE.actions }, (_, n) => {
    const y = n % years.length;
    const k = Math.floor(n / years.length); // the action's number within its year
    return { y, k, i: k % framework.indices.length, round: Math.floor(k / framework.indices.length) };
  });
  const statusOf = (y: number, k: number): ActionStatus => {
    if (y < latest - 1) return k % 9 === 0 ? 'Cancelled' : 'Complete';
    if (y === latest - 1) return (['Complete', 'Complete', 'In progress', 'Cancelled'] as ActionStatus[])[k % 4];
    return (['Not started', 'In progress', 'In progress', 'Complete', 'In progress'] as ActionStatus[])[k % 5];
  };
  await inLanes(actions, LANES, ({ y, k, i, round }) => {
    const index = framework.indices[i];
    const status = statusOf(y, k);
    return as(officers[k % officers.length], at(y, `04-${pad(20 + (k % 9))}T15:00:00`)).actions.save({
      periodName: years[y].name,
      indexId: index.id,
      title: ACTION_TITLES[(i + round) % ACTION_TITLES.length](index.title.toLowerCase()),
      details: `From the ${years[y].name} assessment of ${index.title}.`,
      owner: officerUsers[(k + round) % officerUsers.length],
      // Due in the year after the one assessed, or the one after that.
      dueDate: `${years[y].end + (k % 2)}-${pad(1 + (k % 12))}-${pad(10 + (k % 18))}`,
      status,
      progressNotes: status === 'Complete' ? 'Done; evidence filed with the annual review.' : status === 'Cancelled' ? 'Overtaken by the new procurement regulations.' : '',
    });
  });
  log(`  ${actions.length} actions`);

  // Challenges: the committee's review each July after sign-off; officers answer most within a few weeks.
  const signedOff = years.slice(0, latest);
  const challenges = Array.from({ length: SCALE.challenges }, (_, n) => ({ n, y: signedOff[n % signedOff.length], i: (n * 5) % framework.indices.length }));
  await inLanes(challenges, LANES, async ({ n, y, i }) => {
    const index = framework.indices[i];
    const raisedAt = `${y.end}-07-${pad(1 + (n % 20))}T18:30:00Z`;
    const text = CHALLENGE_TEXTS[n % CHALLENGE_TEXTS.length](index.title.toLowerCase(), y.name);
    const raised = await as(councillors[n % councillors.length], raisedAt).challenges.raise({ periodName: y.name, indexId: index.id, text, response: '', status: 'Open' }, 'Signed off');
    // One in three is still waiting for an answer.
    if (n % 3 !== 2) await as(officers[n % officers.length], `${y.end}-08-${pad(1 + (n % 25))}T10:00:00Z`).challenges.respond(raised, RESPONSES[n % RESPONSES.length]);
  });
  log(`  ${challenges.length} scrutiny challenges, ${challenges.filter(({ n }) => n % 3 !== 2).length} answered`);
}
