import * as React from 'react';
import { Rag } from '../../domain/actions';
import { AssessmentProgress } from '../../domain/assessment';
import { describeGap } from '../../domain/levels';
import { LevelId } from '../../framework/types';

/*
 * Status is never shown by colour alone (WCAG 1.4.1): every badge carries its words, and colours
 * meet 4.5:1 contrast against white text.
 */
const RAG_COLOURS: Record<Rag, string> = { Red: '#a4262c', Amber: '#8a4b00', Green: '#0b6a0b', Complete: '#505050' };

export function RagBadge({ rag }: { rag: Rag }): JSX.Element {
  return (
    <span className="nps-badge" style={{ background: RAG_COLOURS[rag] }}>
      {rag === 'Complete' ? 'Closed' : rag}
    </span>
  );
}

const PROGRESS_COLOURS: Record<AssessmentProgress, string> = { 'Not started': '#605e5c', 'In progress': '#8a4b00', Assessed: '#0b6a0b' };

export function ProgressBadge({ progress }: { progress: AssessmentProgress }): JSX.Element {
  return (
    <span className="nps-badge" style={{ background: PROGRESS_COLOURS[progress] }}>
      {progress}
    </span>
  );
}

export function GapText({ current, target }: { current?: LevelId; target?: LevelId }): JSX.Element {
  const text = describeGap(current, target);
  const behind = /below target/.test(text);
  return <span className={behind ? 'nps-gap nps-gap--behind' : 'nps-gap'}>{text}</span>;
}
