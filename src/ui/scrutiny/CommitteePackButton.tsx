import * as React from 'react';
import { Button } from '../components/Controls';
import { HostContext } from '../../host';
import { DataServices } from '../../data/services';
import { Workspace } from '../../data/workspace';
import { Role } from '../../domain/signOff';
import { Loading } from '../components/Loading';

// The form, the docx library and the pack code load when someone asks for the pack, never with the page.
const CommitteePackForm = React.lazy(() => import(/* webpackChunkName: 'committee-pack' */ './CommitteePackForm'));

export interface CommitteePackButtonProps {
  host: HostContext;
  services: DataServices;
  /** The loaded view: the year, its framework, assessments, actions and challenges. */
  workspace: Workspace;
  /** The council's name for the cover, when the page knows it; otherwise the person types it once. */
  councilName?: string;
  /** Today, for the actions' RAG (tests pass a fixed date). */
  today?: string;
}

/** Officers, approvers and site owners make the pack (they can write to Committee packs); councillors read it. */
export function canMakeCommitteePack(role: Role | 'reader'): boolean {
  return role === 'officer' || role === 'approver' || role === 'owner';
}

/**
 * "Make the committee pack": for officers, approvers and site owners; opens the pack form, which
 * builds the Word document in the browser, saves it to Committee packs and downloads it.
 */
export function CommitteePackButton(props: CommitteePackButtonProps): JSX.Element | null {
  const [open, setOpen] = React.useState(false);
  if (!canMakeCommitteePack(props.workspace.role) || !props.workspace.period) return null;
  if (!open) return <Button onClick={() => setOpen(true)}>Make the committee pack</Button>;
  return (
    <React.Suspense fallback={<Loading label="Opening the committee pack…" />}>
      <CommitteePackForm {...props} onCancel={() => setOpen(false)} />
    </React.Suspense>
  );
}
