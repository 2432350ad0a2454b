import * as React from 'react';
import { Button } from '../components/Controls';
import { HostContext } from '../../host';
import { DataServices } from '../../data/services';
import { Role } from '../../domain/signOff';
import { Loading } from '../components/Loading';

// The people picker, PnPjs's sharing code and the panel load when someone opens it, never with the page.
const ShareForScrutinyPanel = React.lazy(() => import(/* webpackChunkName: 'scrutiny-sharing' */ './ShareForScrutinyPanel'));

export interface ShareForScrutinyProps {
  host: HostContext;
  services: DataServices;
  /** The person's role in the app: only approvers and site owners share. */
  role: Role | 'reader';
  /** The signed-off year the review is shared for, named in the invitation. */
  periodName?: string;
  /**
   * The scrutiny review page the invitation links to. Defaults to the configured page
   * (NpsMaturityScrutinyPageUrl); the scrutiny review web part passes the page it is on when none is configured.
   */
  pageUrl?: string;
}

/** Whether the role may share the review: approvers and site owners (SharePoint enforces it: they own Scrutiny members). */
export function canShareForScrutiny(role: Role | 'reader'): boolean {
  return role === 'approver' || role === 'owner';
}

/**
 * "Share for scrutiny": a button for approvers and site owners that opens the sharing panel (people
 * search over the council's directory, a message, Share; who has access, with Remove). Nothing for
 * anyone else. Self-contained, so the dashboard and the scrutiny review mount it the same way.
 */
export function ShareForScrutiny({ host, services, role, periodName, pageUrl }: ShareForScrutinyProps): JSX.Element | null {
  const [open, setOpen] = React.useState(false);
  const opener = React.useRef<HTMLButtonElement>(null);
  if (!canShareForScrutiny(role)) return null;
  const page = pageUrl ?? host.links?.pages.scrutiny;
  return (
    <>
      <Button buttonRef={opener} ariaLabel={periodName ? `Share the ${periodName} scrutiny review with councillors` : 'Share the scrutiny review with councillors'} onClick={() => setOpen(true)}>
        Share for scrutiny
      </Button>
      {open && (
        <React.Suspense fallback={<Loading label="Opening sharing…" />}>
          <ShareForScrutinyPanel
            host={host}
            services={services}
            periodName={periodName}
            pageUrl={page}
            onDismiss={() => {
              setOpen(false);
              // Back to where the person was, for keyboard and screen reader users.
              setTimeout(() => opener.current?.focus(), 0);
            }}
          />
        </React.Suspense>
      )}
    </>
  );
}
