import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Test support: the text pdf.js extracts, pages joined by newlines (pdfjs-dist is a dev dependency). */
export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  // pdf.js takes ownership of the buffer it is given; hand it a copy.
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return { text: pages.join('\n'), pages: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}
