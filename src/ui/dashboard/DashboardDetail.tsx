import * as React from 'react';
import { AssessmentPeriod } from '../../domain/periods';
import { IndexAssessment } from '../../domain/assessment';
import { buildYearTrends, previousSignedOffPeriod, TrendTable } from '../../domain/trends';
import { actionHealth } from '../../domain/actionHealth';
import { ActionPlanItem } from '../../domain/actions';
import { GapGroup, rankGapsByTheme } from '../../domain/gapRanking';
import { frameworkForTheme, isInTheme } from '../../domain/dashboardSettings';
import { Framework } from '../../framework/types';

/** The detail's sections, each shown unless set to false. */
export interface DashboardDetailSections {
  actionHealth?: boolean;
  trends?: boolean;
  gaps?: boolean;
}

export interface DashboardDetailProps {
  /** The year's framework, whole: a theme is picked out here. */
  framework: Framework;
  periods: AssessmentPeriod[];
  period: AssessmentPeriod;
  /** Every year's assessments. */
  allAssessments: IndexAssessment[];
  /** The selected year's actions. */
  actions: ActionPlanItem[];
  today: string;
  /** Show only this theme's key areas (a theme the framework has); every key area and enabler without it. */
  themeId?: string;
  show?: DashboardDetailSections;
}

/**
 * Where the council stands over the years and which gaps matter most: each index's level in every
 * year (with years before an index existed marked as such) and the movement since the last signed-off
 * year, then the gaps ranked within each theme. Tables, so screen readers and print read them as such.
 */
export function DashboardDetail({ framework, periods, period, allAssessments, actions, today, themeId, show = {} }: DashboardDetailProps): JSX.Element {
  const shown = React.useMemo(() => frameworkForTheme(framework, themeId).framework, [framework, themeId]);
  const actionsShown = React.useMemo(() => {
    if (themeId === undefined) return actions;
    const ids = new Set(shown.indices.map((i) => i.id));
    return actions.filter((a) => ids.has(a.indexId));
  }, [actions, shown, themeId]);
  const trends: TrendTable = React.useMemo(
    () => buildYearTrends({ framework, periods, allAssessments, selectedPeriodName: period.name, include: (i) => isInTheme(i, themeId) }),
    [framework, periods, period, allAssessments, themeId]
  );
  const groups: GapGroup[] = React.useMemo(
    () => rankGapsByTheme(shown, period.name, allAssessments.filter((a) => a.periodName === period.name), today),
    [shown, period, allAssessments, today]
  );

  const since = previousSignedOffPeriod(periods, period.name);
  const health = React.useMemo(() => actionHealth({ framework: shown, actions: actionsShown, today, lastSignedOffOn: since?.signedOffOn }), [shown, actionsShown, today, since]);
  const withActions = health.indices.filter((i) => i.total > 0);

  return (
    <>
      {show.actionHealth !== false && (
        <section aria-labelledby="nps-action-health">
          <h3 id="nps-action-health">Action health, {period.name}</h3>
          <p>
            {health.totals.total} actions: {health.totals.rag.Red} red, {health.totals.rag.Amber} amber, {health.totals.rag.Green} green, {health.totals.rag.Complete} closed;{' '}
            {health.totals.overdue} overdue; {health.totals.withoutOwner} without an owner; {health.totals.withoutDueDate} without a due date
            {since ? `; ${health.totals.changedSinceSignOff} new or changed since ${since.name} was signed off` : ''}.
          </p>
          {withActions.length > 0 && (
            <table className="nps-table nps-table--stack">
              <caption className="nps-visually-hidden">Actions by key area and enabler, by RAG</caption>
              <thead>
                <tr>
                  <th scope="col">Key area or enabler</th>
                  <th scope="col">Red</th>
                  <th scope="col">Amber</th>
                  <th scope="col">Green</th>
                  <th scope="col">Closed</th>
                  <th scope="col">Needs attention</th>
                </tr>
              </thead>
              <tbody>
                {withActions.map((i) => (
                  <tr key={i.indexId}>
                    <th scope="row">{i.title}</th>
                    <td data-label="Red">{i.rag.Red}</td>
                    <td data-label="Amber">{i.rag.Amber}</td>
                    <td data-label="Green">{i.rag.Green}</td>
                    <td data-label="Closed">{i.rag.Complete}</td>
                    <td data-label="Needs attention">
                      {[
                        ...i.withoutOwner.map((a) => `"${a.title}" has no owner`),
                        ...i.withoutDueDate.map((a) => `"${a.title}" has no due date`),
                        ...i.changedSinceSignOff.map((c) => `"${c.title}": ${c.change.toLowerCase()} since sign-off`),
                      ].join('; ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {show.trends !== false && (
        <section aria-labelledby="nps-trends">
          <h3 id="nps-trends">Levels over the years</h3>
          <table className="nps-table nps-table--stack">
            <caption className="nps-visually-hidden">
              Current level of each key area and enabler in each year, oldest first{trends.comparedWith ? `, and the movement in ${period.name} since ${trends.comparedWith}` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Key area or enabler</th>
                {trends.periods.map((p) => (
                  <th scope="col" key={p.name}>
                    {p.name}
                    {p.signedOff ? '' : ` (${p.status.toLowerCase()})`}
                  </th>
                ))}
                <th scope="col">Movement</th>
              </tr>
            </thead>
            <tbody>
              {trends.rows.map((row) => (
                <tr key={row.indexId}>
                  <th scope="row">{row.title}</th>
                  {row.cells.map((cell) => (
                    <td key={cell.periodName} data-label={cell.periodName}>
                      {cell.label}
                    </td>
                  ))}
                  <td data-label="Movement">{row.movementText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {show.gaps !== false && (
        <section aria-labelledby="nps-gaps">
          <h3 id="nps-gaps">Gaps to target, {period.name}</h3>
          {groups.map((group) => (
            <table key={group.id} className="nps-table nps-table--stack">
              <caption>
                {group.kind === 'theme' ? `Theme: ${group.title}` : group.title}: {group.summary.belowTarget} below target, {group.summary.atOrAboveTarget} at or above
                {group.summary.notAssessed ? `, ${group.summary.notAssessed} not assessed` : ''}
                {group.summary.dueThisYear ? `; ${group.summary.dueThisYear} due by the end of ${period.name}` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Key area or enabler</th>
                  <th scope="col">Gap</th>
                  <th scope="col">Target</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {group.gaps.map((gap) => (
                  <tr key={gap.indexId}>
                    <th scope="row">{gap.title}</th>
                    <td data-label="Gap">{gap.gapText}</td>
                    <td data-label="Target">{gap.targetText || 'No target set'}</td>
                    <td data-label="Due">{gap.targetDatePassed ? 'Target date passed' : gap.dueThisYear ? `Due by the end of ${period.name}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      )}
    </>
  );
}
