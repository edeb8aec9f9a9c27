import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

/**
 * A minimal document layout on pdf-lib: letterhead, headings, wrapped paragraphs, key/value blocks and ruled
 * tables, with "Seite x von y" footers. Helvetica is one of the 14 standard fonts, so nothing is embedded and
 * text is WinAnsi-encoded: ä ö ü ß € „ “ – all exist there, anything else is replaced before drawing.
 * Output is reproducible: metadata dates come from the spec, never from the clock.
 */

export interface TableColumn {
  header: string;
  /** Share of the text width; shares are normalised. */
  width: number;
  align?: 'left' | 'right';
}

export type Block =
  | { type: 'heading'; text: string; size?: number }
  | { type: 'paragraph'; text: string; bold?: boolean; size?: number }
  | { type: 'keyValue'; rows: readonly (readonly [string, string])[] }
  | { type: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[]; footer?: readonly string[] }
  | { type: 'space'; height: number }
  | { type: 'pageBreak' };

export interface PdfSpec {
  title: string;
  author: string;
  subject: string;
  keywords?: string[];
  /** `yyyy-mm-dd`, used for the PDF's creation and modification date. */
  date: string;
  letterhead: { name: string; lines: readonly string[] };
  /** Printed in red at the top of every page, e.g. "NICHTÖFFENTLICH". */
  marking?: string;
  footer: string;
  blocks: readonly Block[];
  /** The PDF's Creator entry. */
  creator?: string;
}

const pageWidth = 595.28;
const pageHeight = 841.89;
const marginLeft = 62;
const marginRight = 56;
const marginTop = 54;
const marginBottom = 66;
const textWidth = pageWidth - marginLeft - marginRight;
const bodySize = 10.5;
const lineFactor = 1.38;

type Op =
  | { kind: 'text'; x: number; y: number; text: string; size: number; bold: boolean; tone: 'ink' | 'muted' | 'alert' }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; thickness: number }
  | { kind: 'fill'; x: number; y: number; width: number; height: number };

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  supported: Set<number>;
}

let measuringFonts: Promise<Fonts> | undefined;

async function loadFonts(doc: PDFDocument): Promise<Fonts> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  return { regular, bold, supported: new Set(regular.getCharacterSet()) };
}

function measuring(): Promise<Fonts> {
  measuringFonts ??= PDFDocument.create().then(loadFonts);
  return measuringFonts;
}

const replacements: Record<string, string> = {
  '\u00a0': ' ',
  '\u2011': '-',
  '\u2212': '-',
  '\u2009': ' ',
  '\u202f': ' ',
};

/** Replaces characters Helvetica/WinAnsi cannot encode; vocabulary tests make sure this is a no-op in practice. */
export function toWinAnsi(text: string, supported: Set<number>): string {
  let out = '';
  for (const char of text) {
    if (char === '\n' || supported.has(char.codePointAt(0)!)) out += char;
    else out += replacements[char] ?? '?';
  }
  return out;
}

export async function unsupportedCharacters(text: string): Promise<string[]> {
  const { supported } = await measuring();
  return [...new Set([...text].filter((c) => c !== '\n' && !supported.has(c.codePointAt(0)!)))];
}

class Layout {
  readonly pages: Op[][] = [];
  private y = 0;

  constructor(
    private readonly spec: PdfSpec,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private get ops(): Op[] {
    return this.pages[this.pages.length - 1]!;
  }

  width(text: string, size: number, bold = false): number {
    return (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(text, size);
  }

  wrap(text: string, size: number, bold: boolean, width: number): string[] {
    const lines: string[] = [];
    for (const rawLine of text.split('\n')) {
      let line = '';
      for (const word of rawLine.split(/ +/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, size, bold) <= width || !line) {
          line = candidate;
        } else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  newPage(): void {
    this.pages.push([]);
    const first = this.pages.length === 1;
    let y = pageHeight - marginTop;
    if (this.spec.marking) {
      const w = this.width(this.spec.marking, 9, true);
      this.ops.push({
        kind: 'text',
        x: pageWidth - marginRight - w,
        y: y + 16,
        text: this.spec.marking,
        size: 9,
        bold: true,
        tone: 'alert',
      });
    }
    if (first) {
      this.ops.push({
        kind: 'text',
        x: marginLeft,
        y: y - 12,
        text: this.spec.letterhead.name,
        size: 15,
        bold: true,
        tone: 'ink',
      });
      y -= 28;
      for (const line of this.spec.letterhead.lines) {
        this.ops.push({ kind: 'text', x: marginLeft, y: y - 8, text: line, size: 8.5, bold: false, tone: 'muted' });
        y -= 11;
      }
      y -= 6;
    } else {
      const header = `${this.spec.letterhead.name} – ${this.spec.title}`;
      this.ops.push({
        kind: 'text',
        x: marginLeft,
        y: y - 8,
        text: this.fit(header, 8, textWidth),
        size: 8,
        bold: false,
        tone: 'muted',
      });
      y -= 14;
    }
    this.ops.push({ kind: 'line', x1: marginLeft, y1: y, x2: pageWidth - marginRight, y2: y, thickness: 0.6 });
    this.y = y - 18;
  }

  private fit(text: string, size: number, width: number): string {
    if (this.width(text, size) <= width) return text;
    let cut = text;
    while (cut.length > 1 && this.width(`${cut}…`, size) > width) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  }

  /** Starts a new page unless `height` still fits. */
  ensure(height: number): void {
    if (this.y - height < marginBottom) this.newPage();
  }

  text(x: number, text: string, size: number, bold: boolean): void {
    this.ops.push({ kind: 'text', x, y: this.y, text, size, bold, tone: 'ink' });
  }

  heading(text: string, size: number): void {
    const lines = this.wrap(text, size, true, textWidth);
    this.ensure(lines.length * size * lineFactor + 6 + 2 * bodySize * lineFactor);
    this.y -= 6;
    for (const line of lines) {
      this.y -= size;
      this.text(marginLeft, line, size, true);
      this.y -= size * (lineFactor - 1);
    }
    this.y -= 4;
  }

  paragraph(text: string, size: number, bold: boolean): void {
    const lineHeight = size * lineFactor;
    for (const line of this.wrap(text, size, bold, textWidth)) {
      this.ensure(lineHeight);
      this.y -= size;
      this.text(marginLeft, line, size, bold);
      this.y -= lineHeight - size;
    }
    this.y -= size * 0.7;
  }

  keyValue(rows: readonly (readonly [string, string])[]): void {
    const labelWidth = 140;
    const size = 9.5;
    const lineHeight = size * lineFactor;
    for (const [label, value] of rows) {
      const lines = this.wrap(value, size, false, textWidth - labelWidth);
      this.ensure(lines.length * lineHeight);
      this.y -= size;
      this.text(marginLeft, label, size, true);
      lines.forEach((line, i) => {
        if (i > 0) this.y -= lineHeight;
        this.text(marginLeft + labelWidth, line, size, false);
      });
      this.y -= lineHeight - size;
    }
    this.y -= 6;
  }

  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], footer?: readonly string[]): void {
    const size = 9;
    const lineHeight = size * 1.3;
    const pad = 4;
    const share = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / share) * textWidth);
    const xs = widths.map((_, i) => marginLeft + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const cellLines = (cells: readonly string[], bold: boolean) =>
      cells.map((cell, i) => this.wrap(cell, size, bold, widths[i]! - 2 * pad));

    const drawRow = (cells: readonly string[], bold: boolean, shaded: boolean) => {
      const lines = cellLines(cells, bold);
      const height = Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * pad;
      const top = this.y;
      if (shaded) this.ops.push({ kind: 'fill', x: marginLeft, y: top - height, width: textWidth, height });
      lines.forEach((cell, i) => {
        cell.forEach((line, j) => {
          const lineWidth = this.width(line, size, bold);
          const x = columns[i]!.align === 'right' ? xs[i]! + widths[i]! - pad - lineWidth : xs[i]! + pad;
          this.ops.push({ kind: 'text', x, y: top - pad - size - j * lineHeight, text: line, size, bold, tone: 'ink' });
        });
      });
      const bottom = top - height;
      this.ops.push({
        kind: 'line',
        x1: marginLeft,
        y1: bottom,
        x2: marginLeft + textWidth,
        y2: bottom,
        thickness: 0.4,
      });
      for (const x of [...xs, marginLeft + textWidth]) {
        this.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: bottom, thickness: 0.4 });
      }
      this.y = bottom;
    };
    const rowHeight = (cells: readonly string[], bold: boolean) =>
      Math.max(...cellLines(cells, bold).map((l) => l.length)) * lineHeight + 2 * pad;
    const header = columns.map((c) => c.header);
    const startTable = () => {
      this.ops.push({
        kind: 'line',
        x1: marginLeft,
        y1: this.y,
        x2: marginLeft + textWidth,
        y2: this.y,
        thickness: 0.4,
      });
      drawRow(header, true, true);
    };

    this.ensure(rowHeight(header, true) + (rows[0] ? rowHeight(rows[0], false) : 0));
    this.y -= 4;
    startTable();
    for (const row of rows) {
      if (this.y - rowHeight(row, false) < marginBottom) {
        this.newPage();
        startTable();
      }
      drawRow(row, false, false);
    }
    if (footer) {
      this.ensure(rowHeight(footer, true));
      drawRow(footer, true, true);
    }
    this.y -= 12;
  }

  run(): Op[][] {
    for (const block of this.spec.blocks) {
      switch (block.type) {
        case 'heading':
          this.heading(block.text, block.size ?? 12.5);
          break;
        case 'paragraph':
          this.paragraph(block.text, block.size ?? bodySize, block.bold ?? false);
          break;
        case 'keyValue':
          this.keyValue(block.rows);
          break;
        case 'table':
          this.table(block.columns, block.rows, block.footer);
          break;
        case 'space':
          this.y -= block.height;
          break;
        case 'pageBreak':
          this.newPage();
          break;
      }
    }
    const total = this.pages.length;
    this.pages.forEach((ops, i) => {
      const y = marginBottom - 26;
      ops.push({ kind: 'line', x1: marginLeft, y1: y + 12, x2: pageWidth - marginRight, y2: y + 12, thickness: 0.4 });
      ops.push({
        kind: 'text',
        x: marginLeft,
        y,
        text: this.fit(this.spec.footer, 8, textWidth - 90),
        size: 8,
        bold: false,
        tone: 'muted',
      });
      const label = `Seite ${i + 1} von ${total}`;
      ops.push({
        kind: 'text',
        x: pageWidth - marginRight - this.width(label, 8),
        y,
        text: label,
        size: 8,
        bold: false,
        tone: 'muted',
      });
    });
    return this.pages;
  }
}

function sanitizeSpec(spec: PdfSpec, supported: Set<number>): PdfSpec {
  const clean = (text: string) => toWinAnsi(text, supported);
  return {
    ...spec,
    title: clean(spec.title),
    letterhead: { name: clean(spec.letterhead.name), lines: spec.letterhead.lines.map(clean) },
    marking: spec.marking ? clean(spec.marking) : undefined,
    footer: clean(spec.footer),
    blocks: spec.blocks.map((block): Block => {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          return { ...block, text: clean(block.text) };
        case 'keyValue':
          return { ...block, rows: block.rows.map(([k, v]) => [clean(k), clean(v)] as const) };
        case 'table':
          return {
            ...block,
            columns: block.columns.map((c) => ({ ...c, header: clean(c.header) })),
            rows: block.rows.map((r) => r.map(clean)),
            ...(block.footer ? { footer: block.footer.map(clean) } : {}),
          };
        default:
          return block;
      }
    }),
  };
}

/** Page count without producing the PDF, so builders can grow or trim content to a target length. */
export async function countPages(spec: PdfSpec): Promise<number> {
  const fonts = await measuring();
  return new Layout(sanitizeSpec(spec, fonts.supported), fonts).run().length;
}

export async function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await loadFonts(doc);
  const clean = sanitizeSpec(spec, fonts.supported);
  const pages = new Layout(clean, fonts).run();
  const tones = { ink: rgb(0, 0, 0), muted: rgb(0.35, 0.35, 0.35), alert: rgb(0.72, 0.05, 0.05) };
  const shade = rgb(0.9, 0.9, 0.9);
  for (const ops of pages) {
    const page = doc.addPage([pageWidth, pageHeight]);
    // Fills first so that text and rules of the same row stay on top.
    for (const op of ops) {
      if (op.kind === 'fill')
        page.drawRectangle({ x: op.x, y: op.y, width: op.width, height: op.height, color: shade });
    }
    for (const op of ops) {
      if (op.kind === 'text') {
        page.drawText(op.text, {
          x: op.x,
          y: op.y,
          size: op.size,
          font: op.bold ? fonts.bold : fonts.regular,
          color: tones[op.tone],
        });
      } else if (op.kind === 'line') {
        page.drawLine({
          start: { x: op.x1, y: op.y1 },
          end: { x: op.x2, y: op.y2 },
          thickness: op.thickness,
          color: tones.ink,
        });
      }
    }
  }
  const date = new Date(`${spec.date}T08:00:00Z`);
  doc.setTitle(clean.title);
  doc.setAuthor(clean.letterhead.name);
  doc.setSubject(toWinAnsi(spec.subject, fonts.supported));
  doc.setKeywords(spec.keywords ?? []);
  doc.setLanguage('de-DE');
  doc.setCreator(spec.creator ?? 'Ratsmappe');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save();
}
