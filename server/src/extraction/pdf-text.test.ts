import { describe, expect, it } from 'vitest';
import { makePdf } from '../../test/search-fixtures.js';
import { defaultPdfTextLimits, extractPdfText } from './pdf-text.js';

describe('extractPdfText', () => {
  it('keeps German characters and separates words at line ends', async () => {
    const pdf = await makePdf([
      'Die Straßenbäume in der Müllerstraße sollen bleiben\nerhalten werden. Kosten: 12.500 €',
      'Zweite Seite: „Regenrückhaltebecken“',
    ]);
    const result = await extractPdfText(pdf);
    expect(result.text).toContain('Straßenbäume in der Müllerstraße sollen bleiben erhalten werden');
    expect(result.text).toContain('12.500 €');
    expect(result.text).toContain('„Regenrückhaltebecken“');
    expect(result).toMatchObject({ pageCount: 2, pagesRead: 2, truncated: false });
    // A newline separates pages and nothing else.
    expect(result.text.split('\n')).toHaveLength(2);
  });

  it('stops at the page and character limits and says so', async () => {
    const pdf = await makePdf(['Seite eins', 'Seite zwei', 'Seite drei']);
    // pdf.js takes over (detaches) the buffer it is given: pass each call its own copy.
    const byPages = await extractPdfText(pdf.slice(), { ...defaultPdfTextLimits, maxPages: 2 });
    expect(byPages).toMatchObject({ pageCount: 3, pagesRead: 2, truncated: true });
    expect(byPages.text).not.toContain('drei');
    const byChars = await extractPdfText(pdf.slice(), { ...defaultPdfTextLimits, maxChars: 8 });
    expect(byChars.text).toBe('Seite ei');
    expect(byChars.truncated).toBe(true);
  });

  it('rejects bytes that are not a PDF', async () => {
    await expect(extractPdfText(new TextEncoder().encode('%PDF-1.7 kaputt'))).rejects.toThrow();
  });
});
