import * as React from 'react';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import { AssessmentPeriod } from '../../domain/periods';

export interface PeriodPickerProps {
  periods: AssessmentPeriod[];
  selected?: string;
  onChange: (periodName: string) => void;
  label?: string;
  /** Show each period's sign-off status beside its name. */
  showStatus?: boolean;
}

/** Choose the financial year to look at, newest first. */
export function PeriodPicker({ periods, selected, onChange, label = 'Assessment period', showStatus = true }: PeriodPickerProps): JSX.Element {
  return (
    <Dropdown
      label={label}
      selectedKey={selected}
      options={periods.map((p) => ({ key: p.name, text: showStatus ? `${p.name} (${p.status.toLowerCase()})` : p.name }))}
      onChange={(_, o) => o && onChange(String(o.key))}
      className="nps-period-picker"
    />
  );
}
