/**
 * Invariant: a meeting is "ready" only when every document it lists (current versions) is stored and verified on
 * this device; counts are per document, bytes per distinct content (a paper shared by two items counts once).
 */
import type { UserDatabase } from './db';
import { meetingDocuments, type MeetingDocument } from './keep-set';

export interface Readiness {
  total: number;
  present: number;
  totalBytes: number;
  /** Stored bytes, verified or in progress. */
  receivedBytes: number;
  missingBytes: number;
}

export interface LiveDownload {
  sha256: string;
  receivedBytes: number;
}

export async function readinessOf(
  db: UserDatabase,
  documents: readonly MeetingDocument[],
  live: LiveDownload | null = null,
): Promise<Readiness> {
  const shas = [...new Set(documents.map((d) => d.version.sha256))];
  const records = new Map((await db.blobs.bulkGet(shas)).flatMap((r) => (r ? [[r.sha256, r] as const] : [])));
  const present = documents.filter((d) => records.get(d.version.sha256)?.verified === true).length;
  let totalBytes = 0;
  let receivedBytes = 0;
  const counted = new Set<string>();
  for (const { version } of documents) {
    if (counted.has(version.sha256)) continue;
    counted.add(version.sha256);
    totalBytes += version.size;
    const record = records.get(version.sha256);
    const stored = record?.verified ? version.size : (record?.receivedBytes ?? 0);
    const inFlight = live?.sha256 === version.sha256 && !record?.verified ? live.receivedBytes : 0;
    receivedBytes += Math.min(version.size, Math.max(stored, inFlight));
  }
  return { total: documents.length, present, totalBytes, receivedBytes, missingBytes: totalBytes - receivedBytes };
}

export async function meetingReadiness(
  db: UserDatabase,
  meetingId: string,
  live: LiveDownload | null = null,
): Promise<Readiness> {
  return readinessOf(db, await meetingDocuments(db, meetingId), live);
}
