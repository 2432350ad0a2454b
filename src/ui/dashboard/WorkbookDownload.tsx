import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { SCREEN_ONLY } from './printStyles';

export interface WorkbookDownloadProps {
  periodName: string;
  /** Makes the workbook and starts the download; resolves with the file's name. */
  onDownload: () => Promise<string>;
}

type Progress = { status: 'idle' } | { status: 'working' } | { status: 'done'; fileName: string } | { status: 'failed'; message: string };

const areaClass = mergeStyles({ margin: '12px 0', selectors: { p: { margin: '4px 0' }, progress: { display: 'block', maxWidth: 320, height: 8 } } });

let nextId = 0;

/** Why a workbook could not be made, in words a manager can act on. */
function failureMessage(periodName: string, error: unknown): string {
  const e = error as { name?: string; message?: string } | undefined;
  const reason =
    e?.name === 'ChunkLoadError' || /loading (css )?chunk/i.test(e?.message ?? '')
      ? 'the part of the app that writes workbooks could not be loaded (check the connection)'
      : e?.message || 'something went wrong while writing it';
  return `The Excel workbook for ${periodName} could not be made: ${reason}. Nothing on the dashboard has changed. Try again; if it fails again, tell the site owner.`;
}

/**
 * "Download Excel workbook": the year's assessments, actions and trends as an .xlsx file. The workbook
 * code is large, so it is loaded only when pressed; until the file is ready the button says so, and a
 * failure is explained while the dashboard stays as it was.
 */
export function WorkbookDownload({ periodName, onDownload }: WorkbookDownloadProps): JSX.Element {
  const [progress, setProgress] = React.useState<Progress>({ status: 'idle' });
  const [id] = React.useState(() => `nps-workbook-${++nextId}`);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  // Another year's button starts afresh.
  React.useEffect(() => setProgress({ status: 'idle' }), [periodName]);
  const working = progress.status === 'working';

  const start = async (): Promise<void> => {
    // aria-disabled rather than disabled, so keyboard focus stays on the button while it works.
    if (working) return;
    setProgress({ status: 'working' });
    try {
      const fileName = await onDownload();
      if (mounted.current) setProgress({ status: 'done', fileName });
    } catch (e) {
      if (mounted.current) setProgress({ status: 'failed', message: failureMessage(periodName, e) });
    }
  };

  return (
    <div className={`${areaClass} ${SCREEN_ONLY}`}>
      <button type="button" className="nps-button" onClick={start} aria-disabled={working || undefined} aria-describedby={`${id}-what`}>
        Download Excel workbook for {periodName}
      </button>
      <p id={`${id}-what`} className="nps-meta">
        Every theme, the enablers, the year&apos;s actions and the levels over the years, as an .xlsx file.
      </p>
      {working && <progress aria-hidden="true" />}
      <p role="status" className="nps-status">
        {working ? `Preparing the Excel workbook for ${periodName}…` : progress.status === 'done' ? `${progress.fileName} is ready: find it in your browser's downloads.` : ''}
      </p>
      {progress.status === 'failed' && (
        <p role="alert" className="nps-error">
          {progress.message}
        </p>
      )}
    </div>
  );
}
