import { SPFI } from '@pnp/sp';
import { Framework, LEVEL_IDS, LevelId, MaturityIndex, Theme } from '../../framework/types';
import { parseFramework } from '../../framework/loadFramework';

import { col } from '../fieldValues';
import { DataError } from '../errors';
import { eq } from '../odata';
import { ListRepository, SpItem } from './listRepository';

const INDEX_ID = col('indices', 'NpsIndexId');
const THEME_ID = col('indices', 'NpsThemeId');
const THEME_TITLE = col('indices', 'NpsThemeTitle');
const KIND = col('indices', 'NpsIndexKind');
const DESCRIPTION = col('indices', 'NpsIndexDescription');
const WHAT = col('indices', 'NpsWhatItIs');
const WHY = col('indices', 'NpsWhyItIsImportant');
const ORDER = col('indices', 'NpsSortOrder');
const RETIRED = col('indices', 'NpsRetired');
const SOURCE = col('indices', 'NpsSourceFramework');
const VERSION = col('indices', 'NpsFrameworkVersion');
const DESCRIPTOR: Record<LevelId, string> = {
  minimum: col('indices', 'NpsDescriptorMinimum'),
  developing: col('indices', 'NpsDescriptorDeveloping'),
  mature: col('indices', 'NpsDescriptorMature'),
  leader: col('indices', 'NpsDescriptorLeader'),
  innovator: col('indices', 'NpsDescriptorInnovator'),
};

export interface DeployedIndex extends MaturityIndex {
  itemId: number;
  themeTitle: string;
  retired: boolean;
  sourceFramework: string;
  frameworkVersion: string;
}

/** The framework as deployed on this site: seeded from the strategy, tailored by site owners. */
export class IndexRepository extends ListRepository<DeployedIndex> {
  protected readonly select = ['Id', 'Title', INDEX_ID, THEME_ID, THEME_TITLE, KIND, DESCRIPTION, WHAT, WHY, ORDER, RETIRED, SOURCE, VERSION, ...Object.values(DESCRIPTOR)];
  protected readonly expand: string[] = [];

  constructor(sp: SPFI) {
    super(sp, 'indices');
  }

  protected fromItem(item: SpItem): DeployedIndex {
    const descriptors = {} as Record<LevelId, string>;
    for (const level of LEVEL_IDS) descriptors[level] = item[DESCRIPTOR[level]] ?? '';
    return {
      itemId: item.Id,
      id: item[INDEX_ID],
      kind: item[KIND] === 'Enabler' ? 'enabler' : 'keyArea',
      themeId: item[KIND] === 'Enabler' ? null : item[THEME_ID] ?? null,
      themeTitle: item[THEME_TITLE] ?? '',
      title: item.Title ?? '',
      order: Number(item[ORDER] ?? 0),
      description: item[DESCRIPTION] ?? '',
      whatItIs: item[WHAT] ?? '',
      whyItIsImportant: item[WHY] ?? '',
      descriptors,
      retired: item[RETIRED] === true || item[RETIRED] === 1,
      sourceFramework: item[SOURCE] ?? '',
      frameworkVersion: item[VERSION] ?? '',
    };
  }

  public all(via?: SPFI): Promise<DeployedIndex[]> {
    return this.readAll({ orderBy: [[ORDER, true]] }, via);
  }

  /**
   * The deployed framework, checked like any framework file: a site owner's edit that leaves an empty
   * descriptor or an unknown theme is reported by index and field, not shown half-broken.
   */
  public static toFramework(deployed: DeployedIndex[], base: Framework): Framework {
    const active = deployed.filter((i) => !i.retired);
    const themes: Theme[] = [];
    for (const index of active) {
      if (index.themeId && !themes.some((t) => t.id === index.themeId)) {
        const known = base.themes.find((t) => t.id === index.themeId);
        themes.push({ id: index.themeId, title: index.themeTitle || known?.title || index.themeId, order: known?.order ?? 100 + themes.length });
      }
    }
    const raw = {
      id: base.id,
      version: active.find((i) => i.frameworkVersion)?.frameworkVersion ?? base.version,
      title: base.title,
      source: base.source,
      levels: base.levels,
      themes,
      indices: active.map(({ itemId, themeTitle, retired, sourceFramework, frameworkVersion, ...index }) => index), // eslint-disable-line @typescript-eslint/no-unused-vars
    };
    try {
      return parseFramework(raw);
    } catch (e) {
      throw new DataError('refused', `The maturity indices list has a problem a site owner needs to fix. ${(e as Error).message}`);
    }
  }

  /** Adds the framework's indices that are not on the site yet; returns the titles it added. */
  public async seed(framework: Framework): Promise<string[]> {
    const existing = new Set((await this.all()).map((i) => i.id));
    const added: string[] = [];
    for (const index of framework.indices) {
      if (existing.has(index.id)) continue;
      const theme = framework.themes.find((t) => t.id === index.themeId);
      const fields: Record<string, unknown> = {
        Title: index.title,
        [INDEX_ID]: index.id,
        [THEME_ID]: index.themeId,
        [THEME_TITLE]: theme?.title ?? null,
        [KIND]: index.kind === 'enabler' ? 'Enabler' : 'Key area',
        [DESCRIPTION]: index.description,
        [WHAT]: index.whatItIs,
        [WHY]: index.whyItIsImportant,
        [ORDER]: (index.kind === 'enabler' ? 100 : 0) + index.order,
        [RETIRED]: false,
        [SOURCE]: framework.id,
        [VERSION]: framework.version,
      };
      for (const level of LEVEL_IDS) fields[DESCRIPTOR[level]] = index.descriptors[level];
      await this.write(fields);
      added.push(index.title);
    }
    return added;
  }

  public async byIndexId(indexId: string): Promise<DeployedIndex | undefined> {
    const found = await this.readAll({ filter: eq(INDEX_ID, indexId) });
    return found[0];
  }
}

