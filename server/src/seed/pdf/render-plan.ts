import type { BlobStore, StoredBlob } from '../../storage/blob-store.js';
import type { BodyPlan, DocumentSource, VersionPlan } from '../plan/plan-types.js';
import { documentSpec } from './documents.js';
import { renderPdf } from '../../pdf/layout.js';

/** Blob writes fsync; a few in flight overlap that wait with rendering the next document. */
const maxPendingWrites = 8;

export async function renderDocument(plan: BodyPlan, source: DocumentSource): Promise<Uint8Array> {
  return renderPdf({ ...(await documentSpec(plan, source)), creator: 'Ratsmappe Demo-Daten' });
}

/** Renders every file version of a body and stores it; returns the blob of each version. */
export async function renderPlanDocuments(plan: BodyPlan, blobs: BlobStore): Promise<Map<VersionPlan, StoredBlob>> {
  const stored = new Map<VersionPlan, StoredBlob>();
  const pending = new Set<Promise<void>>();
  try {
    for (const version of plan.files.flatMap((f) => f.versions)) {
      const bytes = await renderDocument(plan, version.document);
      const write: Promise<void> = blobs.put(bytes).then((blob) => {
        stored.set(version, blob);
        pending.delete(write);
      });
      pending.add(write);
      if (pending.size >= maxPendingWrites) await Promise.race(pending);
    }
    await Promise.all(pending);
  } finally {
    // Never leave a write running (or rejecting unobserved) after a failure.
    await Promise.allSettled(pending);
  }
  return stored;
}
