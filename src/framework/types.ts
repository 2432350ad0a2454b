/**
 * The shape of a maturity framework: the National Procurement Strategy 2018 ships with the product,
 * and tailored or later frameworks live beside it with their own id and version.
 */

export type LevelId = 'minimum' | 'developing' | 'mature' | 'leader' | 'innovator';

/** Levels in order from weakest to strongest; the number is the level's position (1 to 5). */
export const LEVEL_IDS: readonly LevelId[] = ['minimum', 'developing', 'mature', 'leader', 'innovator'];

export type IndexKind = 'keyArea' | 'enabler';

export interface MaturityLevel {
  id: LevelId;
  /** 1 (Minimum) to 5 (Innovator). */
  rank: number;
  title: string;
}

export interface Theme {
  id: string;
  title: string;
  order: number;
}

/** A key area or an enabler: something the council assesses its maturity against. */
export interface MaturityIndex {
  id: string;
  kind: IndexKind;
  /** The theme a key area belongs to; enablers cut across the themes and have none. */
  themeId: string | null;
  title: string;
  order: number;
  description: string;
  whatItIs: string;
  whyItIsImportant: string;
  /**
   * What each level looks like, as plain text. Where the strategy prints a bullet list the text is an
   * optional intro line followed by one line per item starting with "- " (see descriptorText.ts).
   */
  descriptors: Record<LevelId, string>;
  /**
   * Whose words these are. Absent: the framework's own (for nps-2018, the strategy's). 'local': an
   * index the council (or its regional group) added, with an id starting "local-" (see localIndex.ts);
   * its texts are the council's, never the strategy's. 'reworded': one of the framework's own indices
   * whose texts a site owner has changed, so they are no longer the framework's words.
   */
  origin?: IndexOrigin;
  /** For a local index begun from an objective the strategy names (see startingPoints.ts). */
  startingPoint?: StartingPointId;
  /**
   * Retired by a site owner: it has left new periods and is shown only in a period that assessed it
   * (a draft or submitted year that had already assessed it, or a signed-off year's record).
   */
  retired?: boolean;
}

export type IndexOrigin = 'local' | 'reworded';

/** The objectives the strategy names as ones a council might add (its Introduction). */
export type StartingPointId = 'ethical-procurement' | 'green-social-value';

/** Their ids; what each is, in the strategy's words, is in startingPoints.ts (loaded only where shown). */
export const STARTING_POINT_IDS: readonly StartingPointId[] = ['ethical-procurement', 'green-social-value'];

export interface Framework {
  id: string;
  version: string;
  title: string;
  source: string;
  /**
   * What the framework says about choosing a target level, in its own words: for the 2018 strategy,
   * that each council chooses its own and that 'developing' or 'mature' can be the right target.
   * Plain text; a blank line separates paragraphs.
   */
  targetGuidance: string;
  levels: MaturityLevel[];
  themes: Theme[];
  indices: MaturityIndex[];
}
