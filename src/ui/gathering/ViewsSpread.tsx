import * as React from 'react';
import { Framework, LevelId } from '../../framework/types';
import { formatUkDateTime } from '../../domain/dates';
import { LEVEL_TITLES } from '../../domain/levels';
import { describeViewer, GatheredView, ViewSpread } from '../../domain/views';
import { Button } from '../components/Controls';

export interface ViewsSpreadProps {
  framework: Framework;
  indexTitle: string;
  spread: ViewSpread;
  /** Views given after the year was submitted: shown, never counted. */
  late: readonly GatheredView[];
  /** The level agreed so far (the assessment's current level). */
  agreedLevel?: LevelId;
  /** Offered to the moderator while the assessment can be edited: puts the level into the form. */
  onAgree?: (level: LevelId) => void;
}

/**
 * The spread of colleagues' views on one index, for the lead officer who agrees the council's level:
 * how many chose each level, who and why, and a plain warning where views are two or more levels apart.
 * A table, so it reads the same to everyone, whatever their screen reader or the section's colours.
 */
export function ViewsSpread({ framework, indexTitle, spread, late, agreedLevel, onAgree }: ViewsSpreadProps): JSX.Element {
  const headingId = `nps-spread-${spread.indexId}`;
  const byLevel = (level: LevelId): GatheredView[] => spread.views.filter((v) => v.level === level);
  return (
    <section className="nps-spread" aria-labelledby={headingId}>
      <h4 id={headingId}>Colleagues&apos; views ({spread.total})</h4>
      {spread.total === 0 ? (
        <p>No views given yet on {indexTitle}.</p>
      ) : (
        <>
          {spread.differsByTwoOrMore && spread.lowest && spread.highest && (
            <p className="nps-spread-warning" role="note">
              <strong>Views differ by two levels or more</strong>: from {LEVEL_TITLES[spread.lowest]} to {LEVEL_TITLES[spread.highest]}. Talk it through before
              agreeing the level, and say in the moderation note how the difference was settled.
            </p>
          )}
          <table className="nps-table nps-spread-table">
            <caption className="nps-visually-hidden">How many colleagues chose each level for {indexTitle}</caption>
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Views</th>
                <th scope="col">Who</th>
                {onAgree && <th scope="col">Agree</th>}
              </tr>
            </thead>
            <tbody>
              {framework.levels.map((level) => {
                const views = byLevel(level.id);
                return (
                  <tr key={level.id} className={agreedLevel === level.id ? 'nps-spread-agreed' : undefined}>
                    <th scope="row">
                      {level.rank}. {level.title}
                      {agreedLevel === level.id && <span className="nps-sub">Agreed level</span>}
                    </th>
                    <td>{spread.counts[level.id]}</td>
                    <td>{views.map((v) => describeViewer(v)).join(', ')}</td>
                    {onAgree && (
                      <td>
                        <Button onClick={() => onAgree(level.id)} ariaLabel={`Agree ${level.title} for ${indexTitle}`}>
                          Agree {level.title}
                        </Button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h5>What colleagues said</h5>
          <ul className="nps-spread-comments">
            {spread.views.map((v) => (
              <li key={v.id}>
                <strong>{describeViewer(v)}</strong>, {v.level ? LEVEL_TITLES[v.level] : 'no level'} ({formatUkDateTime(v.created)})
                {v.comment ? (
                  <>
                    : <q>{v.comment}</q>
                  </>
                ) : (
                  ': no comment'
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {late.length > 0 && (
        <p className="nps-sub">
          {late.length === 1 ? 'One view was' : `${late.length} views were`} given after the year was submitted ({late.map((v) => describeViewer(v)).join(', ')}), so{' '}
          {late.length === 1 ? 'it does' : 'they do'} not count.
        </p>
      )}
    </section>
  );
}
