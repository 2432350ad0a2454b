import * as React from 'react';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { NormalPeoplePicker } from '@fluentui/react/lib/Pickers';
import { IPersonaProps } from '@fluentui/react/lib/Persona';
import { Label } from '@fluentui/react/lib/Label';
import { TextField } from '@fluentui/react/lib/TextField';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { HostContext } from '../../host';
import { DataServices } from '../../data/services';
import { DataError, toDataError } from '../../data/errors';
import { GROUPS } from '../../data/siteService';
import { ScrutinySharing } from '../../data/repositories/scrutinySharingRepository';
import { formatUkDateTime } from '../../domain/dates';
import { defaultShareMessage, DirectoryChoice, ScrutinyMember, SHARE_MESSAGE_LIMIT } from '../../domain/scrutinySharing';
import { Problem } from '../components/Problem';

export interface ShareForScrutinyPanelProps {
  host: HostContext;
  services: DataServices;
  periodName?: string;
  pageUrl?: string;
  onDismiss: () => void;
}

interface Outcome {
  kind: 'shared' | 'removed';
  message: string;
  warnings: string[];
}

function names(people: { displayName: string }[]): string {
  const all = people.map((p) => p.displayName);
  return all.length <= 1 ? all.join('') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}

/**
 * The sharing panel (a lazy chunk): choose people from the council's directory, including people not
 * yet on the site; write a message; Share. Below, who has access, each with Remove.
 */
export default function ShareForScrutinyPanel({ host, services, periodName, pageUrl, onDismiss }: ShareForScrutinyPanelProps): JSX.Element {
  const sharing = React.useMemo(() => new ScrutinySharing(services.sp), [services]);
  const pickerId = React.useMemo(() => `nps-share-people-${Math.random().toString(36).slice(2)}`, []);
  const [people, setPeople] = React.useState<DirectoryChoice[]>([]);
  const [message, setMessage] = React.useState(() => defaultShareMessage(periodName, host.user.displayName));
  const [members, setMembers] = React.useState<ScrutinyMember[] | undefined>();
  const [membersError, setMembersError] = React.useState<DataError | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [searchError, setSearchError] = React.useState<string | undefined>();
  const [outcome, setOutcome] = React.useState<Outcome | undefined>();
  const [busy, setBusy] = React.useState(false);

  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const loadMembers = React.useCallback(() => {
    setMembersError(undefined);
    sharing.members().then(
      (found) => mounted.current && setMembers(found),
      (e) => mounted.current && setMembersError(toDataError(e, undefined, 'read'))
    );
  }, [sharing]);
  React.useEffect(loadMembers, [loadMembers]);

  const share = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const result = await sharing.share({ people, message, pageUrl: pageUrl ?? '', periodName });
      if (!mounted.current) return;
      setOutcome({
        kind: 'shared',
        message: `Shared the review with ${names(result.sharedWith)}: they are in ${GROUPS.scrutiny}, and SharePoint has sent them an invitation with your message and a link to the review page.`,
        warnings: result.warnings,
      });
      setPeople([]);
      loadMembers();
    } catch (e) {
      if (mounted.current) setError(toDataError(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const remove = async (member: ScrutinyMember): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const warnings = await sharing.remove(member, periodName);
      if (!mounted.current) return;
      setOutcome({ kind: 'removed', message: `${member.displayName} no longer has access: they were taken out of ${GROUPS.scrutiny}.`, warnings });
      loadMembers();
    } catch (e) {
      if (mounted.current) setError(toDataError(e));
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const selected: IPersonaProps[] = people.map((p) => ({ key: p.loginName, text: p.displayName, secondaryText: p.email }));
  return (
    <Panel isOpen type={PanelType.medium} headerText="Share the scrutiny review" closeButtonAriaLabel="Close" isLightDismiss={false} onDismiss={onDismiss}>
      <p>
        The people you choose join {GROUPS.scrutiny}, so they can read the {periodName ? `${periodName} ` : ''}review and raise challenges. SharePoint sends each an
        invitation with your message and a link that opens the review page in SharePoint; they do not need Teams.
      </p>
      {!pageUrl && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          The scrutiny review page is not known, so there is no link to share. A SharePoint administrator sets it as the NpsMaturityScrutinyPageUrl tenant property.
        </MessageBar>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          share().catch(() => undefined);
        }}
      >
        <Label htmlFor={pickerId} required>
          People to share with
        </Label>
        <NormalPeoplePicker
          inputProps={{ id: pickerId, 'aria-label': 'People to share with', placeholder: people.length ? '' : 'Type a name or email' }}
          selectedItems={selected}
          pickerSuggestionsProps={{ suggestionsHeaderText: 'People in your organisation', noResultsFoundText: 'No one found by that name', loadingText: 'Searching…' }}
          removeButtonAriaLabel="Remove from the people to share with"
          onResolveSuggestions={async (filter) => {
            try {
              setSearchError(undefined);
              const found = await services.site.searchPeople(filter);
              return found.filter((p) => !people.some((x) => x.loginName === p.key)).map((p) => ({ key: p.key, text: p.displayName, secondaryText: p.jobTitle || p.email, tertiaryText: p.email }));
            } catch (err) {
              setSearchError((err as Error).message);
              return [];
            }
          }}
          onChange={(items) => setPeople((items ?? []).map((i) => ({ loginName: String(i.key), displayName: i.text ?? String(i.key), email: i.tertiaryText ?? i.secondaryText })))}
        />
        {searchError && (
          <p role="alert" className="nps-error">
            {searchError}
          </p>
        )}
        <TextField
          label="Message"
          multiline
          rows={6}
          value={message}
          onChange={(_, v) => setMessage(v ?? '')}
          description={`SharePoint puts it in the invitation, with the link. Up to ${SHARE_MESSAGE_LIMIT.toLocaleString('en-GB')} characters.`}
        />
        <div className="nps-actions">
          <PrimaryButton type="submit" text="Share" disabled={busy || !pageUrl || people.length === 0} />
          <DefaultButton text="Close" onClick={onDismiss} />
        </div>
      </form>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {outcome && (
        <MessageBar messageBarType={outcome.warnings.length ? MessageBarType.warning : MessageBarType.success} isMultiline>
          {outcome.message}
          {outcome.warnings.map((w) => (
            <span key={w} className="nps-sub">
              {w}
            </span>
          ))}
        </MessageBar>
      )}
      <h2 className="nps-panel-heading">Who has access</h2>
      <p>Everyone in {GROUPS.scrutiny}: they can read the review and raise challenges.</p>
      {membersError && <Problem error={membersError} onRetry={loadMembers} />}
      {!members && !membersError && <p role="status">Loading who has access…</p>}
      {members && members.length === 0 && <p>No one yet.</p>}
      {members && members.length > 0 && (
        <ul className="nps-members" aria-label={`People in ${GROUPS.scrutiny}`}>
          {members.map((m) => (
            <li key={m.id}>
              <span>
                <strong>{m.displayName}</strong>
                {m.email ? ` (${m.email})` : ''}
                <span className="nps-sub">{m.sharedBy ? `Shared by ${m.sharedBy.displayName} on ${formatUkDateTime(m.sharedOn)}` : `Added to ${GROUPS.scrutiny} in SharePoint`}</span>
              </span>{' '}
              <DefaultButton text="Remove" ariaLabel={`Remove ${m.displayName}'s access`} disabled={busy} onClick={() => remove(m).catch(() => undefined)} />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
