import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextLimits {
  /** Pages after this one are not read (a 2,000-page PDF is a scan or an export gone wrong, not a council paper). */
  maxPages: number;
  /** Text beyond this is cut off; the search index reads only its first million characters anyway. */
  maxChars: number;
  /** Pages are read until this is spent; what was read by then is kept, as retrying would end the same way. */
  timeBudgetMs: number;
}

export const defaultPdfTextLimits: PdfTextLimits = { maxPages: 2000, maxChars: 2_000_000, timeBudgetMs: 120_000 };

export interface PdfText {
  text: string;
  pageCount: number;
  pagesRead: number;
  /** True when a limit stopped the extraction before the end of the document. */
  truncated: boolean;
}

/**
 * Extracts the text layer of a PDF with pdf.js (legacy build, as pdf.js requires in Node). Throws on a document
 * pdf.js cannot open (broken, password-protected); the job queue retries and finally gives up on it.
 * pdf.js takes over `data` (its buffer is detached afterwards).
 */
export async function extractPdfText(data: Uint8Array, limits: PdfTextLimits = defaultPdfTextLimits): Promise<PdfText> {
  const started = performance.now();
  const task = getDocument({
    data,
    // Nothing from the document may run as code, and no font is needed to read text.
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const pdf = await task.promise.catch(async (error: unknown) => {
    await task.destroy();
    throw error;
  });
  try {
    const pages: string[] = [];
    let length = 0;
    let truncated = false;
    for (let number = 1; number <= pdf.numPages; number++) {
      if (number > limits.maxPages || length >= limits.maxChars || performance.now() - started > limits.timeBudgetMs) {
        truncated = true;
        break;
      }
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        // pdf.js marks line ends instead of emitting a space: without one, "bleiben" + "erhalten" fuse.
        if (item.hasEOL) text += ' ';
      }
      page.cleanup();
      const cleaned = cleanText(text);
      pages.push(cleaned);
      length += cleaned.length + 1;
      // pdf.js runs on this thread in Node: let waiting requests through between pages.
      await yieldToEventLoop();
    }
    let text = pages.join('\n');
    if (text.length > limits.maxChars) {
      text = text.slice(0, limits.maxChars);
      truncated = true;
    }
    return { text, pageCount: pdf.numPages, pagesRead: pages.length, truncated };
  } finally {
    await pdf.destroy();
  }
}

/**
 * PostgreSQL text cannot hold NUL, and other control characters are noise from broken font encodings. Line breaks
 * go too: a newline separates pages in the stored text (search finds the page of a hit by it).
 */
function cleanText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim()
  );
}
