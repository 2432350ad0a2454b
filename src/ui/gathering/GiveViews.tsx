import * as React from 'react';
import { Framework, MaturityIndex } from '../../framework/types';
import { formatUkDateTime } from '../../domain/dates';
import { LEVEL_TITLES } from '../../domain/levels';
import { GatheredView, ViewInput } from '../../domain/views';
import { Button, Notice } from '../components/Controls';
import { DraftStore } from '../drafts';
import { ViewForm } from './ViewForm';

export interface GiveViewsProps {
  framework: Framework;
  periodName: string;
  /** The indices the person was asked about. */
  indexIds: string[];
  /** The person's own views, newest last (SharePoint lets a colleague read no one else's). */
  myViews: GatheredView[];
  /** False once the year has been submitted: views are then read-only. */
  canGive: boolean;
  /** Why views cannot be given (submitted, not invited, no access). */
  closedNote?: string;
  drafts: DraftStore;
  draftPrefix: string;
  onGive: (input: ViewInput) => Promise<void>;
  /** After a view is saved: read the views again. */
  onGiven: () => void;
}

/** A person's latest view of each index (a changed view is a new entry; the latest counts). */
function latestByIndex(views: readonly GatheredView[]): Map<string, GatheredView> {
  const latest = new Map<string, GatheredView>();
  for (const v of views) {
    const seen = latest.get(v.indexId);
    if (!seen || v.created > seen.created || (v.created === seen.created && v.id > seen.id)) latest.set(v.indexId, v);
  }
  return latest;
}

/**
 * "Give your views": a colleague's own level and comment on each index they were asked about, with the
 * strategy's descriptors beside each level. Nobody else's views are shown here: SharePoint lets each
 * person read only their own, and the lead officer brings them together.
 */
export function GiveViews(props: GiveViewsProps): JSX.Element {
  const { framework, periodName } = props;
  const asked: MaturityIndex[] = framework.indices.filter((i) => props.indexIds.indexOf(i.id) >= 0);
  const mine = latestByIndex(props.myViews.filter((v) => !v.givenFor));
  const [changing, setChanging] = React.useState<string | undefined>();
  const [said, setSaid] = React.useState('');
  const given = asked.filter((i) => mine.has(i.id)).length;

  return (
    <section className="nps-give-views" aria-labelledby="nps-give-views-heading">
      <h2 id="nps-give-views-heading">Your views on {periodName}</h2>
      <p>
        You have been asked for your own view of where the council stands on {asked.length === 1 ? 'one key area or enabler' : `${asked.length} key areas and enablers`}.
        Choose the level whose description fits the council best today, and say why. Your views are yours: colleagues cannot see them. The lead officer
        sees everyone&apos;s, and agrees the council&apos;s level from them.
      </p>
      <p className="nps-progress" aria-live="polite">
        <strong>
          {given} of {asked.length} given
        </strong>
      </p>
      {said && (
        <Notice kind="success" onDismiss={() => setSaid('')}>
          {said}
        </Notice>
      )}
      {!props.canGive && <Notice kind="info">{props.closedNote ?? `Views on ${periodName} can no longer be given or changed.`}</Notice>}
      {asked.length === 0 && <p>You have not been asked for your views on {periodName}.</p>}
      {asked.map((index) => {
        const view = mine.get(index.id);
        const showForm = props.canGive && (!view || changing === index.id);
        return (
          <section key={index.id} className="nps-view-index" aria-labelledby={`nps-view-${index.id}`}>
            <h3 id={`nps-view-${index.id}`}>
              {index.title} <span className="nps-sub">({index.kind === 'keyArea' ? 'key area' : 'enabler'})</span>
            </h3>
            {index.description && <p>{index.description}</p>}
            {view && (
              <p className="nps-view-mine">
                Your view: <strong>{view.level ? LEVEL_TITLES[view.level] : 'no level'}</strong>, given {formatUkDateTime(view.created)}.
                {view.comment && (
                  <>
                    {' '}
                    Your comment: <q className="nps-user-text">{view.comment}</q>
                  </>
                )}
              </p>
            )}
            {view && props.canGive && changing !== index.id && (
              <Button onClick={() => setChanging(index.id)} ariaLabel={`Change your view on ${index.title}`}>
                Change your view
              </Button>
            )}
            {showForm && (
              <ViewForm
                framework={framework}
                index={index}
                periodName={periodName}
                drafts={props.drafts}
                draftKey={`${props.draftPrefix}:view:${index.id}`}
                submitLabel={view ? 'Give this view instead' : 'Give your view'}
                onGive={props.onGive}
                onCancel={view ? () => setChanging(undefined) : undefined}
                onGiven={(input) => {
                  setChanging(undefined);
                  setSaid(`Your view on ${index.title} is saved: ${input.level ? LEVEL_TITLES[input.level] : ''}.`);
                  props.onGiven();
                }}
              />
            )}
          </section>
        );
      })}
    </section>
  );
}
