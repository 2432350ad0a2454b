import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { DataError, toDataError } from '../../data/errors';
import {
  addLocalIndex,
  applyImport,
  exportFramework,
  previewImport,
  readSiteFramework,
  restoreIndex,
  retireIndex,
  rewordIndex,
  SiteFramework,
  themesOf,
} from '../../data/frameworkEditing';
import { describeSkippedIndex } from '../../data/repositories/indexRepository';
import { DataServices } from '../../data/services';
import { toIsoDate } from '../../domain/dates';
import { saveBytes } from '../../export/download';
import type { FrameworkSource } from '../../framework/builtIn';
import { blankDraft, IndexDraft, indexToDraft } from '../../framework/localIndex';
import { STARTING_POINTS } from '../../framework/startingPoints';
import { MaturityIndex, StartingPointId } from '../../framework/types';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { resolveFramework } from '../hooks/useWorkspace';
import { ImportFramework } from './ImportFramework';
import { IndexForm } from './IndexForm';

export interface ManageFrameworkProps {
  services: DataServices;
  /** The built-in framework, or how to load it. */
  builtIn: FrameworkSource;
  /** The procurement site, whose name goes into an export's file name. */
  siteUrl: string;
  /** Called after any change, so the view around it shows the framework as it now is. */
  onChanged: () => void;
  onClose: () => void;
}

type Mode = { kind: 'list' } | { kind: 'add'; from?: StartingPointId } | { kind: 'reword'; indexId: string } | { kind: 'import' };

const styles = mergeStyles({
  selectors: {
    '& .nps-quotation': { margin: '12px 0', padding: '8px 12px', borderLeft: '4px solid currentColor' },
    '& .nps-quotation blockquote': { margin: '8px 0', fontStyle: 'italic' },
    '& .nps-index-form__levels': { border: 0, padding: 0, margin: '12px 0' },
    '& .nps-index-form__levels legend': { fontWeight: 600, padding: 0 },
    '& .nps-framework-tools': { display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' },
  },
});

function words(index: MaturityIndex): string {
  if (index.origin === 'local') return 'Your council’s';
  if (index.origin === 'reworded') return 'Reworded on this site';
  return 'The strategy’s';
}

function placeOf(index: MaturityIndex, site: SiteFramework): string {
  if (index.kind === 'enabler') return 'Enabler';
  return `Key area: ${site.framework.themes.find((t) => t.id === index.themeId)?.title ?? index.themeId ?? ''}`;
}

/**
 * Site owners tailor the framework here, without code: add a local index (from scratch or from an
 * objective the strategy names), reword, retire and restore indices, export the framework as a file
 * and import one. It loads on demand (its own chunk) and only site owners are offered it; SharePoint
 * refuses anyone else's writes to the Maturity indices list whatever the page shows.
 */
export function ManageFramework({ services, builtIn, siteUrl, onChanged, onClose }: ManageFrameworkProps): JSX.Element {
  const [site, setSite] = React.useState<SiteFramework | undefined>();
  const [loadError, setLoadError] = React.useState<DataError | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [notice, setNotice] = React.useState('');
  const [mode, setMode] = React.useState<Mode>({ kind: 'list' });
  const [confirmRetire, setConfirmRetire] = React.useState<string | undefined>();
  const [generation, setGeneration] = React.useState(0);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  const noticeRef = React.useRef<HTMLDivElement>(null);

  React.useEffect(() => {
    let current = true;
    setLoadError(undefined);
    resolveFramework(builtIn)
      .then((framework) => readSiteFramework(services.indices, framework))
      .then(
        (read) => current && setSite(read),
        (e) => current && setLoadError(toDataError(e, services.indices.listTitle, 'read'))
      );
    return () => {
      current = false;
    };
  }, [services, builtIn, generation]);

  React.useEffect(() => {
    // Each step moves focus to where the person now is: the form's heading, or the list's.
    if (mode.kind === 'list') (notice ? noticeRef.current : headingRef.current)?.focus();
    else document.getElementById(mode.kind === 'import' ? 'nps-import-title' : 'nps-index-form-title')?.focus();
  }, [mode]);

  /** After a change: the list as it now is, then the message, so what is shown is never the old state. */
  const changed = async (message: string): Promise<void> => {
    try {
      setSite(await readSiteFramework(services.indices, await resolveFramework(builtIn)));
    } catch {
      setGeneration((g) => g + 1);
    }
    setNotice(message);
    setConfirmRetire(undefined);
    setMode({ kind: 'list' });
    onChanged();
  };

  const act = async (work: () => Promise<string>): Promise<void> => {
    setError(undefined);
    let message: string;
    try {
      message = await work();
    } catch (e) {
      setError(toDataError(e));
      return;
    }
    await changed(message);
  };

  if (loadError) return <Problem error={loadError} onRetry={() => setGeneration((g) => g + 1)} />;
  if (!site) return <Loading label="Loading the framework…" />;

  const active = site.framework.indices.filter((i) => !i.retired);
  const retired = site.framework.indices.filter((i) => i.retired);
  const themes = themesOf(site);

  if (mode.kind === 'add' || mode.kind === 'reword') {
    const index = mode.kind === 'reword' ? site.framework.indices.find((i) => i.id === mode.indexId) : undefined;
    const initial: IndexDraft = index ? indexToDraft(index) : blankDraft(mode.kind === 'add' ? mode.from : undefined);
    return (
      <div className={styles}>
        <IndexForm
          key={mode.kind === 'reword' ? mode.indexId : `add-${mode.from ?? ''}`}
          mode={mode.kind}
          initial={initial}
          themes={themes}
          levels={site.builtIn.levels}
          isLocal={index?.origin === 'local'}
          onCancel={() => {
            setMode({ kind: 'list' });
            setGeneration((g) => g + 1);
          }}
          onSave={async (draft) => {
            if (mode.kind === 'add') {
              const added = await addLocalIndex(services.indices, site, draft);
              await changed(`Added ${added.title} (index id ${added.id}). Officers can assess it in the current draft and every new year.`);
            } else {
              const saved = await rewordIndex(services.indices, site, mode.indexId, draft);
              await changed(`Saved the new wording of ${saved.title}. Drafts show it now; years already submitted or signed off keep the words they were assessed against.`);
            }
          }}
        />
      </div>
    );
  }

  if (mode.kind === 'import') {
    return (
      <div className={styles}>
        <ImportFramework
          preview={(text) => previewImport(site, text)}
          apply={async (text, plan) => (await applyImport(services.indices, site.builtIn, text, plan)).done}
          onDone={(done) => changed(`Imported the framework file: ${done.join('; ')}.`).catch(() => undefined)}
          onCancel={() => setMode({ kind: 'list' })}
        />
      </div>
    );
  }

  const download = (): void => {
    const siteName = decodeURIComponent(siteUrl.replace(/\/+$/, '').split('/').pop() ?? '');
    const { fileName, text } = exportFramework(site, siteName, toIsoDate(new Date()));
    saveBytes(new TextEncoder().encode(text), fileName, 'application/json');
    setNotice(`Exported the framework as ${fileName}: ${active.length} in use and ${retired.length} retired.`);
  };

  const row = (index: MaturityIndex): JSX.Element => (
    <tr key={index.id}>
      <th scope="row" data-label="Key area or enabler">
        {index.title}
        <div className="nps-meta">Index id {index.id}</div>
      </th>
      <td data-label="Where">{placeOf(index, site)}</td>
      <td data-label="Whose words">{words(index)}</td>
      <td data-label="Status">{index.retired ? 'Retired: kept only in the years that assessed it' : 'In use'}</td>
      <td data-label="Change">
        {confirmRetire === index.id ? (
          <div role="group" aria-label={`Retire ${index.title}?`}>
            <p>Retire {index.title}? It leaves new years and drafts that have not assessed it. Every year that assessed it keeps it, as it was.</p>
            <div className="nps-actions">
              <PrimaryButton autoFocus onClick={() => act(async () => `Retired ${(await retireIndex(services.indices, site, index.id)).title}. Years that assessed it keep it.`)} text={`Retire ${index.title}`} />
              <DefaultButton onClick={() => setConfirmRetire(undefined)} text="Keep it" />
            </div>
          </div>
        ) : (
          <div className="nps-actions">
            <DefaultButton onClick={() => setMode({ kind: 'reword', indexId: index.id })} text="Reword" ariaLabel={`Reword ${index.title}`} />
            {index.retired ? (
              <DefaultButton onClick={() => act(async () => `Restored ${(await restoreIndex(services.indices, site, index.id)).title}: it is in drafts and new years again.`)} text="Restore" ariaLabel={`Restore ${index.title}`} />
            ) : (
              <DefaultButton onClick={() => setConfirmRetire(index.id)} text="Retire" ariaLabel={`Retire ${index.title}`} />
            )}
          </div>
        )}
      </td>
    </tr>
  );

  return (
    <div className={styles}>
      <h4 ref={headingRef} tabIndex={-1}>
        Manage the framework
      </h4>
      <p>
        Add your council&apos;s own key areas and enablers, reword, retire or restore them, and export or import the framework. Drafts follow the framework as it
        is now. Years already submitted or signed off always keep the key areas, enablers and descriptors they were assessed against, whatever changes here or in
        the Maturity indices list itself.
      </p>
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <MessageBar messageBarType={MessageBarType.success} isMultiline onDismiss={() => setNotice('')} dismissButtonAriaLabel="Close message">
            {notice}
          </MessageBar>
        </div>
      )}
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {site.skipped.length > 0 && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline>
          <p>These items in the Maturity indices list fail the framework&apos;s checks, so they are left out until a site owner fixes them in the list:</p>
          <ul>
            {site.skipped.map((s) => (
              <li key={s.itemId}>{describeSkippedIndex(s)}</li>
            ))}
          </ul>
        </MessageBar>
      )}
      <div className="nps-framework-tools">
        <PrimaryButton onClick={() => setMode({ kind: 'add' })} text="Add a local index" />
        {STARTING_POINTS.map((point) => (
          <DefaultButton key={point.id} onClick={() => setMode({ kind: 'add', from: point.id })} text={`Add from the strategy's starting point: ${point.name}`} />
        ))}
        <DefaultButton onClick={download} text="Export the framework (JSON file)" />
        <DefaultButton onClick={() => setMode({ kind: 'import' })} text="Import a framework file" />
      </div>
      <table className="nps-table nps-table--stack">
        <caption>
          Key areas and enablers on this site: {active.length} in use, {retired.length} retired
        </caption>
        <thead>
          <tr>
            <th scope="col">Key area or enabler</th>
            <th scope="col">Where</th>
            <th scope="col">Whose words</th>
            <th scope="col">Status</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>{[...active, ...retired].map(row)}</tbody>
      </table>
      <div className="nps-actions">
        <DefaultButton onClick={onClose} text="Close the framework" />
      </div>
    </div>
  );
}
