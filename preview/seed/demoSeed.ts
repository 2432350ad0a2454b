import { SPFI } from '@pnp/sp';
import { getSPForSite } from '../../src/data/sp';
import { createDataServices, DataServices } from '../../src/data/services';
import { runSiteSetup } from '../../src/data/siteSetup';
import { GROUPS } from '../../src/data/siteService';
import { npsFramework2018 } from '../../src/framework';
import { LevelId } from '../../src/framework/types';
import { ActionStatus } from '../../src/domain/actions';
import { currentPeriod, takeSignOffStep } from '../../src/data/periodWorkflow';
import { giveView, inviteColleagues } from '../../src/data/viewGathering';
import { getGraphForBase, graphMailSender } from '../../src/data/graph';
import { DIRECTORY, SITE_OWNER, peopleWithRole, DirectoryPerson } from '../server/directory';
import { LocalUser } from '../localUser';
import { SETTINGS } from '../../src/data/procurementSite';
import { Queryable } from '@pnp/queryable';
import { IndexStory, seedAtScale } from './scaleSeed';

/**
 * Illustrative demo data for the local preview: a fictional county council three years into the
 * strategy. Everything is written through the product's own repositories, as the site owner, so the
 * preview exercises the same data code SharePoint does. Nothing here describes a real council.
 */

type Levels = [LevelId, LevelId, LevelId]; // 2023/24, 2024/25, 2025/26

const STORY: Record<string, IndexStory & { levels: Levels }> = {
  'engaging-councillors': { levels: ['developing', 'developing', 'mature'], target: 'leader', by: '2027-03-31', rationale: 'Members now receive quarterly contract performance reports; engagement is paying off on the larger projects but not yet across all procurement.', evidence: 'Cabinet report on the highways term contract (March 2026) shows member challenge changed the evaluation model. Member procurement training attended by 31 of 57 councillors.' },
  'engaging-senior-managers': { levels: ['developing', 'mature', 'mature'], target: 'leader', by: '2027-09-30', rationale: 'Procurement advice is routinely sought at gateway reviews; results are not yet measured.', evidence: 'Corporate Management Team minutes record procurement advice at every capital gateway since April 2025.' },
  'working-with-partners': { levels: ['minimum', 'developing', 'developing'], target: 'mature', by: '2027-03-31', rationale: 'The business case for joint commissioning with health is agreed but single-team working is limited to the integrated care pilot.', evidence: 'Joint commissioning board terms of reference (2025).' },
  'engaging-strategic-suppliers': { levels: ['minimum', 'developing', 'mature'], target: 'mature', by: '2026-03-31', rationale: 'A programme of engagement with the 12 strategic suppliers now runs at council level.', evidence: 'Strategic supplier register and quarterly relationship meeting notes.' },
  'creating-commercial-opportunities': { levels: ['minimum', 'minimum', 'developing'], target: 'mature', by: '2028-03-31', rationale: 'High-value acquisitions are now examined for commercial opportunities; no end-to-end policy yet.', evidence: 'Commercial review of the waste disposal re-procurement (2025).' },
  'managing-contracts-and-relationships': { levels: ['developing', 'developing', 'mature'], target: 'leader', by: '2027-03-31', rationale: 'Contract management toolkit adopted by all directorates in 2025.', evidence: 'Contract management toolkit, adoption returns from each directorate.' },
  'managing-strategic-risk': { levels: ['developing', 'mature', 'mature'], target: 'mature', by: '2026-03-31', rationale: 'Vulnerable areas identified; supplier financial distress checks in place for strategic contracts.', evidence: 'Strategic risk register entries CR12 and CR15; financial distress check procedure.' },
  'obtaining-social-value': { levels: ['minimum', 'developing', 'developing'], target: 'mature', by: '2027-03-31', rationale: 'Social value sought on contracts over £1m only.', evidence: 'Social value policy (2024); TOMs returns for four contracts.' },
  'engaging-local-smes': { levels: ['developing', 'developing', 'mature'], target: 'mature', by: '2026-03-31', rationale: 'Lotting and local supplier events are now standard for works contracts.', evidence: 'Supplier event attendance; 38% of spend with local SMEs in 2025/26.' },
  'enabling-vcse-engagement': { levels: ['developing', 'developing', 'developing'], target: 'mature', by: '2027-03-31', rationale: 'VCSE organisations are engaged in a few key contracts only.', evidence: 'Grant-to-contract transition plan for community transport.' },
  'developing-talent': { levels: ['developing', 'mature', 'mature'], target: 'leader', by: '2027-03-31', rationale: 'Service plan supports CIPS qualifications and two apprentices; no competency framework yet.', evidence: 'Service plan 2025/26; three officers studying for CIPS level 4.' },
  'exploiting-digital-technology': { levels: ['minimum', 'developing', 'developing'], target: 'mature', by: '2027-03-31', rationale: 'P2P system in place with some paper trails remaining.', evidence: '' },
  'enabling-innovation': { levels: ['minimum', 'minimum', 'developing'], target: 'developing', by: '2026-03-31', rationale: '', evidence: '' },
  'embedding-change': { levels: ['developing', 'developing', 'developing'], target: 'mature', by: '2027-03-31', rationale: '', evidence: '' },
};

const ACTIONS: Array<{ index: string; title: string; owner: number; due: string; status: ActionStatus; notes: string }> = [
  { index: 'developing-talent', title: 'Agree a procurement competency framework', owner: 1, due: '2026-09-30', status: 'In progress', notes: 'Draft framework shared with HR; awaiting job evaluation.' },
  { index: 'developing-talent', title: 'Recruit two procurement apprentices for September intake', owner: 5, due: '2026-12-12', status: 'Not started', notes: '' },
  { index: 'exploiting-digital-technology', title: 'Remove paper purchase orders from adult social care', owner: 3, due: '2027-01-31', status: 'In progress', notes: 'Pilot with two teams from November.' },
  { index: 'exploiting-digital-technology', title: 'Publish the contracts register with search and filters', owner: 2, due: '2026-06-30', status: 'Complete', notes: 'Live on the council website since June.' },
  { index: 'enabling-innovation', title: 'Run an innovation partnership pilot for assistive technology', owner: 4, due: '2027-06-30', status: 'Not started', notes: '' },
  { index: 'embedding-change', title: 'Report procurement change programme quarterly to CMT', owner: 5, due: '2026-11-20', status: 'In progress', notes: 'Q2 report drafted.' },
  { index: 'obtaining-social-value', title: 'Extend social value to contracts over £250,000', owner: 2, due: '2026-12-31', status: 'In progress', notes: 'Policy change goes to Cabinet in December.' },
  { index: 'working-with-partners', title: 'Set up a joint commissioning team with the integrated care board', owner: 4, due: '2027-03-31', status: 'Not started', notes: '' },
];

/** Last year's plan, agreed with the 2024/25 assessment: mostly done, one late, one never started. */
const ACTIONS_2024: Array<{ index: string; title: string; owner: number; due: string; status: ActionStatus; notes: string }> = [
  { index: 'developing-talent', title: 'Map procurement skills across the council', owner: 1, due: '2024-12-31', status: 'Complete', notes: 'Skills map reported to CMT in January 2025.' },
  { index: 'exploiting-digital-technology', title: 'Move all tenders to the e-tendering portal', owner: 3, due: '2025-03-31', status: 'Complete', notes: 'All tenders over £25,000 now on the portal.' },
  { index: 'obtaining-social-value', title: 'Adopt social value measures (TOMs) for contracts over £1m', owner: 2, due: '2024-10-31', status: 'Complete', notes: 'Adopted by Cabinet in October 2024.' },
  { index: 'engaging-local-smes', title: 'Lot the highways works framework so local SMEs can bid', owner: 4, due: '2025-02-28', status: 'In progress', notes: 'Lotting agreed; re-procurement delayed to 2025/26.' },
  { index: 'embedding-change', title: 'Brief every directorate management team on the procurement strategy', owner: 5, due: '2025-03-31', status: 'Not started', notes: '' },
];

/**
 * Colleagues outside procurement asked for their views of this year's draft (issue 13): on social value
 * Priya and Owen are two levels apart, the kind of spread the lead officer moderates.
 */
const VIEWS: Array<{ colleague: number; index: string; level: LevelId; comment: string }> = [
  { colleague: 0, index: 'obtaining-social-value', level: 'minimum', comment: 'In adult social care commissioning we do not ask for social value at all yet; the £1m threshold leaves out almost every care contract.' },
  { colleague: 0, index: 'engaging-local-smes', level: 'mature', comment: 'Local providers now bid for most of our lots.' },
  { colleague: 0, index: 'developing-talent', level: 'developing', comment: '' },
  { colleague: 1, index: 'obtaining-social-value', level: 'mature', comment: 'Social value commitments are in every large contract and reported to finance quarterly.' },
  { colleague: 1, index: 'engaging-local-smes', level: 'mature', comment: '38% of spend with local SMEs is well above our neighbours.' },
  { colleague: 1, index: 'developing-talent', level: 'mature', comment: 'Three officers studying for CIPS and two apprentices.' },
  { colleague: 2, index: 'obtaining-social-value', level: 'developing', comment: 'The policy is sound; it is applied to too few contracts.' },
  { colleague: 2, index: 'developing-talent', level: 'developing', comment: 'No competency framework yet, as the team says itself.' },
];

const CHALLENGES: Array<{ index: string; by: number; text: string; response?: string; responder?: number }> = [
  { index: 'obtaining-social-value', by: 0, text: 'Why is social value only sought on contracts over £1m when the strategy expects it to be integrated into procurement and commissioning?', response: 'The threshold reflects officer capacity in 2024/25. An action to lower it to £250,000 is in the plan for this year.', responder: 1 },
  { index: 'engaging-local-smes', by: 1, text: "What share of the council's spend went to SMEs based in the county, and how has it changed?", response: '38 per cent in 2024/25, up from 31 per cent in 2023/24, mostly through lotting of the works framework.', responder: 2 },
  { index: 'developing-talent', by: 2, text: 'The team says it is "Mature" but has no competency framework. Is this level justified?' },
];

async function addToGroup(sp: SPFI, groupTitle: string, people: DirectoryPerson[]): Promise<void> {
  const [group] = await sp.web.siteGroups.filter(`Title eq '${groupTitle}'`)();
  for (const p of people) await sp.web.siteGroups.getById(group.Id).users.add(p.loginName);
}

/**
 * The demo is written by the people it shows: officers assess and submit, the head of procurement
 * signs off, councillors raise challenges, each through the product's own repositories with their own
 * permissions, so Created By and Modified By say who did what, as they would in SharePoint.
 */
/**
 * Dates what the demo writes (the local service honours X-Local-Clock only from the demo loader), so
 * past years read as they would on a real site: assessed in spring, signed off in May.
 */
function DemoClock(at: string | undefined): (instance: Queryable) => Queryable {
  return (instance) => {
    if (at) {
      instance.on.pre(async (url, init, result) => {
        init.headers = { ...(init.headers as Record<string, string>), 'X-Local-Clock': at };
        return [url, init, result];
      });
    }
    return instance;
  };
}

export interface SeedOptions {
  /** A large site instead of the story: twelve years, 600 actions, 300 challenges (see scaleSeed.ts). */
  scale?: boolean;
}

export async function seedDemo(siteUrl: string, log: (line: string) => void = () => undefined, options: SeedOptions = {}): Promise<boolean> {
  const graphBase = `${new URL(siteUrl).origin}/v1.0`;
  const as = (person: DirectoryPerson, at?: string): DataServices =>
    createDataServices(
      getSPForSite(siteUrl, LocalUser(person.loginName), DemoClock(at)),
      graphMailSender(getGraphForBase(graphBase, LocalUser(person.loginName), DemoClock(at)))
    );
  const owner = as(SITE_OWNER);
  if ((await owner.periods.all()).length > 0) return false;

  // What an administrator does once with `m365 spo storageentity set`: tell the web parts, wherever they
  // run (the personal app runs on the root site), where the procurement site is.
  const tenantProperty = await fetch(`${new URL(siteUrl).origin}/_local/storage-entity`, {
    method: 'POST',
    body: JSON.stringify({ key: SETTINGS.site, value: siteUrl, description: 'Procurement maturity toolkit: the procurement site' }),
  });
  if (!tenantProperty.ok) throw new Error(`Could not set the tenant property ${SETTINGS.site} (HTTP ${tenantProperty.status}).`);

  const framework = npsFramework2018();
  const report = await runSiteSetup(owner.sp, framework);
  report.done.forEach((line) => log(`  set-up: ${line}`));

  const officers = peopleWithRole('officer');
  const approvers = [...peopleWithRole('headOfProcurement'), ...peopleWithRole('director')];
  const councillors = peopleWithRole('councillor');
  await addToGroup(owner.sp, GROUPS.officers, officers);
  await addToGroup(owner.sp, GROUPS.approvers, approvers);
  await addToGroup(owner.sp, GROUPS.scrutiny, councillors);
  const visitors = await owner.sp.web.associatedVisitorGroup();
  for (const p of DIRECTORY.filter((d) => d.role === 'other')) await owner.sp.web.siteGroups.getById(visitors.Id).users.add(p.loginName);

  const officerUsers = await Promise.all(officers.map((o) => owner.site.ensurePerson(o.loginName)));
  const team = [...officers, approvers[0]];

  if (options.scale) {
    await seedAtScale({ as, framework, story: STORY, officers, officerUsers, headOfProcurement: approvers[0], councillors, log });
    return true;
  }

  const periods = ['2023/24', '2024/25', '2025/26'];
  for (const [p, name] of periods.entries()) {
    // Past years were assessed in April after the year ended and signed off in May; this year is now.
    const year = Number(name.slice(0, 4)) + 1;
    const at = (monthDay: string): string | undefined => (p < 2 ? `${year}-${monthDay}Z` : undefined);
    await as(officers[0], at('04-07T09:30:00')).periods.create(name, framework);
    for (const [i, index] of framework.indices.entries()) {
      const story = STORY[index.id];
      if (!story) continue;
      const current = p < 2 || story.evidence ? story.levels[p] : undefined;
      if (p === 2 && !story.evidence && !story.rationale) continue; // not yet assessed this year
      await as(team[i % team.length], at(`04-${String(10 + i).padStart(2, '0')}T11:00:00`)).assessments.save({
        periodName: name,
        indexId: index.id,
        currentLevel: current,
        targetLevel: story.target,
        targetDate: story.by,
        rationale: story.rationale,
        // Earlier years cite that year's review, so no evidence predates the period it supports.
        evidence: p === 2 ? story.evidence : `${name} annual procurement review and the self-assessment workshop notes, held in the procurement team site.`,
        evidenceLinks: [],
      });
    }
    if (p < 2) {
      const officer = as(officers[0], at('05-02T10:15:00'));
      const period = await currentPeriod(officer, name);
      const assessments = await officer.assessments.forPeriod(name);
      const me = { role: 'officer' as const, userId: officerUsers[0].id, displayName: officerUsers[0].displayName };
      const submitted = await takeSignOffStep(officer, { period, framework, assessments }, { action: 'submit' }, me);
      const head = as(approvers[0], at('05-20T14:30:00'));
      const headUser = await head.site.currentUser();
      await takeSignOffStep(head, { period: submitted.period, framework, assessments }, { action: 'signOff' }, { role: 'approver', userId: headUser.id, displayName: headUser.displayName });
    }
    log(`  ${name}: ${p < 2 ? 'signed off' : 'draft in progress'}`);
  }

  for (const a of ACTIONS_2024) {
    await as(officers[0], '2024-06-03T09:30:00Z').actions.save({ periodName: '2024/25', indexId: a.index, title: a.title, details: '', owner: officerUsers[a.owner % officerUsers.length], dueDate: a.due, status: a.status, progressNotes: a.notes });
  }
  for (const a of ACTIONS) {
    await as(officers[0]).actions.save({ periodName: '2025/26', indexId: a.index, title: a.title, details: '', owner: officerUsers[a.owner % officerUsers.length], dueDate: a.due, status: a.status, progressNotes: a.notes });
  }
  for (const c of CHALLENGES) {
    const raised = await as(councillors[c.by], '2025-07-08T18:30:00Z').challenges.raise({ periodName: '2024/25', indexId: c.index, text: c.text, response: '', status: 'Open' }, 'Signed off');
    if (c.response) await as(officers[(c.responder ?? 0) % officers.length], '2025-07-21T10:00:00Z').challenges.respond(raised, c.response);
  }
  log(`  ${ACTIONS_2024.length + ACTIONS.length} actions and ${CHALLENGES.length} scrutiny challenges`);

  // The lead officer asks three colleagues for their views of the draft year; they give them.
  const colleagues = peopleWithRole('colleague');
  const invited = await inviteColleagues(as(officers[0]), {
    periodName: '2025/26',
    people: colleagues.map((c) => ({ loginName: c.loginName, displayName: c.displayName, email: c.email })),
    indexIds: [...new Set(VIEWS.map((v) => v.index))],
    message: 'Before the self-assessment workshop, please give your own view of where we stand on these three areas. The descriptors for each level are on the page.',
    senderName: officers[0].displayName,
  });
  invited.warnings.forEach((w) => log(`  views: ${w}`));
  for (const v of VIEWS) await giveView(as(colleagues[v.colleague]), { periodName: '2025/26', indexId: v.index, level: v.level, comment: v.comment });
  log(`  2025/26: ${VIEWS.length} views from ${colleagues.length} colleagues`);
  return true;
}
