import * as React from 'react';
import { AssessmentPeriod } from '../../domain/periods';
import { useFieldId } from './Controls';

export interface PeriodPickerProps {
  periods: AssessmentPeriod[];
  selected?: string;
  onChange: (periodName: string) => void;
  label?: string;
  /** Show each period's sign-off status beside its name. */
  showStatus?: boolean;
}

/** Choose the financial year to look at, newest first. A native select: keyboard and screen readers know it. */
export function PeriodPicker({ periods, selected, onChange, label = 'Assessment period', showStatus = true }: PeriodPickerProps): JSX.Element {
  const id = useFieldId('period');
  return (
    <div className="nps-field nps-period-picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} className="nps-select" value={selected ?? ''} onChange={(e) => onChange(e.target.value)}>
        {!selected && <option value="">Choose a period</option>}
        {periods.map((p) => (
          <option key={p.name} value={p.name}>
            {showStatus ? `${p.name} (${p.status.toLowerCase()})` : p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
