/** Fixed facts about the emulated site and names SharePoint derives from a list. */
import type { ListRecord } from './store';

export const WEB_PATH = '/sites/procurement';
export const WEB_TITLE = 'Procurement';

/** "Lists/ActionPlans" -> "ActionPlansList", the basis of SP.Data.ActionPlansListItem. */
export function entityTypeName(list: ListRecord): string {
  const name = list.url.split('/').pop() ?? list.title;
  return `${name.replace(/[^A-Za-z0-9_]/g, '')}List`;
}

export function itemTypeName(list: ListRecord): string {
  return `SP.Data.${entityTypeName(list)}Item`;
}
