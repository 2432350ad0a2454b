import { StartingPointId } from './types';

/**
 * The two objectives the National Procurement Strategy 2018 names as ones a council or a regional
 * group might add to the framework. The strategy names them and no more: it gives them no
 * description and no level descriptors. So a local index begun from one carries only the strategy's
 * own sentence (quoted word for word, with where it is) as its source; its title, texts and all five
 * level descriptors are written by the council and are always shown as the council's.
 */
export interface StartingPoint {
  id: StartingPointId;
  /** What the form offers, in the strategy's words where it has them. */
  name: string;
  /** A title the council may keep or change. */
  suggestedTitle: string;
  /** The strategy's words, quoted exactly (the published text, with the PDF extraction repaired). */
  quotation: string;
  /** Where in the strategy the quotation is. */
  citation: string;
  /** Further reading the strategy itself points to, described in our words (not a quotation). */
  seeAlso?: string;
}

const CITATION = 'National Procurement Strategy for Local Government in England 2018, Introduction';

export const STARTING_POINTS: readonly StartingPoint[] = [
  {
    id: 'ethical-procurement',
    name: 'Ethical procurement',
    suggestedTitle: 'Ethical procurement',
    quotation:
      'Similarly, councils might choose to set further objectives in relation to ‘ethical procurement’ which could include voluntary compliance with the Modern Slavery Act 2015.',
    citation: CITATION,
    seeAlso: 'The strategy points councils to the LGA’s guide “Tackling Modern Slavery: A Council Guide” (www.local.gov.uk/modern-slavery-council-guide).',
  },
  {
    id: 'green-social-value',
    name: 'The ‘green’ component of the social value duty',
    suggestedTitle: 'Green social value',
    quotation:
      'It is envisaged that groups of councils may want to develop their own regional procurement strategies based on this model which reflect their own local and regional priorities. For example, in some parts of the country the ‘green’ component of the social value duty may be a higher priority than the social and economic dimensions (ie jobs, skills and supply chain opportunities).',
    citation: CITATION,
  },
];

export function startingPoint(id: StartingPointId | string | undefined): StartingPoint | undefined {
  return STARTING_POINTS.find((p) => p.id === id);
}
