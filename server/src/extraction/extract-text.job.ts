import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { JobHandler } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { FileTextRepository } from './file-text.repository.js';
import { defaultPdfTextLimits, extractPdfText, type PdfTextLimits } from './pdf-text.js';

/** Enqueued by a database trigger for every file version inserted without text (migration 0003). */
export const extractTextJobKind = 'extract_text';

const payloadSchema = z.object({ fileVersionId: z.uuid() });

export interface ExtractTextDeps {
  files: FileTextRepository;
  blobs: Pick<BlobStore, 'read'>;
  clock: Clock;
  logger: Logger;
  limits?: PdfTextLimits;
  /** PDFs larger than this are not opened (pdf.js holds the whole document in memory); they get empty text. */
  maxBytes?: number;
  /** Runs after the text is stored (re-anchoring annotations on the new version). */
  onTextStored?: (fileVersionId: string) => Promise<unknown>;
}

const defaultMaxBytes = 100 * 1024 * 1024;

/**
 * Extracts the text of one file version and stores it. PDFs are read with pdf.js; other types get empty text, so
 * `text_extracted_at` always says "done". A thrown error leaves the text unset and the queue retries with backoff.
 */
export function extractTextJob(deps: ExtractTextDeps): JobHandler {
  const limits = deps.limits ?? defaultPdfTextLimits;
  const maxBytes = deps.maxBytes ?? defaultMaxBytes;
  return async (payload) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) throw new Error('extract_text needs { fileVersionId: uuid }');
    const { fileVersionId } = parsed.data;
    const version = await deps.files.findVersion(fileVersionId);
    if (!version || version.deleted) return;

    const started = performance.now();
    let text = '';
    let details: Record<string, unknown> = { mimeType: version.mime_type };
    const known = await deps.files.textOfSameContent(version.sha256, version.id);
    if (known !== undefined) {
      text = known;
      details = { reusedFromSameContent: true };
    } else if (isPdf(version.mime_type)) {
      if (Number(version.size) > maxBytes) {
        deps.logger.warn({ fileVersionId, size: Number(version.size), maxBytes }, 'PDF too large for text extraction');
      } else {
        const bytes = await readAll(deps.blobs.read(version.sha256), maxBytes);
        const result = await extractPdfText(bytes, limits);
        text = result.text;
        details = { pageCount: result.pageCount, pagesRead: result.pagesRead, truncated: result.truncated };
      }
    }
    const stored = await deps.files.storeText(fileVersionId, text, deps.clock.now());
    if (stored) await deps.onTextStored?.(fileVersionId);
    deps.logger.info(
      { fileVersionId, chars: text.length, ms: Math.round(performance.now() - started), stored, ...details },
      'text extracted',
    );
  };
}

function isPdf(mimeType: string): boolean {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/pdf' || type === 'application/x-pdf';
}

async function readAll(stream: Readable, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.byteLength;
    if (size > maxBytes) {
      stream.destroy();
      throw new Error(`blob exceeds ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  const all = Buffer.concat(chunks);
  // pdf.js wants a plain Uint8Array and warns about Buffers.
  return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
}
