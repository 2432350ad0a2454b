import * as React from 'react';
import { truncateCharacters } from '../../domain/validation';
import { IndexAssessment, levelTitle } from '../../domain/assessment';
import { levelRank, describeGap } from '../../domain/levels';
import { Framework } from '../../framework/types';

export interface MaturityChartProps {
  framework: Framework;
  assessments: IndexAssessment[];
  periodName: string;
}

/**
 * Current level against target for every index, as a chart for sighted readers and, carrying exactly
 * the same figures, a table that screen readers and keyboard users get instead (WCAG 1.1.1).
 */
export function MaturityChart({ framework, assessments, periodName }: MaturityChartProps): JSX.Element {
  const byIndex = new Map(assessments.map((a) => [a.indexId, a] as [string, IndexAssessment]));
  const rows = framework.indices.map((index) => ({ index, a: byIndex.get(index.id) }));
  const rowHeight = 26;
  const labelWidth = 250;
  const step = 70;
  const width = labelWidth + step * 5 + 50;
  const height = rows.length * rowHeight + 40;
  return (
    <figure className="nps-chart">
      <figcaption>
        Current level and target for each key area and enabler, {periodName}. The table after the chart gives the same figures.
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-hidden="true" focusable="false" className="nps-chart__svg">
        {framework.levels.map((l, i) => (
          <g key={l.id}>
            <line x1={labelWidth + step * (i + 1)} x2={labelWidth + step * (i + 1)} y1={20} y2={height - 10} className="nps-chart__grid" />
            <text x={labelWidth + step * (i + 1)} y={14} textAnchor="middle" fontSize="11" fill="currentColor">
              {l.title}
            </text>
          </g>
        ))}
        {rows.map(({ index, a }, i) => {
          const y = 30 + i * rowHeight;
          const current = a?.currentLevel ? levelRank(a.currentLevel) : 0;
          const target = a?.targetLevel ? levelRank(a.targetLevel) : 0;
          return (
            <g key={index.id}>
              <text x={labelWidth - 8} y={y + 12} textAnchor="end" fontSize="11" fill="currentColor">
                {truncateCharacters(index.title, 38, { ellipsis: '…' })}
              </text>
              {current > 0 && <rect x={labelWidth} y={y + 2} width={step * current} height={14} className="nps-chart__bar" />}
              {target > 0 && (
                <g>
                  <line x1={labelWidth + step * target} x2={labelWidth + step * target} y1={y - 2} y2={y + 20} className="nps-chart__target" strokeWidth="3" />
                  <path d={`M ${labelWidth + step * target - 5} ${y - 4} l 10 0 l -5 6 z`} className="nps-chart__target" />
                </g>
              )}
            </g>
          );
        })}
      </svg>
      <p className="nps-chart__key" aria-hidden="true">
        <span className="nps-key nps-key--current" /> Current level <span className="nps-key nps-key--target" /> Target
      </p>
      <table className="nps-table">
        <caption>Current level and target, {periodName}</caption>
        <thead>
          <tr>
            <th scope="col">Key area or enabler</th>
            <th scope="col">Current level</th>
            <th scope="col">Target level</th>
            <th scope="col">Gap</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ index, a }) => (
            <tr key={index.id}>
              <th scope="row">{index.title}</th>
              <td>{levelTitle(a?.currentLevel)}</td>
              <td>{levelTitle(a?.targetLevel)}</td>
              <td>{describeGap(a?.currentLevel, a?.targetLevel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
