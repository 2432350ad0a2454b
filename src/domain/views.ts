import { LevelId } from '../framework/types';
import { Person } from './actions';

/**
 * Gathering colleagues' views before the lead officer agrees the council's level (issue 13).
 *
 * A view is one person's level and comment on one index in one year, kept in the Maturity views list.
 * Nobody changes a view once given: a changed view is a new entry, and a person's latest entry is their
 * view. Whose view it is comes from SharePoint's Created By, except a view given on paper, which the lead
 * officer enters: then Created By is the lead and `givenFor` names the colleague.
 */
export interface GatheredView {
  id: number;
  periodName: string;
  indexId: string;
  /** Undefined when the item holds no valid level (typed into SharePoint's own form); such an item has problems. */
  level?: LevelId;
  comment: string;
  /** SharePoint's Created By: who gave the view, or the lead officer who entered a paper view. */
  givenBy?: Person;
  /** Set when the lead officer entered a view given on paper: the colleague's name as on the form. */
  givenFor?: string;
  /** SharePoint's Created: when the view was given. */
  created: string;
  problems?: string[];
}

/** A view to record (what the form sends). */
export interface ViewInput {
  periodName: string;
  indexId: string;
  level: LevelId | undefined;
  comment: string;
  /** Only when the lead officer enters a paper view. */
  givenFor?: string;
}

/** Who was asked for views on which indices, from the View invitations list. */
export interface ViewInvitation {
  id: number;
  periodName: string;
  /** The invitee's claims login name (or e-mail for someone the directory gave no login for). */
  inviteeLogin: string;
  inviteeName: string;
  /** Index ids asked about; empty means every index of the year's framework. */
  indexIds: string[];
  message: string;
  invitedBy?: Person;
  invitedOn: string;
}
