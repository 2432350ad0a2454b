import * as React from 'react';
import { DatePicker, defaultDatePickerStrings } from '@fluentui/react/lib/DatePicker';
import { DayOfWeek } from '@fluentui/react/lib/DateTimeUtilities';
import { formatUkDate, isIsoDate, IsoDate, toIsoDate } from '../../domain/dates';

export interface UkDatePickerProps {
  label: string;
  value?: IsoDate;
  onChange: (value: IsoDate | undefined) => void;
  disabled?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Accepts 31/03/2026 or 2026-03-31 as typed; anything else is not a date. */
export function parseUkDate(text: string): IsoDate | undefined {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

function toDate(value: IsoDate): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/** Fluent's date picker speaking as a UK council does: weeks start on Monday, dates in full. */
export function UkDatePicker({ label, value, onChange, disabled, isRequired, errorMessage }: UkDatePickerProps): JSX.Element {
  const [typedError, setTypedError] = React.useState<string | undefined>();
  return (
    <DatePicker
      label={label}
      isRequired={isRequired}
      disabled={disabled}
      allowTextInput
      firstDayOfWeek={DayOfWeek.Monday}
      value={value ? toDate(value) : undefined}
      formatDate={(d) => (d ? formatUkDate(toIsoDate(d)) : '')}
      parseDateFromString={(text) => {
        const iso = parseUkDate(text);
        setTypedError(iso || !text.trim() ? undefined : `"${text}" is not a date. Type it like 31/03/2026.`);
        return iso ? toDate(iso) : null;
      }}
      onSelectDate={(d) => {
        setTypedError(undefined);
        onChange(d ? toIsoDate(d) : undefined);
      }}
      placeholder="Choose or type a date, e.g. 31/03/2026"
      strings={{ ...defaultDatePickerStrings, isRequiredErrorMessage: `${label} is required.`, invalidInputErrorMessage: 'Type a date like 31/03/2026.' }}
      textField={{ errorMessage: typedError ?? errorMessage }}
    />
  );
}
