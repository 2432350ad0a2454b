import * as React from 'react';
import { MaturityIndex } from '../../framework/types';

/**
 * Whose words an index is in, and whether it is still in use, said wherever it is shown: a council's own
 * index or rewording is never presented as the strategy's, and a retired index kept in a year that
 * assessed it says why it is there.
 */
export function indexOriginNotes(index: Pick<MaturityIndex, 'origin' | 'retired'>): string[] {
  const notes: string[] = [];
  if (index.origin === 'local') notes.push('Added by the council: not part of the National Procurement Strategy 2018');
  if (index.origin === 'reworded') notes.push("Reworded by the council: not the strategy's own words");
  if (index.retired) notes.push('Retired: kept because this year assessed it');
  return notes;
}

export function IndexOriginNote({ index }: { index: Pick<MaturityIndex, 'origin' | 'retired'> }): JSX.Element | null {
  const notes = indexOriginNotes(index);
  if (notes.length === 0) return null;
  return <span className="nps-sub nps-origin">{notes.join('. ')}.</span>;
}
