/**
 * Writes a councillor's annotations into a copy of the document as real PDF annotations (Highlight, Ink, Text),
 * which pdf.js, Poppler and desktop viewers show. Annotations made on this very version keep their geometry;
 * those made on an older version appear as notes on the page they were re-anchored to ("Text geändert" when the
 * words changed), and those that could not be placed as notes on the first page ("nicht zuordenbar").
 */
import type { Anchor, ExportableAnnotation } from '@ratsmappe/shared';
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFPage } from 'pdf-lib';

export interface AnnotationToWrite extends ExportableAnnotation {
  anchors: Record<string, Anchor>;
}

const colours: Record<string, [number, number, number]> = {
  yellow: [1, 0.92, 0.23],
  green: [0.55, 0.85, 0.4],
  blue: [0.45, 0.7, 1],
  pink: [1, 0.6, 0.8],
  orange: [1, 0.7, 0.3],
};

function hexColour(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** Page-normalised (origin top left) to PDF user space (origin bottom left of the crop box). */
function toPage(page: PDFPage) {
  const box = page.getCropBox();
  return (x: number, y: number): [number, number] => [box.x + x * box.width, box.y + (1 - y) * box.height];
}

function addAnnotation(document: PDFDocument, page: PDFPage, entries: Record<string, unknown>) {
  const dictionary = document.context.obj(entries as never);
  page.node.addAnnot(document.context.register(dictionary));
}

export async function writeAnnotatedPdf(
  bytes: Uint8Array,
  sha256: string,
  annotations: AnnotationToWrite[],
  now: Date,
): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = document.getPages();
  const common = (a: AnnotationToWrite, contents: string) => ({
    Type: PDFName.of('Annot'),
    Contents: PDFHexString.fromText(contents),
    T: PDFHexString.fromText(a.authorName),
    NM: PDFString.of(a.id),
    M: PDFString.fromDate(new Date(a.modifiedAt)),
    CreationDate: PDFString.fromDate(new Date(a.createdAt)),
    F: 4,
  });
  const note = (page: PDFPage, a: AnnotationToWrite, at: [number, number], contents: string, icon = 'Comment') => {
    const [x, y] = at;
    addAnnotation(document, page, {
      ...common(a, contents),
      Subtype: PDFName.of('Text'),
      Rect: [x, y - 20, x + 20, y],
      Name: PDFName.of(icon),
      C: colours[a.values.color ?? 'yellow'] ?? colours.yellow,
      Open: false,
    });
  };

  for (const a of annotations) {
    const { values } = a;
    const target = values.target;
    const text = values.text ?? '';
    const sameVersion = target?.sha256 === sha256;
    const page = target && sameVersion ? pages[target.page - 1] : undefined;
    if (page && target) {
      const map = toPage(page);
      if (a.kind === 'highlight' && target.rects?.length) {
        const quads = target.rects.flatMap(([x, y, w, h]) => {
          const [x1, yTop] = map(x, y);
          const [x2, yBottom] = map(x + w, y + h);
          return [x1, yTop, x2, yTop, x1, yBottom, x2, yBottom];
        });
        const xs = quads.filter((_, i) => i % 2 === 0);
        const ys = quads.filter((_, i) => i % 2 === 1);
        addAnnotation(document, page, {
          ...common(a, text || target.quote?.exact || ''),
          Subtype: PDFName.of('Highlight'),
          Rect: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
          QuadPoints: quads,
          C: colours[values.color ?? 'yellow'] ?? colours.yellow,
          CA: 0.4,
        });
        continue;
      }
      if (a.kind === 'ink' && values.strokes?.length) {
        const box = page.getCropBox();
        const inkList = values.strokes.map((stroke) => stroke.points.flatMap(([x, y]) => map(x, y)));
        const flat = inkList.flat();
        const xs = flat.filter((_, i) => i % 2 === 0);
        const ys = flat.filter((_, i) => i % 2 === 1);
        const first = values.strokes[0]!;
        addAnnotation(document, page, {
          ...common(a, text),
          Subtype: PDFName.of('Ink'),
          Rect: [Math.min(...xs) - 2, Math.min(...ys) - 2, Math.max(...xs) + 2, Math.max(...ys) + 2],
          InkList: inkList,
          C: hexColour(first.color),
          BS: { W: Math.max(0.5, first.width * box.width), S: PDFName.of('S') },
        });
        continue;
      }
      const point = target.point ?? [0.04, 0.04];
      const label = a.kind === 'bookmark' ? `Lesezeichen${text ? `: ${text}` : ''}` : text || target.quote?.exact || '';
      note(page, a, map(point[0], point[1]), label, a.kind === 'bookmark' ? 'Key' : 'Comment');
      continue;
    }
    // Made on another version: place it where the re-anchoring found it, or list it on the first page.
    const anchor = a.anchors[sha256];
    const quote = target?.quote?.exact ?? '';
    const first = pages[0];
    if (!first) continue;
    if (anchor && anchor.status !== 'orphaned' && anchor.page !== null && pages[anchor.page - 1]) {
      const anchored = pages[anchor.page - 1]!;
      const changed = anchor.status === 'changed' ? ` (Text geändert, vorher: „${quote}“)` : '';
      note(anchored, a, toPage(anchored)(0.04, 0.04), `${text || anchor.exact || ''}${changed}`);
    } else {
      const where = target ? ` (Seite ${target.page} der früheren Fassung)` : '';
      note(first, a, toPage(first)(0.9, 0.04), `Nicht zuordenbar${where}: „${quote}“ ${text}`.trim());
    }
  }
  document.setModificationDate(now);
  return document.save({ useObjectStreams: false });
}
