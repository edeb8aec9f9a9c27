/**
 * Export in the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/): one AnnotationCollection
 * per document with an embedded AnnotationPage. Selectors: TextQuoteSelector and TextPositionSelector for text,
 * a FragmentSelector with the PDF page (RFC 8118 `page=N`) refined by an SvgSelector for geometry.
 */
import type { AnnotationKind, AnnotationTarget, AnnotationValues, InkStroke } from './annotation.js';

export const webAnnotationContext = 'http://www.w3.org/ns/anno.jsonld';

export interface ExportableAnnotation {
  id: string;
  kind: AnnotationKind;
  createdAt: string;
  modifiedAt: string;
  authorName: string;
  values: AnnotationValues;
}

const motivationOf: Record<AnnotationKind, string> = {
  highlight: 'highlighting',
  ink: 'highlighting',
  note: 'commenting',
  bookmark: 'bookmarking',
  itemNote: 'commenting',
};

const svgNumber = (n: number) => (Math.round(n * 10_000) / 10_000).toString();

/** Geometry as SVG in a 1×1 viewBox (page-normalised coordinates). */
function svgOf(target: AnnotationTarget | null, strokes: InkStroke[] | null): string | null {
  const shapes: string[] = [];
  for (const [x, y, w, h] of target?.rects ?? []) {
    shapes.push(`<rect x="${svgNumber(x)}" y="${svgNumber(y)}" width="${svgNumber(w)}" height="${svgNumber(h)}"/>`);
  }
  for (const stroke of strokes ?? []) {
    const points = stroke.points.map(([x, y]) => `${svgNumber(x)},${svgNumber(y)}`).join(' ');
    shapes.push(
      `<polyline fill="none" stroke="${stroke.color}" stroke-width="${svgNumber(stroke.width)}" points="${points}"/>`,
    );
  }
  if (target?.point) {
    shapes.push(`<circle cx="${svgNumber(target.point[0])}" cy="${svgNumber(target.point[1])}" r="0.01"/>`);
  }
  if (shapes.length === 0) return null;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">${shapes.join('')}</svg>`;
}

export function toWebAnnotation(annotation: ExportableAnnotation, documentUrl: string, annotationUrl: string) {
  const { values } = annotation;
  const target = values.target;
  const selectors: Record<string, unknown>[] = [];
  if (target?.quote) selectors.push({ type: 'TextQuoteSelector', ...target.quote });
  if (target?.position) selectors.push({ type: 'TextPositionSelector', ...target.position });
  if (target) {
    const svg = svgOf(target, values.strokes);
    selectors.push({
      type: 'FragmentSelector',
      conformsTo: 'http://tools.ietf.org/rfc/rfc3778',
      value: `page=${target.page}`,
      ...(svg ? { refinedBy: { type: 'SvgSelector', value: svg } } : {}),
    });
  }
  const body: Record<string, unknown>[] = [];
  if (values.text) {
    body.push({ type: 'TextualBody', value: values.text, format: 'text/plain', language: 'de', purpose: 'commenting' });
  }
  if (values.color) body.push({ type: 'TextualBody', value: values.color, purpose: 'tagging' });
  if (values.votingIntention) {
    body.push({ type: 'TextualBody', value: `Abstimmungsabsicht: ${values.votingIntention}`, purpose: 'describing' });
  }
  return {
    '@context': webAnnotationContext,
    id: annotationUrl,
    type: 'Annotation',
    motivation: motivationOf[annotation.kind],
    created: annotation.createdAt,
    modified: annotation.modifiedAt,
    creator: { type: 'Person', name: annotation.authorName },
    ...(body.length ? { body } : {}),
    target: {
      source: documentUrl,
      ...(target ? { state: { type: 'HttpRequestState', value: `If-None-Match: "${target.sha256}"` } } : {}),
      ...(selectors.length ? { selector: selectors.length === 1 ? selectors[0] : selectors } : {}),
    },
  };
}

export function toWebAnnotationCollection(
  annotations: ExportableAnnotation[],
  documentUrl: string,
  collectionUrl: string,
  label: string,
) {
  return {
    '@context': webAnnotationContext,
    id: collectionUrl,
    type: 'AnnotationCollection',
    label,
    total: annotations.length,
    first: {
      id: `${collectionUrl}#page1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: annotations.map((a) => toWebAnnotation(a, documentUrl, `${collectionUrl}#${a.id}`)),
    },
  };
}
