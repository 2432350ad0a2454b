import * as React from 'react';
import { assessmentProgress, IndexAssessment, levelTitle } from '../../domain/assessment';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { enablers, keyAreasOfTheme } from '../../framework/queries';
import { Framework, MaturityIndex } from '../../framework/types';
import { GapText, ProgressBadge } from '../components/Badges';
import { Button } from '../components/Controls';
import { IndexOriginNote } from '../components/IndexOrigin';

export interface IndexTableProps {
  framework: Framework;
  assessments: IndexAssessment[];
  canEdit: boolean;
  onOpen: (index: MaturityIndex) => void;
  /** Colleagues' views per index (issue 13): how many count, and whether they are two or more levels apart. */
  views?: Readonly<Record<string, { total: number; differs: boolean; hidden?: boolean }>>;
}

type Views = IndexTableProps['views'];

function ViewsNote({ views }: { views?: { total: number; differs: boolean; hidden?: boolean } }): JSX.Element | null {
  if (!views || (views.total === 0 && !views.hidden)) return null;
  if (views.hidden) return <span className="nps-sub">Colleagues&apos; views: give yours to see them</span>;
  return (
    <span className="nps-sub">
      {views.total === 1 ? "1 colleague's view" : `${views.total} colleagues' views`}
      {views.differs ? ', two or more levels apart' : ''}
    </span>
  );
}

function Rows({ indices, byIndex, canEdit, onOpen, views }: { indices: MaturityIndex[]; byIndex: Map<string, IndexAssessment>; canEdit: boolean; onOpen: (i: MaturityIndex) => void; views: Views }): JSX.Element {
  return (
    <tbody>
      {indices.map((index) => {
        const a = byIndex.get(index.id);
        const progress = assessmentProgress(a);
        return (
          <tr key={index.id}>
            <th scope="row">
              {index.title}
              <IndexOriginNote index={index} />
            </th>
            <td data-label="Current">{levelTitle(a?.currentLevel)}</td>
            <td data-label="Target">
              {levelTitle(a?.targetLevel)}
              {a?.targetDate ? <span className="nps-sub"> by {formatUkDate(a.targetDate)}</span> : null}
            </td>
            <td data-label="Gap">
              <GapText current={a?.currentLevel} target={a?.targetLevel} />
            </td>
            <td data-label="Status">
              {a?.problems?.length ? (
                <span className="nps-error">
                  Needs fixing: {a.problems.join(' ')}
                </span>
              ) : (
                <ProgressBadge progress={progress} />
              )}
              <ViewsNote views={views?.[index.id]} />
            </td>
            <td data-label="Last updated">{a?.lastAssessedBy ? `${a.lastAssessedBy.displayName}, ${formatUkDateTime(a.modified)}` : '—'}</td>
            <td>
              <Button onClick={() => onOpen(index)} ariaLabel={`${canEdit && !a?.problems?.length && !a?.locked ? 'Assess' : 'View'} ${index.title}`}>
                {canEdit && !a?.problems?.length && !a?.locked ? 'Assess' : 'View'}
              </Button>
            </td>
          </tr>
        );
      })}
    </tbody>
  );
}

const HEAD = (
  <thead>
    <tr>
      <th scope="col">Key area or enabler</th>
      <th scope="col">Current level</th>
      <th scope="col">Target</th>
      <th scope="col">Gap</th>
      <th scope="col">Status</th>
      <th scope="col">Last updated</th>
      <th scope="col">
        <span className="nps-visually-hidden">Action</span>
      </th>
    </tr>
  </thead>
);

/** Every index grouped by theme, then the enablers: where the council stands against its targets. */
export function IndexTable({ framework, assessments, canEdit, onOpen, views }: IndexTableProps): JSX.Element {
  const byIndex = new Map(assessments.map((a) => [a.indexId, a] as [string, IndexAssessment]));
  return (
    <div className="nps-index-tables">
      {framework.themes.map((theme) => (
        <table key={theme.id} className="nps-table nps-table--stack">
          <caption>Theme: {theme.title}</caption>
          {HEAD}
          <Rows indices={keyAreasOfTheme(framework, theme.id)} byIndex={byIndex} canEdit={canEdit} onOpen={onOpen} views={views} />
        </table>
      ))}
      <table className="nps-table nps-table--stack">
        <caption>Enablers</caption>
        {HEAD}
        <Rows indices={enablers(framework)} byIndex={byIndex} canEdit={canEdit} onOpen={onOpen} views={views} />
      </table>
    </div>
  );
}
