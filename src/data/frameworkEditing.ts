import { FieldProblem } from '../domain/validation';
import { frameworkFileName, frameworkFileText, ImportPlan, planFrameworkImport, SiteIndex } from '../framework/frameworkFile';
import { isLocalIndexId } from '../framework/ids';
import { checkIndexDraft, DraftContext, draftToIndex, IndexDraft, localIndexId } from '../framework/localIndex';
import { Framework, MaturityIndex, Theme } from '../framework/types';
import { DataError, toDataError, ValidationError } from './errors';
import { checkDeployedIndex, DeployedIndex, IndexRepository, SkippedIndex } from './repositories/indexRepository';

/**
 * What site owners do to the framework from the app: add a local index, reword, retire and restore,
 * export the framework as a file and import one. Only site owners can write the Maturity indices list
 * (SharePoint answers anyone else 403), so these work only for them, whatever the page shows.
 *
 * Every change is checked as strictly as the built-in framework before anything is sent, and written
 * with the ETag it was read with, so nobody's edit made meanwhile (here or in the list's own form) is
 * overwritten. Nothing here rewrites history: see periodFramework.ts for how each period keeps the
 * framework it was assessed against.
 */

/** The site's framework as a site owner manages it: every item, and every sound index (retired ones marked). */
export interface SiteFramework {
  builtIn: Framework;
  deployed: DeployedIndex[];
  /** Every index that passes its checks, active and retired (retired marked `retired`). */
  framework: Framework;
  /** Items left out because they fail their checks, to fix in the list. */
  skipped: SkippedIndex[];
}

export async function readSiteFramework(indices: IndexRepository, builtIn: Framework): Promise<SiteFramework> {
  const deployed = await indices.all();
  const { framework, skipped } = IndexRepository.toFramework(deployed, builtIn, { keepRetired: () => true });
  return { builtIn, deployed, framework, skipped };
}

/** The themes a key area may join: the site's, then the strategy's it no longer uses. */
export function themesOf(site: SiteFramework): Theme[] {
  const themes = [...site.framework.themes];
  for (const theme of site.builtIn.themes) if (!themes.some((t) => t.id === theme.id)) themes.push(theme);
  return themes.sort((a, b) => a.order - b.order);
}

function draftContext(site: SiteFramework, except?: string): DraftContext {
  return {
    themes: themesOf(site),
    framework: site.builtIn,
    otherTitles: site.framework.indices.filter((i) => !i.retired && i.id !== except).map((i) => i.title),
  };
}

function refuse(problems: Array<{ field: string; message: string }>): never {
  throw new ValidationError(problems.map((p): FieldProblem => ({ field: p.field, message: p.message })));
}

const item = (site: SiteFramework, id: string): DeployedIndex => {
  const found = site.deployed.find((i) => i.id === id);
  if (!found) throw new DataError('notFound', `There is no index ${id} in the Maturity indices list any more; someone may have deleted it. Reload to see the list as it is.`);
  return found;
};

/** Where a new index of `kind` goes: after every other of its kind, retired ones included. */
function nextPosition(site: SiteFramework, kind: MaturityIndex['kind']): number {
  const base = kind === 'enabler' ? 100 : 0;
  const orders = site.deployed.filter((i) => i.kind === kind && Number.isFinite(i.order)).map((i) => i.order);
  return Math.max(base, ...orders) + 1;
}

/**
 * Adds a local index from a site owner's draft: refused with a problem per field unless it passes
 * the same checks as the built-in framework. Its id is made from the title ("local-…") and never
 * changes; if someone adds the same id at the same moment, the next free one is taken.
 */
export async function addLocalIndex(indices: IndexRepository, site: SiteFramework, draft: IndexDraft): Promise<DeployedIndex> {
  const problems = checkIndexDraft(draft, draftContext(site));
  if (problems.length) refuse(problems);
  const themeTitle = themesOf(site).find((t) => t.id === draft.themeId)?.title ?? '';
  let taken = site.deployed.map((i) => i.id);
  for (let attempt = 0; ; attempt++) {
    const id = localIndexId(draft.title, taken);
    try {
      return await indices.add({ index: draftToIndex(draft, id, nextPosition(site, draft.kind)), themeTitle }, 'local');
    } catch (e) {
      if (!(e instanceof DataError && e.kind === 'duplicate') || attempt > 2) throw e;
      taken = [...taken, id];
    }
  }
}

/**
 * Rewords an index (title, texts, descriptors, theme) from a site owner's draft. Its id and kind
 * never change: the id ties it to its assessments, and a key area that became an enabler would no
 * longer match its history. Years already submitted or signed off keep the words they were assessed
 * against (periodFramework.ts); drafts take the new words.
 */
export async function rewordIndex(indices: IndexRepository, site: SiteFramework, indexId: string, draft: IndexDraft): Promise<DeployedIndex> {
  const current = item(site, indexId);
  const problems = checkIndexDraft(draft, draftContext(site, indexId));
  if (draft.kind !== current.kind) problems.unshift({ field: 'kind', message: 'An index cannot change between key area and enabler: its history would no longer match. Retire it and add a new one instead.' });
  if (draft.startingPoint && !isLocalIndexId(indexId)) problems.push({ field: 'startingPoint', message: 'Only a local index can name a starting point, not one of the strategy\'s.' });
  if (problems.length) refuse(problems);
  const themeTitle = themesOf(site).find((t) => t.id === draft.themeId)?.title ?? '';
  return indices.reword(current, { index: draftToIndex(draft, current.id, current.order), themeTitle });
}

/**
 * Retires an index: it leaves new periods and drafts that have not assessed it, and stays, as it was,
 * in every period that assessed it. The item is kept (never deleted) with its version history.
 */
export async function retireIndex(indices: IndexRepository, site: SiteFramework, indexId: string): Promise<DeployedIndex> {
  const current = item(site, indexId);
  if (current.retired) return current;
  const stillActive = site.framework.indices.filter((i) => !i.retired && i.id !== indexId);
  if (!stillActive.length) throw new DataError('refused', `${current.title} is the only key area or enabler left, so it cannot be retired: there would be nothing to assess.`);
  return indices.setRetired(current, true);
}

/** Restores a retired index to new periods and drafts; refused while it fails its checks or shares a title with an active index. */
export async function restoreIndex(indices: IndexRepository, site: SiteFramework, indexId: string): Promise<DeployedIndex> {
  const current = item(site, indexId);
  if (!current.retired) return current;
  const problems = checkDeployedIndex(current, new Map(site.builtIn.indices.map((i) => [i.id, i] as [string, MaturityIndex])));
  if (problems.length) {
    throw new DataError('refused', `${current.title} cannot be restored until it is fixed in the Maturity indices list (item ${current.itemId}): ${problems.join('; ')}.`);
  }
  const clash = site.framework.indices.find((i) => !i.retired && i.title.trim().toLowerCase() === current.title.trim().toLowerCase());
  if (clash) throw new DataError('refused', `${current.title} cannot be restored while another key area or enabler (${clash.id}) has the same title. Reword one of them first.`);
  return indices.setRetired(current, false);
}

/** The site's framework as a file: every sound index, retired ones marked, local ones marked local. */
export function exportFramework(site: SiteFramework, siteName: string, today: string): { fileName: string; text: string } {
  return { fileName: frameworkFileName(siteName, today), text: frameworkFileText(site.framework) };
}

function siteIndices(site: SiteFramework): SiteIndex[] {
  return site.deployed.map((d) => ({
    itemId: d.itemId,
    etag: d.etag,
    index: { ...d, startingPoint: (d.startingPointValue || undefined) as MaturityIndex['startingPoint'], ...(d.retired ? { retired: true } : {}) },
    themeTitle: d.themeTitle || site.builtIn.themes.find((t) => t.id === d.themeId)?.title || '',
  }));
}

/**
 * What importing the file would change, changing nothing. Throws FrameworkValidationError listing
 * every problem when the file is malformed or conflicts with the site (planFrameworkImport).
 */
export function previewImport(site: SiteFramework, text: string): ImportPlan {
  return planFrameworkImport(text, siteIndices(site), site.builtIn, themesOf(site));
}

/** What an import did, line by line, for the person who confirmed it. */
export interface ImportOutcome {
  done: string[];
}

/** Raised when an import stopped part-way: what was done stays done, and importing the file again finishes it. */
export class ImportStoppedError extends DataError {
  constructor(
    public readonly done: string[],
    cause: DataError
  ) {
    super(
      cause.kind,
      `The import stopped part-way: ${cause.message} ${done.length ? `Already done: ${done.join('; ')}. ` : 'Nothing was changed. '}Import the same file again to finish: it previews only what is still to do.`,
      cause.status
    );
    this.name = 'ImportStoppedError';
  }
}

/** A plan in a form that shows whether two plans would do the same thing. */
function planKey(plan: ImportPlan): string {
  return JSON.stringify({
    added: plan.added.map((a) => a.index.id),
    reworded: plan.reworded.map((c) => [c.site.index.id, c.changes]),
    retired: plan.retired.map((r) => r.index.id),
    restored: plan.restored.map((c) => [c.site.index.id, c.changes]),
  });
}

/**
 * Applies an import the site owner has previewed and confirmed. The list is read again first: if it
 * changed since the preview so the file would now do something else, nothing is applied and the owner
 * is asked to preview again. Writes use the ETags just read, additions first and retirements last, so
 * an import that stops part-way never leaves the site with fewer indices than it started with.
 */
export async function applyImport(indices: IndexRepository, builtIn: Framework, text: string, previewed: ImportPlan): Promise<ImportOutcome> {
  const site = await readSiteFramework(indices, builtIn);
  const plan = previewImport(site, text);
  if (planKey(plan) !== planKey(previewed)) {
    throw new DataError('conflict', 'The framework on this site changed after the preview, so the file would now do something else. Nothing was imported: preview the file again.');
  }
  const done: string[] = [];
  try {
    // A regional group's file names its own framework as the source of what it adds.
    const source = plan.file.id === builtIn.id ? 'local' : plan.file.id;
    const version = plan.file.id === builtIn.id ? '' : plan.file.version;
    const addedOfKind = { keyArea: 0, enabler: 0 };
    for (const { index, themeTitle } of plan.added) {
      await indices.add({ index: { ...index, order: nextPosition(site, index.kind) + addedOfKind[index.kind] }, themeTitle }, source, version);
      addedOfKind[index.kind] += 1;
      done.push(`added ${index.title}`);
    }
    for (const change of plan.restored) {
      const current = item(site, change.site.index.id);
      const reworded = change.changes.length ? await indices.reword(current, { index: change.next, themeTitle: change.nextThemeTitle }) : current;
      await indices.setRetired(reworded, false);
      done.push(`restored ${change.next.title}`);
    }
    for (const change of plan.reworded) {
      await indices.reword(item(site, change.site.index.id), { index: change.next, themeTitle: change.nextThemeTitle });
      done.push(`reworded ${change.next.title}`);
    }
    for (const retired of plan.retired) {
      await indices.setRetired(item(site, retired.index.id), true);
      done.push(`retired ${retired.index.title}`);
    }
  } catch (e) {
    throw new ImportStoppedError(done, toDataError(e, indices.listTitle));
  }
  return { done };
}
