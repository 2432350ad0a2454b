import * as React from 'react';
import { Notice } from './Controls';
import { ItemProblem } from '../../data/repositories/listRepository';

/**
 * List items the view could not use, each named by list, ID and title so a site owner or officer can
 * find and fix it in SharePoint. The rest of the view still shows. Text is shown as text.
 */
export function ItemProblems({ problems }: { problems: ItemProblem[] }): JSX.Element | null {
  if (problems.length === 0) return null;
  return (
    <Notice kind="warning">
      <p>
        {problems.length === 1 ? 'One list item is' : `${problems.length} list items are`} not shown because of a problem with what the list holds:
      </p>
      <ul className="nps-item-problems">
        {problems.map((p) => (
          <li key={`${p.list}:${p.itemId}:${p.message}`}>
            {p.message.startsWith(p.list) ? p.message : `${p.list} item ${p.itemId}${p.title ? ` "${p.title}"` : ''}: ${p.message}`}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
