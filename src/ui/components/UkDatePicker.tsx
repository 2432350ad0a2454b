import * as React from 'react';
import { DatePicker, defaultDatePickerStrings } from '@fluentui/react/lib/DatePicker';
import { DayOfWeek } from '@fluentui/react/lib/DateTimeUtilities';
import { DATE_RANGE, formatUkDate, isIsoDate, isoToLocalDate, IsoDate, readTypedDate, toIsoDate } from '../../domain/dates';
import { dateProblem, dateRangeInWords, typedDateProblem } from '../../domain/validation';

export interface UkDatePickerProps {
  label: string;
  value?: IsoDate;
  onChange: (value: IsoDate | undefined) => void;
  /**
   * Told whenever what is typed stops or starts being a date the form may save: the message while the
   * box holds an impossible or out-of-range date (31/02/2026, 01/01/9999), undefined once it is fine or
   * empty. A form must not save while it has a message, or the typed date would be silently dropped.
   */
  onProblemChange?: (problem: string | undefined) => void;
  disabled?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Accepts 31/03/2026, 2026-03-31 or 31 March 2026 as typed; anything else is not a date. */
export function parseUkDate(text: string): IsoDate | undefined {
  const typed = readTypedDate(text);
  return typed.kind === 'date' ? typed.iso : undefined;
}

/** What the box shows for a value: the date in full, or the stored text itself when it is not a date. */
function display(value: IsoDate | undefined): string {
  if (!value) return '';
  return isIsoDate(value) ? formatUkDate(value) : value;
}

/**
 * Fluent's date picker speaking as a UK council does: weeks start on Monday, dates in full, and a
 * typed date is never thrown away. An impossible or out-of-range date stays in the box with a message
 * saying what is wrong, and the form is told (onProblemChange) so it does not save without it.
 */
export function UkDatePicker({ label, value, onChange, onProblemChange, disabled, isRequired, errorMessage }: UkDatePickerProps): JSX.Element {
  const [text, setTextState] = React.useState(() => display(value));
  const textNow = React.useRef(text);
  const setText = (next: string): void => {
    textNow.current = next;
    setTextState(next);
  };
  const [shownProblem, setShownProblem] = React.useState<string | undefined>();
  // The value this picker last handed to the form, so a change coming back is not mistaken for a new value.
  const lastSent = React.useRef<IsoDate | undefined>(value);
  const pending = React.useRef<string | undefined>();
  const reportProblem = (problem: string | undefined): void => {
    if (problem !== pending.current) {
      pending.current = problem;
      onProblemChange?.(problem);
    }
  };

  React.useEffect(() => {
    if (value === lastSent.current) return;
    // A new value from outside (a restored draft, the other person's version): show it as it is.
    lastSent.current = value;
    setText(display(value));
    setShownProblem(undefined);
    reportProblem(undefined);
  }, [value]);

  const send = (next: IsoDate | undefined): void => {
    lastSent.current = next;
    if (next !== value) onChange(next);
  };

  const typed = (next: string): void => {
    setText(next);
    const problem = typedDateProblem(label, next);
    reportProblem(problem);
    if (!problem) {
      setShownProblem(undefined);
      send(parseUkDate(next));
    }
  };

  // Leaving the box (or pressing Enter) shows what is wrong with the typed date, or tidies a good one.
  const left = (): void => {
    const current = textNow.current;
    const problem = typedDateProblem(label, current);
    setShownProblem(problem);
    const iso = parseUkDate(current);
    if (!problem && iso) setText(formatUkDate(iso));
  };

  const picked = (date: Date | null | undefined): void => {
    const iso = date ? toIsoDate(date) : undefined;
    setText(display(iso));
    setShownProblem(undefined);
    reportProblem(undefined);
    send(iso);
  };

  const storedProblem = !pending.current && value ? dateProblem(label, value) : undefined;
  return (
    <div onBlur={left} onKeyDownCapture={(e) => e.key === 'Enter' && left()}>
      <DatePicker
        label={label}
        isRequired={isRequired}
        disabled={disabled}
        allowTextInput
        firstDayOfWeek={DayOfWeek.Monday}
        value={value && isIsoDate(value) ? isoToLocalDate(value) : undefined}
        minDate={isoToLocalDate(DATE_RANGE.min)}
        maxDate={isoToLocalDate(DATE_RANGE.max)}
        formatDate={(d) => (d ? formatUkDate(toIsoDate(d)) : '')}
        parseDateFromString={(t) => {
          const iso = parseUkDate(t);
          return iso ? isoToLocalDate(iso) : null;
        }}
        // Typed text is handled above, so Fluent's own reading of it (which puts back the old date when
        // the text is not a date) changes nothing; only a day chosen on the calendar is taken from here.
        onSelectDate={() => undefined}
        calendarProps={{ onSelectDate: picked }}
        placeholder="Choose or type a date, e.g. 31/03/2026"
        strings={{
          ...defaultDatePickerStrings,
          isRequiredErrorMessage: `${label} is required.`,
          invalidInputErrorMessage: '',
          isResetStatusMessage: undefined,
          isOutOfBoundsErrorMessage: `${label} must be between ${dateRangeInWords()}.`,
        }}
        textField={{
          value: text,
          onChange: (_, v) => typed(v ?? ''),
          errorMessage: shownProblem ?? errorMessage ?? storedProblem,
        }}
      />
    </div>
  );
}
