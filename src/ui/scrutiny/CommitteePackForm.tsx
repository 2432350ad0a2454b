import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { HostContext } from '../../host';
import { DataServices } from '../../data/services';
import { DataError, toDataError } from '../../data/errors';
import { LISTS } from '../../data/schema';
import { Workspace } from '../../data/workspace';
import { toIsoDate } from '../../domain/dates';
import { Problem } from '../components/Problem';
import { viewsForPack } from '../gathering/gatheredViews';

export interface CommitteePackFormProps {
  host: HostContext;
  services: DataServices;
  /** The loaded view: the year, its framework, assessments, actions and challenges. */
  workspace: Workspace;
  /** The council's name for the cover, when the page knows it; otherwise the person types it once. */
  councilName?: string;
  /** Today, for the actions' RAG (tests pass a fixed date). */
  today?: string;
  onCancel: () => void;
}

const COUNCIL_KEY = 'nps-committee-pack-council';

function rememberedCouncil(): string {
  try {
    return window.localStorage.getItem(COUNCIL_KEY) ?? '';
  } catch {
    return '';
  }
}

interface Made {
  fileName: string;
  version: string;
  url?: string;
}

/**
 * The committee pack form (a lazy chunk, with the docx library and the pack code): the council's name for
 * the cover, then Make: the Word document is built in the browser, saved to the Committee packs library
 * (the saved file is what gets shared; making it again is a new version) and downloaded.
 */
export default function CommitteePackForm({ host, services, workspace, councilName, today, onCancel }: CommitteePackFormProps): JSX.Element | null {
  const [council, setCouncil] = React.useState(() => councilName ?? rememberedCouncil());
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<DataError | undefined>();
  const [councilError, setCouncilError] = React.useState<string | undefined>();
  const [made, setMade] = React.useState<Made | undefined>();
  const { period } = workspace;
  if (!period) return null;

  const make = async (): Promise<void> => {
    if (!council.trim()) {
      setCouncilError("Enter the council's name for the cover of the pack.");
      return;
    }
    setCouncilError(undefined);
    setBusy(true);
    setError(undefined);
    setMade(undefined);
    try {
      try {
        window.localStorage.setItem(COUNCIL_KEY, council.trim());
      } catch {
        // Private browsing: the name is simply not remembered.
      }
      const [pack, library, download] = await Promise.all([
        import(/* webpackChunkName: 'committee-pack' */ '../../export/committeePack'),
        import(/* webpackChunkName: 'committee-pack' */ '../../data/repositories/committeePackRepository'),
        import(/* webpackChunkName: 'committee-pack' */ '../../export/download'),
      ]);
      let bytes: Uint8Array;
      try {
        bytes = await pack.buildCommitteePack({
        councilName: council.trim(),
        period,
        framework: workspace.framework,
        frameworkAsSignedOff: workspace.frameworkAsSignedOff,
        assessments: workspace.assessments,
        actions: workspace.actions,
        challenges: workspace.challenges,
        // Colleagues' views, summarised per index with the agreed level and the moderation note (issue 13).
        views: viewsForPack(workspace),
        today: today ?? toIsoDate(new Date()),
        preparedBy: workspace.user.displayName,
        renderPng: pack.renderSvgToPng,
        });
      } catch (e) {
        // Not SharePoint: the document itself could not be built in this browser.
        throw new DataError('refused', `The committee pack could not be made in this browser (${(e as Error).message || String(e)}). Nothing was saved.`);
      }
      const fileName = pack.committeePackFileName(period.name);
      const saved = await new library.CommitteePackLibrary(services.sp).save(period.name, fileName, bytes);
      download.saveBytes(bytes, saved.fileName, pack.DOCX_MIME);
      let url: string | undefined;
      try {
        url = saved.serverRelativeUrl ? new URL(saved.serverRelativeUrl, host.siteUrl).toString() : undefined;
      } catch {
        url = undefined;
      }
      setMade({ fileName: saved.fileName, version: saved.version, url });
    } catch (e) {
      setError(toDataError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nps-committee-pack">
      <form
        noValidate
        aria-label={`Committee pack for ${period.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          make().catch(() => undefined);
        }}
      >
        <p>
          A Word document of the {period.name} assessment for committee papers: the cover, the summary against target by theme, each key area and enabler in detail
          with its actions, the challenge log with responses, and the framework&apos;s source. It is saved to {LISTS.committeePacks.title} and downloaded.
        </p>
        <TextField label="Council name, for the cover" required value={council} onChange={(_, v) => setCouncil(v ?? '')} errorMessage={councilError} />
        <div className="nps-actions">
          <PrimaryButton type="submit" disabled={busy} text={busy ? 'Making the pack…' : 'Make, save and download'} />
          <DefaultButton text="Cancel" onClick={onCancel} />
        </div>
      </form>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {made && (
        <MessageBar messageBarType={MessageBarType.success} isMultiline>
          Saved to {LISTS.committeePacks.title} as {made.fileName}
          {made.version ? ` (version ${made.version})` : ''} and downloaded. Share the saved file:{' '}
          {made.url ? <a href={made.url}>{made.fileName}</a> : `it is in ${LISTS.committeePacks.title}.`}
        </MessageBar>
      )}
    </div>
  );
}
