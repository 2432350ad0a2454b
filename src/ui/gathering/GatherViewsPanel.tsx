import * as React from 'react';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { NormalPeoplePicker } from '@fluentui/react/lib/Pickers';
import { IPersonaProps } from '@fluentui/react/lib/Persona';
import { Label } from '@fluentui/react/lib/Label';
import { Framework } from '../../framework/types';
import { formatUkDateTime } from '../../domain/dates';
import { LIMITS } from '../../domain/limits';
import { DirectoryChoice } from '../../domain/scrutinySharing';
import { FieldProblem } from '../../domain/validation';
import { GatheredView, ViewInvitation } from '../../domain/views';
import { DataError, toDataError, ValidationError } from '../../data/errors';
import { PersonSuggestion } from '../../data/siteService';
import { Button, Notice, TextAreaField } from '../components/Controls';
import { Problem } from '../components/Problem';
import { InLayer } from '../components/ThemedRoot';

export interface InviteRequest {
  people: DirectoryChoice[];
  /** Empty: every index of the year. */
  indexIds: string[];
  message: string;
}

export interface GatherViewsPanelProps {
  framework: Framework;
  periodName: string;
  senderName: string;
  invitations: readonly ViewInvitation[];
  /** Every view the lead officer can read, to show who has given how many. */
  views: readonly GatheredView[];
  searchPeople: (query: string) => Promise<PersonSuggestion[]>;
  onInvite: (request: InviteRequest) => Promise<{ invited: DirectoryChoice[]; warnings: string[] }>;
  /** Builds the blank print-and-gather pack of the chosen indices and downloads it. */
  onBlankPack: (indexIds: string[]) => Promise<void>;
  onInvited: () => void;
  onDismiss: () => void;
}

export function defaultInviteMessage(periodName: string, senderName: string): string {
  return (
    `I am gathering colleagues' views of where the council stands against the National Procurement Strategy for ${periodName}, before we agree our self-assessment. ` +
    `Please give your own view, and a short comment, on the key areas and enablers listed. Nobody else sees your views except the procurement team, who bring them together.\n\n${senderName}`
  );
}

function names(people: { displayName: string }[]): string {
  const all = people.map((p) => p.displayName);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/**
 * "Gather views" for the lead officer (a lazy chunk): choose colleagues from the council's directory
 * (including people outside procurement), the key areas and enablers to ask about, and a message; each
 * gets an email with a link. The blank pack is for a workshop, or for colleagues who prefer paper.
 */
export default function GatherViewsPanel(props: GatherViewsPanelProps): JSX.Element {
  const { framework, periodName } = props;
  const pickerId = React.useMemo(() => `nps-gather-people-${Math.random().toString(36).slice(2)}`, []);
  const [people, setPeople] = React.useState<DirectoryChoice[]>([]);
  const [chosen, setChosen] = React.useState<Set<string>>(() => new Set(framework.indices.map((i) => i.id)));
  const [message, setMessage] = React.useState(() => defaultInviteMessage(periodName, props.senderName));
  const [problems, setProblems] = React.useState<FieldProblem[]>([]);
  const [error, setError] = React.useState<DataError | undefined>();
  const [searchError, setSearchError] = React.useState<string | undefined>();
  const [outcome, setOutcome] = React.useState<{ message: string; warnings: string[] } | undefined>();
  const [busy, setBusy] = React.useState(false);

  const indexIds = framework.indices.filter((i) => chosen.has(i.id)).map((i) => i.id);
  const asking = indexIds.length === framework.indices.length ? [] : indexIds;
  const toggle = (id: string): void => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };

  const invite = async (): Promise<void> => {
    const found: FieldProblem[] = [];
    if (people.length === 0) found.push({ field: 'people', message: 'Choose at least one colleague to ask.' });
    if (indexIds.length === 0) found.push({ field: 'indices', message: 'Choose at least one key area or enabler to ask about.' });
    setProblems(found);
    if (found.length) return;
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const result = await props.onInvite({ people, indexIds: asking, message });
      setOutcome({
        message: `Asked ${names(result.invited)} for their views on ${indexIds.length === framework.indices.length ? 'every key area and enabler' : `${indexIds.length} of the ${framework.indices.length} key areas and enablers`}. Each has been emailed a link.`,
        warnings: result.warnings,
      });
      setPeople([]);
      props.onInvited();
    } catch (e) {
      if (e instanceof ValidationError) setProblems(e.problems);
      else setError(toDataError(e));
    } finally {
      setBusy(false);
    }
  };

  const blankPack = async (): Promise<void> => {
    if (indexIds.length === 0) {
      setProblems([{ field: 'indices', message: 'Choose at least one key area or enabler for the pack.' }]);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await props.onBlankPack(asking);
    } catch (e) {
      setError(toDataError(e));
    } finally {
      setBusy(false);
    }
  };

  /** Views given by an invitee: their login ends with their email ("i:0#.f|membership|name@council.gov.uk"). */
  const given = (login: string): number => {
    const key = login.toLowerCase();
    const theirs = props.views.filter((v) => {
      const email = v.givenBy?.email?.toLowerCase();
      return !v.givenFor && !!email && (key === email || key.endsWith(`|${email}`) || v.givenBy?.loginName?.toLowerCase() === key);
    });
    return new Set(theirs.map((v) => v.indexId)).size;
  };
  const invitees = Array.from(new Map(props.invitations.map((i) => [i.inviteeLogin.toLowerCase(), i])).values());
  const problemFor = (field: string): string | undefined => problems.find((p) => p.field === field)?.message;
  const selected: IPersonaProps[] = people.map((p) => ({ key: p.loginName, text: p.displayName, secondaryText: p.email }));
  const themeTitle = (themeId: string | null): string => framework.themes.find((t) => t.id === themeId)?.title ?? 'Enablers';
  const groups = Array.from(new Set(framework.indices.map((i) => i.themeId)));

  return (
    <Panel isOpen type={PanelType.medium} headerText={`Gather views on ${periodName}`} closeButtonAriaLabel="Close" isLightDismiss={false} onDismiss={props.onDismiss}>
      <InLayer>
      <p>
        Ask colleagues, inside procurement or not, for their own view of the council&apos;s level before you agree it. Each sees the strategy&apos;s descriptions of the
        levels and gives a level and a comment. They cannot see one another&apos;s views; you see the spread on each key area and enabler when you open it.
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          invite().catch(() => undefined);
        }}
      >
        <Label htmlFor={pickerId} required>
          Colleagues to ask
        </Label>
        <NormalPeoplePicker
          inputProps={{ id: pickerId, 'aria-label': 'Colleagues to ask', placeholder: people.length ? '' : 'Type a name or email' }}
          selectedItems={selected}
          pickerSuggestionsProps={{ suggestionsHeaderText: 'People in your organisation', noResultsFoundText: 'No one found by that name', loadingText: 'Searching…' }}
          removeButtonAriaLabel="Remove from the colleagues to ask"
          onResolveSuggestions={async (filter) => {
            try {
              setSearchError(undefined);
              const found = await props.searchPeople(filter);
              return found.filter((p) => !people.some((x) => x.loginName === p.key)).map((p) => ({ key: p.key, text: p.displayName, secondaryText: p.jobTitle || p.email, tertiaryText: p.email }));
            } catch (err) {
              setSearchError((err as Error).message);
              return [];
            }
          }}
          onChange={(items) => setPeople((items ?? []).map((i) => ({ loginName: String(i.key), displayName: i.text ?? String(i.key), email: i.tertiaryText ?? i.secondaryText })))}
        />
        {(searchError || problemFor('people')) && (
          <p role="alert" className="nps-error">
            {searchError ?? problemFor('people')}
          </p>
        )}

        <fieldset className="nps-gather-indices">
          <legend>Key areas and enablers to ask about</legend>
          <div className="nps-actions">
            <Button onClick={() => setChosen(new Set(framework.indices.map((i) => i.id)))}>Choose all</Button>
            <Button onClick={() => setChosen(new Set())}>Choose none</Button>
          </div>
          {groups.map((themeId) => (
            <div key={themeId ?? 'enablers'} role="group" aria-label={themeTitle(themeId)}>
              <p className="nps-field__label">{themeTitle(themeId)}</p>
              {framework.indices
                .filter((i) => i.themeId === themeId)
                .map((i) => (
                  <div key={i.id} className="nps-check">
                    <input type="checkbox" id={`nps-gather-${i.id}`} checked={chosen.has(i.id)} onChange={() => toggle(i.id)} />
                    <label htmlFor={`nps-gather-${i.id}`}>{i.title}</label>
                  </div>
                ))}
            </div>
          ))}
          {problemFor('indices') && (
            <p role="alert" className="nps-error">
              {problemFor('indices')}
            </p>
          )}
        </fieldset>

        <TextAreaField
          label="Message"
          value={message}
          onChange={setMessage}
          note={`In the email, with the link. ${message.length.toLocaleString('en-GB')} of ${LIMITS.inviteMessage.toLocaleString('en-GB')} characters.`}
          error={problemFor('message')}
        />
        <div className="nps-actions">
          <Button primary type="submit" disabled={busy}>
            Ask for views
          </Button>
          <Button onClick={() => blankPack().catch(() => undefined)} disabled={busy}>
            Download blank pack (Word)
          </Button>
          <Button onClick={props.onDismiss}>Close</Button>
        </div>
      </form>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {outcome && (
        <Notice kind={outcome.warnings.length ? 'warning' : 'success'}>
          {outcome.message}
          {outcome.warnings.map((w) => (
            <span key={w} className="nps-sub">
              {w}
            </span>
          ))}
        </Notice>
      )}

      <h2 className="nps-panel-heading">Asked so far</h2>
      {invitees.length === 0 ? (
        <p>No one yet.</p>
      ) : (
        <table className="nps-table">
          <caption className="nps-visually-hidden">Colleagues asked for their views on {periodName}</caption>
          <thead>
            <tr>
              <th scope="col">Colleague</th>
              <th scope="col">Asked</th>
              <th scope="col">Views given</th>
            </tr>
          </thead>
          <tbody>
            {invitees.map((i) => (
              <tr key={i.inviteeLogin}>
                <th scope="row">{i.inviteeName || i.inviteeLogin}</th>
                <td>
                  {formatUkDateTime(i.invitedOn)}
                  {i.invitedBy ? ` by ${i.invitedBy.displayName}` : ''}
                </td>
                <td>{given(i.inviteeLogin)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      </InLayer>
    </Panel>
  );
}
