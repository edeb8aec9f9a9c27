/**
 * Invariant: a meeting is "ready" only when every document it lists (current versions) is stored and verified on
 * this device; counts are per document, bytes per distinct content (a paper shared by two items counts once).
 */
import type { BlobRow, UserDatabase } from './db';
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

/** Readiness from the documents and their blob records, plus the bytes of a download in flight. */
export function computeReadiness(
  documents: readonly MeetingDocument[],
  records: ReadonlyMap<string, BlobRow>,
  live: LiveDownload | null = null,
): Readiness {
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

/** The blob records of the documents, by sha256. */
export async function blobRecords(
  db: UserDatabase,
  documents: readonly MeetingDocument[],
): Promise<Map<string, BlobRow>> {
  const shas = [...new Set(documents.map((d) => d.version.sha256))];
  return new Map((await db.blobs.bulkGet(shas)).flatMap((r) => (r ? [[r.sha256, r] as const] : [])));
}

export async function readinessOf(
  db: UserDatabase,
  documents: readonly MeetingDocument[],
  live: LiveDownload | null = null,
): Promise<Readiness> {
  return computeReadiness(documents, await blobRecords(db, documents), live);
}

export async function meetingReadiness(
  db: UserDatabase,
  meetingId: string,
  live: LiveDownload | null = null,
): Promise<Readiness> {
  return readinessOf(db, await meetingDocuments(db, meetingId), live);
}
