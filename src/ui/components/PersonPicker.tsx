import * as React from 'react';
import { NormalPeoplePicker } from '@fluentui/react/lib/Pickers';
import { IPersonaProps } from '@fluentui/react/lib/Persona';
import { Label } from '@fluentui/react/lib/Label';
import { Person } from '../../domain/actions';
import { PersonSuggestion } from '../../data/siteService';

export interface PeopleSource {
  search: (query: string) => Promise<PersonSuggestion[]>;
  /** The chosen person as a site user (or, where SharePoint will add them on save, by their claims). */
  ensure: (key: string, displayName?: string) => Promise<Person>;
}

export interface PersonPickerProps {
  label: string;
  value?: Person;
  onChange: (person: Person | undefined) => void;
  people: PeopleSource;
  disabled?: boolean;
  errorMessage?: string;
  required?: boolean;
}

/** Choose one Microsoft 365 person, searched as SharePoint's own people picker searches. */
export function PersonPicker({ label, value, onChange, people, disabled, errorMessage, required }: PersonPickerProps): JSX.Element {
  const id = React.useMemo(() => `nps-person-${Math.random().toString(36).slice(2)}`, []);
  const [searchError, setSearchError] = React.useState<string | undefined>();
  const selected: IPersonaProps[] = value ? [{ key: String(value.id), text: value.displayName, secondaryText: value.email }] : [];
  return (
    <div className="nps-person-picker">
      <Label htmlFor={id} required={required} disabled={disabled}>
        {label}
      </Label>
      <NormalPeoplePicker
        inputProps={{ id, 'aria-label': label, placeholder: value ? '' : 'Type a name or email' }}
        disabled={disabled}
        itemLimit={1}
        selectedItems={selected}
        pickerSuggestionsProps={{ suggestionsHeaderText: 'People in your organisation', noResultsFoundText: 'No one found by that name', loadingText: 'Searching…' }}
        onResolveSuggestions={async (filter) => {
          try {
            setSearchError(undefined);
            const found = await people.search(filter);
            return found.map((p) => ({ key: p.key, text: p.displayName, secondaryText: p.jobTitle || p.email }));
          } catch (e) {
            setSearchError((e as Error).message);
            return [];
          }
        }}
        onChange={async (items) => {
          const chosen = items?.[0];
          if (!chosen) return onChange(undefined);
          if (value && String(value.id) === chosen.key) return;
          try {
            onChange(await people.ensure(String(chosen.key), chosen.text));
          } catch (e) {
            setSearchError((e as Error).message);
          }
        }}
      />
      {(errorMessage || searchError) && (
        <p role="alert" className="nps-error">
          {errorMessage ?? searchError}
        </p>
      )}
    </div>
  );
}
