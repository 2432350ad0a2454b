import { DataError, toDataError } from '../data/errors';
import { loadWorkflow } from '../data/workflowOnDemand';
import { notificationLinks } from './links';
import { DataServices } from '../data/services';
import { Workspace } from '../data/workspace';
import { SignOffAction } from '../domain/signOff';
import { HostContext } from '../host';

/**
 * What a view's sign-off buttons do: take the step for the signed-in person, reload, and report a
 * refusal or an email that could not be sent through `report` (a failed return or reopening is thrown, so its comment box can keep the comment) (undefined clears the message).
 */
export function signOffHandler(
  services: DataServices,
  workspace: Workspace,
  host: HostContext,
  reload: () => void,
  report: (problem: DataError | undefined) => void
): (action: SignOffAction, comment?: string) => Promise<void> {
  return async (action, comment) => {
    const { period, role, user, framework, assessments } = workspace;
    if (!period || role === 'reader') return;
    report(undefined);
    try {
      const { takeSignOffStep } = await loadWorkflow();
      const { warning } = await takeSignOffStep(
        services,
        { period, framework, assessments },
        { action, comment },
        { role, userId: user.id, displayName: user.displayName },
        notificationLinks(host.links)
      );
      reload();
      if (warning) report(new DataError('refused', warning));
    } catch (e) {
      // A return or reopening that failed keeps its comment box open with what was typed, and says why there.
      if (action === 'return' || action === 'reopen') throw toDataError(e);
      report(toDataError(e));
    }
  };
}
