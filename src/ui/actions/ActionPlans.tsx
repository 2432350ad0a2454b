import * as React from 'react';
import { actionRag, ActionPlanItem, isOverdue } from '../../domain/actions';
import { formatUkDate } from '../../domain/dates';
import { enablers, keyAreas } from '../../framework/queries';
import { Framework, MaturityIndex } from '../../framework/types';
import { RagBadge } from '../components/Badges';
import type { PeopleSource } from '../components/PersonPicker';
import { Button } from '../components/Controls';
import { DraftStore } from '../drafts';
import { Loading } from '../components/Loading';

export interface ActionPlansProps {
  framework: Framework;
  periodName: string;
  actions: ActionPlanItem[];
  today: string;
  canEdit: boolean;
  currentUserId: number;
  people: PeopleSource;
  drafts: DraftStore;
  draftPrefix: string;
  onSave: (action: ActionPlanItem) => Promise<ActionPlanItem>;
  onSaved: (action: ActionPlanItem) => void;
}

// The form and its panel (people and date pickers) load when someone first adds or edits an action.
const ActionFormPanel = React.lazy(() => import(/* webpackChunkName: 'action-form' */ './ActionFormPanel').then((m) => ({ default: m.ActionFormPanel })));

function newAction(periodName: string, indexId: string): ActionPlanItem {
  return { periodName, indexId, title: '', details: '', status: 'Not started', progressNotes: '' };
}

/**
 * Action plans for each enabler, and for any key area that has actions: owner, due date, status and
 * RAG. Overdue actions say so in words as well as colour.
 */
export function ActionPlans(props: ActionPlansProps): JSX.Element {
  const { framework, actions, today, canEdit, currentUserId } = props;
  const [mine, setMine] = React.useState(false);
  const [editing, setEditing] = React.useState<ActionPlanItem | undefined>();
  const shown = mine ? actions.filter((a) => a.owner?.id === currentUserId) : actions;
  const indices: MaturityIndex[] = [...enablers(framework), ...keyAreas(framework).filter((k) => actions.some((a) => a.indexId === k.id))];
  const overdue = shown.filter((a) => isOverdue(a, today)).length;

  return (
    <section className="nps-action-plans" aria-labelledby="nps-actions-title">
      <h3 id="nps-actions-title">Action plans</h3>
      <p>
        {shown.length} {shown.length === 1 ? 'action' : 'actions'}
        {mine ? ' owned by you' : ''}, {overdue} overdue. Action plans stay open after sign-off so progress can be recorded through the year.
      </p>
      <div className="nps-actions">
        <label className="nps-switch">
          <input type="checkbox" role="switch" checked={mine} onChange={(e) => setMine(e.target.checked)} /> Only my actions
        </label>
        {canEdit && (
          <Button primary onClick={() => setEditing(newAction(props.periodName, enablers(framework)[0]?.id ?? ''))}>
            Add an action
          </Button>
        )}
      </div>
      {indices.map((index) => {
        const rows = shown.filter((a) => a.indexId === index.id);
        if (mine && rows.length === 0) return null;
        return (
          <table key={index.id} className="nps-table nps-table--stack">
            <caption>
              {index.kind === 'enabler' ? 'Enabler' : 'Key area'}: {index.title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">RAG</th>
                <th scope="col">
                  <span className="nps-visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6}>No actions yet.</td>
                </tr>
              )}
              {rows.map((a) => (
                <tr key={a.id} className={isOverdue(a, today) ? 'nps-overdue' : undefined}>
                  <th scope="row">{a.title}</th>
                  <td data-label="Owner">{a.owner?.displayName ?? 'No owner'}</td>
                  <td data-label="Due">
                    {a.dueDate ? formatUkDate(a.dueDate) : 'No date'}
                    {isOverdue(a, today) && <strong className="nps-overdue-text"> (overdue)</strong>}
                  </td>
                  <td data-label="Status">{a.problems?.length ? <span className="nps-error">Needs fixing: {a.problems.join(' ')}</span> : a.status}</td>
                  <td data-label="RAG">
                    <RagBadge rag={actionRag(a, today)} />
                  </td>
                  <td>{canEdit && !a.problems?.length && <Button ariaLabel={`Edit action ${a.title}`} onClick={() => setEditing(a)}>
                        Edit
                      </Button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {editing && (
        <React.Suspense fallback={<Loading label="Opening the action…" />}>
          <ActionFormPanel
            framework={framework}
            action={editing}
            people={props.people}
            drafts={props.drafts}
            draftKey={`${props.draftPrefix}:action:${editing.id ?? 'new'}`}
            onSave={props.onSave}
            onDone={(saved) => {
              setEditing(undefined);
              if (saved) props.onSaved(saved);
            }}
          />
        </React.Suspense>
      )}
    </section>
  );
}
