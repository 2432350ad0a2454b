import type { Framework } from '../../framework/types';
import { HostContext } from '../../host';
import { isPeriodLocked } from '../../domain/signOff';
import { currentViews, GatheredView, hiddenUntilGiven, indicesAskedOf, spreadOf, ViewSpread } from '../../domain/views';
import type { LevelId } from '../../framework/types';
import type { Workspace } from '../../data/workspace';
import type { GatheredViews } from '../assessment/AssessmentEditor';

/** When the year was submitted, while it is submitted or signed off: a view given after it does not count. */
export function submittedAt(workspace: Pick<Workspace, 'period'>): string | undefined {
  const period = workspace.period;
  return period && isPeriodLocked(period.status) ? period.submittedOn : undefined;
}

/**
 * What the editor shows of colleagues' views on one index: the spread of the views that count, those
 * given too late, and whether this person must give their own first (they were asked, and have not).
 */
export function gatheredFor(
  workspace: Pick<Workspace, 'views' | 'invitations' | 'user' | 'period' | 'framework'>,
  indexId: string,
  handlers: Pick<GatheredViews, 'onEnterPaper' | 'onPaperEntered'>
): GatheredViews | undefined {
  const { views, invitations, user } = workspace;
  if (views.length === 0 && invitations.length === 0 && !handlers.onEnterPaper) return undefined;
  const { current, late } = currentViews(views, { submittedAt: submittedAt(workspace) });
  const forIndex = current.filter((v) => v.indexId === indexId);
  const askedMe = indicesAskedOf(invitations, user.loginName, workspace.framework.indices.map((i) => i.id)).indexOf(indexId) >= 0;
  const shown: GatheredView[] = askedMe ? hiddenUntilGiven(forIndex, user) : forIndex;
  return {
    spread: spreadOf(indexId, shown),
    late: late.filter((v) => v.indexId === indexId),
    hiddenUntilGiven: askedMe && shown.length === 0 && forIndex.length > 0,
    ...handlers,
  };
}

/** For the index table: per index, how many views count and whether they are two or more levels apart. */
export function viewsByIndex(
  workspace: Pick<Workspace, 'views' | 'invitations' | 'user' | 'period' | 'framework'>
): Record<string, { total: number; differs: boolean; hidden?: boolean }> | undefined {
  if (workspace.views.length === 0) return undefined;
  const result: Record<string, { total: number; differs: boolean; hidden?: boolean }> = {};
  for (const index of workspace.framework.indices) {
    const gathered = gatheredFor(workspace, index.id, {});
    if (gathered) result[index.id] = { total: gathered.spread.total, differs: gathered.spread.differsByTwoOrMore, hidden: gathered.hiddenUntilGiven };
  }
  return result;
}

/**
 * For the committee pack: per index with views that count or a moderation note, the spread, the agreed
 * level and the note. Undefined when the year gathered no views, so the pack is as it always was.
 */
export function viewsForPack(
  workspace: Pick<Workspace, 'views' | 'assessments' | 'period'>
): Record<string, { spread: ViewSpread; agreedLevel?: LevelId; moderationNote?: string }> | undefined {
  const { current } = currentViews(workspace.views, { submittedAt: submittedAt(workspace) });
  const result: Record<string, { spread: ViewSpread; agreedLevel?: LevelId; moderationNote?: string }> = {};
  const ids = new Set([...current.map((v) => v.indexId), ...workspace.assessments.filter((a) => (a.moderationNote ?? '').trim()).map((a) => a.indexId)]);
  for (const indexId of ids) {
    const assessment = workspace.assessments.find((a) => a.indexId === indexId);
    result[indexId] = {
      spread: spreadOf(
        indexId,
        current.filter((v) => v.indexId === indexId)
      ),
      agreedLevel: assessment?.currentLevel,
      moderationNote: assessment?.moderationNote || undefined,
    };
  }
  return ids.size ? result : undefined;
}

/**
 * The page an invitation's link opens (on "Give your views"): the Assessment page in SharePoint, since
 * colleagues outside procurement may not have the Teams app; on a SharePoint page with none set, this page.
 */
export function assessmentPageUrl(host: HostContext): string | undefined {
  if (host.links?.pages.assessment) return host.links.pages.assessment;
  if ((host.kind === 'SharePoint' || host.kind === 'Preview') && typeof window !== 'undefined') return `${window.location.origin}${window.location.pathname}`;
  return undefined;
}

/** The blank print-and-gather pack, built in the browser and downloaded (docx loads only now). */
export async function downloadBlankPack(input: { framework: Framework; periodName: string; indexIds: string[]; leadName?: string; councilName?: string }): Promise<void> {
  const [{ buildBlankViewsPack, viewsPackFileName }, { saveBytes }] = await Promise.all([
    import(/* webpackChunkName: 'views-pack' */ '../../export/viewsPack'),
    import(/* webpackChunkName: 'views-pack' */ '../../export/download'),
  ]);
  const bytes = await buildBlankViewsPack(input);
  saveBytes(bytes, viewsPackFileName(input.periodName), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
}
