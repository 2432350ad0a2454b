import { daysBetween, IsoDate } from './dates';
import { LIMITS } from './limits';
import { FieldProblem, checkLength, checkRequired, dateProblem } from './validation';

/** Action plans close the gap between where the council stands and where it aims to be. */

export type ActionStatus = 'Not started' | 'In progress' | 'Complete' | 'Cancelled';
export const ACTION_STATUSES: readonly ActionStatus[] = ['Not started', 'In progress', 'Complete', 'Cancelled'];

export interface Person {
  /** The person's id on this site; 0 for someone chosen from the directory who is not on the site yet. */
  id: number;
  displayName: string;
  email?: string;
  /** Their claims login name, for someone not on the site yet (SharePoint adds them when the item is saved). */
  loginName?: string;
}

export interface ActionPlanItem {
  id?: number;
  periodName: string;
  indexId: string;
  title: string;
  details: string;
  owner?: Person;
  dueDate?: IsoDate;
  status: ActionStatus;
  progressNotes: string;
  /** The action in the previous year this one was carried forward from, so a re-run carries it once. */
  carriedFromId?: number;
  /** What is wrong with the item as the list holds it (a status outside the choices, say): shown flagged, read-only. */
  problems?: string[];
  etag?: string;
  modified?: string;
}

export type Rag = 'Red' | 'Amber' | 'Green' | 'Complete';

/** How close to its due date an unfinished action turns amber. */
export const AMBER_WINDOW_DAYS = 30;

/**
 * Red: overdue, or due within a fortnight and not started. Amber: due within 30 days, or no due date
 * set. Green: on track. Complete and cancelled actions are closed and carry no RAG colour.
 */
export function actionRag(action: Pick<ActionPlanItem, 'status' | 'dueDate'>, today: IsoDate): Rag {
  if (action.status === 'Complete' || action.status === 'Cancelled') return 'Complete';
  if (!action.dueDate) return 'Amber';
  const daysLeft = daysBetween(today, action.dueDate);
  if (daysLeft < 0) return 'Red';
  if (daysLeft <= 14 && action.status === 'Not started') return 'Red';
  if (daysLeft <= AMBER_WINDOW_DAYS) return 'Amber';
  return 'Green';
}

export function isOverdue(action: Pick<ActionPlanItem, 'status' | 'dueDate'>, today: IsoDate): boolean {
  return action.status !== 'Complete' && action.status !== 'Cancelled' && !!action.dueDate && action.dueDate < today;
}

export function isOpen(action: Pick<ActionPlanItem, 'status'>): boolean {
  return action.status === 'Not started' || action.status === 'In progress';
}

export function validateAction(action: ActionPlanItem): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkRequired(problems, 'title', 'Action', action.title);
  checkLength(problems, 'title', 'Action', action.title, LIMITS.title);
  checkLength(problems, 'details', 'Details', action.details, LIMITS.actionDetails);
  checkLength(problems, 'progressNotes', 'Progress notes', action.progressNotes, LIMITS.progressNotes);
  if (!action.owner) problems.push({ field: 'owner', message: 'Choose who owns this action.' });
  if (!action.dueDate) problems.push({ field: 'dueDate', message: 'Enter the date the action is due.' });
  else {
    // A real date, between DATE_RANGE's first and last day: 01/01/0001 and 31/12/9999 are slips.
    const dateWrong = dateProblem('Due date', action.dueDate);
    if (dateWrong) problems.push({ field: 'dueDate', message: dateWrong });
  }
  if (ACTION_STATUSES.indexOf(action.status) < 0) {
    problems.push({ field: 'status', message: `"${action.status}" is not a status (choose ${ACTION_STATUSES.join(', ')}).` });
  }
  return problems;
}
