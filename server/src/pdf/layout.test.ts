import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countPages, renderPdf, type PdfSpec } from './layout.js';
import { pdfText } from '../seed/pdf/pdf-text.js';

const paragraph =
  'Die Verwaltung schlägt vor, den Straßenausbau im Mühlweg für 125.400,00 € zu beauftragen. Die Größe der Fläche und die Übersicht über „Öffentliche Grünflächen“ – einschließlich des Regenrückhaltebeckens – liegen bei.';

const spec: PdfSpec = {
  title: 'Beschlussvorlage BV/2025/0042',
  author: 'Verbandsgemeinde Lindenau',
  subject: 'Straßenausbau Mühlweg',
  date: '2025-03-04',
  letterhead: { name: 'Verbandsgemeinde Lindenau', lines: ['Marktplatz 1 · 56999 Lindenau'] },
  marking: 'NICHTÖFFENTLICH',
  footer: 'Beschlussvorlage BV/2025/0042',
  blocks: [
    { type: 'heading', text: 'Beschlussvorlage', size: 17 },
    { type: 'keyValue', rows: [['Vorlage-Nr.', 'BV/2025/0042']] },
    ...Array.from({ length: 14 }, () => ({ type: 'paragraph' as const, text: paragraph })),
    {
      type: 'table',
      columns: [
        { header: 'Pos.', width: 0.5 },
        { header: 'Bezeichnung', width: 4 },
        { header: 'Betrag', width: 1.5, align: 'right' },
      ],
      rows: [
        ['1', 'Erdarbeiten und Gehwegbau', '98.000,00 €'],
        ['2', 'Straßenbeleuchtung', '27.400,00 €'],
      ],
      footer: ['', 'Gesamtkosten', '125.400,00 €'],
    },
    { type: 'paragraph', text: 'Zeichen außerhalb von WinAnsi wie Łódź werden ersetzt.' },
  ],
};

describe('renderPdf', () => {
  it('writes a multi-page PDF whose German text, table and page numbers pdf.js can extract', async () => {
    const bytes = await renderPdf(spec);
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBe(2);
    expect(await countPages(spec)).toBe(2);
    for (const expected of [
      'Verbandsgemeinde Lindenau',
      'NICHTÖFFENTLICH',
      'Straßenausbau im Mühlweg für 125.400,00 €',
      '„Öffentliche Grünflächen“',
      'Erdarbeiten und Gehwegbau',
      'Gesamtkosten',
      'Seite 1 von 2',
      'Seite 2 von 2',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('?ód?');
  });

  it('produces identical bytes for the same spec, so content addressing deduplicates', async () => {
    const hash = async () =>
      createHash('sha256')
        .update(await renderPdf(spec))
        .digest('hex');
    expect(await hash()).toBe(await hash());
  });
});
