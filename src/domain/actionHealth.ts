import { Framework, IndexKind } from '../framework/types';
import { ActionPlanItem, actionRag, isOverdue, Person, Rag } from './actions';
import { daysBetween, formatUkDate, IsoDate } from './dates';

/**
 * How the action plan stands for each key area and enabler, for the senior managers' dashboard:
 * RAG counts, what is overdue and who owns it, what nobody owns or has no date, and what has changed
 * since the last signed-off year.
 */

/**
 * ActionPlanItem does not carry SharePoint's Created; a caller that reads it may pass it here. Without
 * it a change since sign-off cannot be told apart from a new action.
 */
export type ActionWithCreated = ActionPlanItem & { created?: string };

export interface OverdueAction {
  action: ActionWithCreated;
  title: string;
  owner?: Person;
  /** The owner's name, or "No owner". */
  ownerName: string;
  dueDate: IsoDate;
  /** The due date as a council writes it, e.g. "31 March 2026". */
  dueText: string;
  daysOverdue: number;
}

/**
 * New: created after the sign-off. Carried forward: created after it by carrying last year's action
 * into this year. Updated: created before it and changed since. New or updated: changed since, and
 * when it was created is not known.
 */
export type ActionChange = 'New' | 'Carried forward' | 'Updated' | 'New or updated';

export interface ChangedAction {
  action: ActionWithCreated;
  title: string;
  change: ActionChange;
  /** When it was created or last changed, whichever made it count, as an ISO date-time. */
  on: string;
}

export type RagCounts = Record<Rag, number>;

export interface IndexActionHealth {
  indexId: string;
  /** The index's title, or its id for actions against an index this year's framework does not have. */
  title: string;
  kind?: IndexKind;
  themeId: string | null;
  inFramework: boolean;
  total: number;
  rag: RagCounts;
  /** Oldest due date first. */
  overdue: OverdueAction[];
  /** Open actions only: a complete or cancelled action has nothing left for an owner to do. */
  withoutOwner: ActionWithCreated[];
  /** Open actions only, for the same reason. */
  withoutDueDate: ActionWithCreated[];
  /** Newest first; empty when there is no earlier signed-off year to compare with. */
  changedSinceSignOff: ChangedAction[];
}

export interface ActionHealth {
  /** Key areas by theme, then enablers, then any actions against an index not in the framework. */
  indices: IndexActionHealth[];
  totals: {
    total: number;
    rag: RagCounts;
    overdue: number;
    withoutOwner: number;
    withoutDueDate: number;
    changedSinceSignOff: number;
  };
  /** The sign-off changes are measured from, as given. */
  since?: string;
}

export interface ActionHealthInput {
  framework: Framework;
  /** The selected year's actions. */
  actions: readonly ActionWithCreated[];
  today: IsoDate;
  /**
   * When the previous signed-off year was signed off (its signedOffOn), as an ISO date-time; leave
   * out when there is none, and nothing is reported as changed.
   */
  lastSignedOffOn?: string;
}

const isClosed = (a: Pick<ActionPlanItem, 'status'>): boolean => a.status === 'Complete' || a.status === 'Cancelled';

function emptyRag(): RagCounts {
  return { Red: 0, Amber: 0, Green: 0, Complete: 0 };
}

/** Compared as moments, not text: "…T10:00:00Z" and "…T10:00:00.000Z" are the same time. */
function after(value: string | undefined, since: number): boolean {
  if (!value) return false;
  const at = Date.parse(value);
  return !isNaN(at) && at > since;
}

/** How an action changed since the sign-off, or undefined when it did not. */
export function changeSinceSignOff(action: ActionWithCreated, lastSignedOffOn: string | undefined): ChangedAction | undefined {
  if (!lastSignedOffOn) return undefined;
  const since = Date.parse(lastSignedOffOn);
  if (isNaN(since)) return undefined;
  const base = { action, title: action.title };
  if (action.created) {
    if (after(action.created, since)) return { ...base, change: action.carriedFromId !== undefined ? 'Carried forward' : 'New', on: action.created };
    return after(action.modified, since) ? { ...base, change: 'Updated', on: action.modified as string } : undefined;
  }
  return after(action.modified, since) ? { ...base, change: 'New or updated', on: action.modified as string } : undefined;
}

function healthOf(
  head: Pick<IndexActionHealth, 'indexId' | 'title' | 'kind' | 'themeId' | 'inFramework'>,
  actions: readonly ActionWithCreated[],
  today: IsoDate,
  lastSignedOffOn: string | undefined
): IndexActionHealth {
  const rag = emptyRag();
  for (const a of actions) rag[actionRag(a, today)] += 1;
  const overdue = actions
    .filter((a) => isOverdue(a, today))
    .map((a): OverdueAction => {
      const dueDate = a.dueDate as IsoDate;
      return { action: a, title: a.title, owner: a.owner, ownerName: a.owner?.displayName ?? 'No owner', dueDate, dueText: formatUkDate(dueDate), daysOverdue: daysBetween(dueDate, today) };
    })
    .sort((x, y) => (x.dueDate < y.dueDate ? -1 : x.dueDate > y.dueDate ? 1 : 0));
  const open = actions.filter((a) => !isClosed(a));
  const changed = actions
    .map((a) => changeSinceSignOff(a, lastSignedOffOn))
    .filter((c): c is ChangedAction => c !== undefined)
    .sort((x, y) => Date.parse(y.on) - Date.parse(x.on));
  return {
    ...head,
    total: actions.length,
    rag,
    overdue,
    withoutOwner: open.filter((a) => !a.owner),
    withoutDueDate: open.filter((a) => !a.dueDate),
    changedSinceSignOff: changed,
  };
}

/** The action plan's health for every key area and enabler in the framework, with totals. */
export function actionHealth(input: ActionHealthInput): ActionHealth {
  const { framework, actions, today, lastSignedOffOn } = input;
  const themeOrder = new Map(framework.themes.map((t) => [t.id, t.order] as [string, number]));
  const themeRank = (id: string | null): number => (id !== null && themeOrder.has(id) ? (themeOrder.get(id) as number) : Number.MAX_SAFE_INTEGER);
  const ordered = [...framework.indices].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === 'keyArea' ? -1 : 1;
    return themeRank(a.themeId) - themeRank(b.themeId) || a.order - b.order;
  });
  const byIndex = new Map<string, ActionWithCreated[]>();
  for (const a of actions) {
    const list = byIndex.get(a.indexId) ?? [];
    list.push(a);
    byIndex.set(a.indexId, list);
  }
  const indices = ordered.map((i) => healthOf({ indexId: i.id, title: i.title, kind: i.kind, themeId: i.themeId, inFramework: true }, byIndex.get(i.id) ?? [], today, lastSignedOffOn));
  // Actions against an index the framework no longer has are still the council's actions: show them.
  const known = new Set(framework.indices.map((i) => i.id));
  byIndex.forEach((list, indexId) => {
    if (!known.has(indexId)) indices.push(healthOf({ indexId, title: indexId, themeId: null, inFramework: false }, list, today, lastSignedOffOn));
  });

  const rag = emptyRag();
  for (const h of indices) (Object.keys(rag) as Rag[]).forEach((r) => (rag[r] += h.rag[r]));
  const sum = (pick: (h: IndexActionHealth) => number): number => indices.reduce((n, h) => n + pick(h), 0);
  return {
    indices,
    totals: {
      total: sum((h) => h.total),
      rag,
      overdue: sum((h) => h.overdue.length),
      withoutOwner: sum((h) => h.withoutOwner.length),
      withoutDueDate: sum((h) => h.withoutDueDate.length),
      changedSinceSignOff: sum((h) => h.changedSinceSignOff.length),
    },
    since: lastSignedOffOn,
  };
}
