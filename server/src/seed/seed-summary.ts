import type { SeedCounts } from './write-plan.js';

export type SeedLog = (message: string, data?: object) => void;

export interface SeedSummary {
  /** Rows written per table (`blob`: distinct blobs referenced). */
  counts: SeedCounts;
  /** Bytes of distinct PDFs stored. */
  pdfBytes: number;
  durationMs: number;
}

/** The bodies to seed exist already; seeding never touches existing data. */
export class SeedConflictError extends Error {}
