/**
 * Opens a PDF from a Blob with pdf.js, which is imported here on first use only: the public pages never load it.
 * Everything pdf.js fetches comes from this build (worker, standard fonts, CMaps, wasm decoders; no CDN), and
 * nothing in a document runs as code (`isEvalSupported: false`), so a CSP without 'unsafe-eval' holds.
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export type PdfJs = typeof PdfJsModule;

const bundledFiles = import.meta.glob<string>(
  [
    '/node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}',
    '/node_modules/pdfjs-dist/cmaps/*.bcmap',
    '/node_modules/pdfjs-dist/wasm/*.wasm',
  ],
  { query: '?url', import: 'default', eager: true, exhaustive: true },
);

const fileUrls: Record<string, Map<string, string>> = {
  standardFontDataUrl: new Map(),
  cMapUrl: new Map(),
  wasmUrl: new Map(),
};
for (const [path, url] of Object.entries(bundledFiles)) {
  const [, folder, name] = /\/(standard_fonts|cmaps|wasm)\/([^/]+)$/.exec(path) ?? [];
  const kind = folder === 'standard_fonts' ? 'standardFontDataUrl' : folder === 'cmaps' ? 'cMapUrl' : 'wasmUrl';
  if (name) fileUrls[kind]!.set(name, url);
}

/**
 * pdf.js asks for its data files by name; the build gives them hashed names (cacheable forever, precached for
 * offline use), so the lookup goes through this table instead of a base URL.
 */
class BundledDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = fileUrls[kind]?.get(filename);
    if (!url) throw new Error(`pdf.js data file not bundled: ${kind} ${filename}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`pdf.js data file ${filename}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

let pdfjsPromise: Promise<PdfJs> | null = null;
/**
 * A worker started together with pdf.js, so that the first document does not wait for the 1.2 MB worker script to
 * load and compile after its Blob is in hand. The first document takes it (and ends it when closed); later ones
 * start their own, so two documents side by side do not share one worker thread.
 */
let warmWorker: PDFWorker | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      warmWorker = new pdfjs.PDFWorker();
      return pdfjs;
    },
    (error: unknown) => {
      // A failed chunk load (offline before the app was cached) may succeed later: do not keep the failure.
      pdfjsPromise = null;
      throw error;
    },
  );
  return pdfjsPromise;
}

export interface OpenedPdf {
  pdfjs: PdfJs;
  document: PDFDocumentProxy;
  /** Ends loading or closes the document, and ends its worker. */
  destroy: () => Promise<void>;
}

export type PdfOpenError = 'password' | 'invalid' | 'other';

export function classifyPdfError(error: unknown): PdfOpenError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException') return 'invalid';
  return 'other';
}

export interface OpenOptions {
  onProgress?: (fraction: number) => void;
  /** Aborting stops loading and frees the worker. */
  signal?: AbortSignal;
}

export async function openPdf(source: Blob, { onProgress, signal }: OpenOptions = {}): Promise<OpenedPdf> {
  const pdfjs = await loadPdfJs();
  signal?.throwIfAborted();

  // The whole file goes to the worker at once (pdf.js transfers the buffer, so it is not kept twice). Reading it in
  // ranges was measured slower: for PDFs whose page objects sit between the page images (scans, plans), pdf.js
  // visits every page object on opening and so asks for nearly every range anyway, one message each.
  const data = new Uint8Array(await source.arrayBuffer());
  signal?.throwIfAborted();
  const worker = warmWorker;
  warmWorker = null;
  const task = pdfjs.getDocument({
    worker: worker ?? undefined,
    data,
    isEvalSupported: false,
    enableXfa: false,
    useWorkerFetch: false,
    BinaryDataFactory: BundledDataFactory,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  if (onProgress) {
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      if (total > 0) onProgress(Math.min(1, loaded / total));
    };
  }
  // pdf.js leaves a worker it was given running; this one belongs to this document alone.
  const destroy = () => task.destroy().finally(() => worker?.destroy());
  signal?.addEventListener('abort', () => void destroy(), { once: true });
  const document = await task.promise.catch(async (error: unknown) => {
    await destroy();
    throw error;
  });
  return { pdfjs, document, destroy };
}
