import { LevelId } from './types';

/**
 * Corrections to the built-in framework after it was first shipped. Set-up uses them to bring a
 * site's Maturity indices list up to date: a field still holding `was` (the value shipped before) is
 * changed to the built-in framework's current value; a field a site owner has changed is left alone.
 */
export type FrameworkCorrection = {
  frameworkId: string;
  /** The framework version that made the correction; items seeded from this version on already have it. */
  correctedIn: string;
  indexId: string;
  /** Why, as a clause that ends a line of the set-up report ("…, where the strategy’s Figure 1 puts it"). */
  why: string;
} & ({ field: 'theme'; was: string } | { field: 'descriptor'; level: LevelId; was: string });

export const CORRECTIONS: readonly FrameworkCorrection[] = [
  {
    frameworkId: 'nps-2018',
    correctedIn: '1.1.0',
    indexId: 'engaging-strategic-suppliers',
    field: 'theme',
    was: 'behaving-commercially',
    why: 'where the strategy’s Figure 1 puts it',
  },
  {
    frameworkId: 'nps-2018',
    correctedIn: '1.1.0',
    indexId: 'developing-talent',
    field: 'descriptor',
    level: 'leader',
    was: 'Planned approach to talent development in relation to future procurement and contract management workload including: contracts pipeline; resourcing plan; competency framework; remuneration strategy; comprehensive training and development plan including provision for development of staff not currently in procurement or contract management roles; secondments to and from the private sector and VCSE sector.',
    why: 'now set out as the bullet list the strategy prints, for use as a checklist',
  },
  {
    frameworkId: 'nps-2018',
    correctedIn: '1.1.0',
    indexId: 'exploiting-digital-technology',
    field: 'descriptor',
    level: 'leader',
    was: 'Access to a Procure to Pay (P2P) system via secure mobile application, promoting a self-service approach for suppliers. (Access should include online viewing of payment records/status and the ability to auto convert orders to invoices); technology used to forward plan all strategic acquisitions and to underpin sourcing and procurement decision-making; performance monitoring and communications underpinned by dashboards and diagnostics.',
    why: 'now set out as the bullet list the strategy prints, for use as a checklist',
  },
  {
    frameworkId: 'nps-2018',
    correctedIn: '1.1.0',
    indexId: 'enabling-innovation',
    field: 'descriptor',
    level: 'leader',
    was: 'Innovation in procurement and contract management is mainstreamed; procurement techniques such as innovation partnerships, pre-commercial procurements used regularly.',
    why: 'now set out as the bullet list the strategy prints, for use as a checklist',
  },
];

/** Compares version strings part by part as numbers ("1.10.0" is after "1.9.0"). */
export function compareVersions(a: string, b: string): number {
  // Dotted numbers (every version the app writes) without a collator, which is slow to make; anything else by one.
  if (DOTTED.test(a) && DOTTED.test(b)) {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
      const d = (x[i] ?? -1) - (y[i] ?? -1);
      if (d !== 0) return Math.sign(d);
    }
    return 0;
  }
  return a.localeCompare(b, 'en', { numeric: true });
}

const DOTTED = /^\d{1,9}(\.\d{1,9})*$/;
